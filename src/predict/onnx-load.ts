import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LatheError } from '../errors.js';
import { readOnnxSignature, type OnnxSignature } from '../registry/onnx/index.js';
import type { Home } from '../store/index.js';
import { OnnxPredictor, type OnnxPredictorOptions } from './onnx-predictor.js';
import type { ResolvedModel } from './resolve-model.js';

/** A stored ONNX version: its verified bytes and recorded signature. */
export interface OnnxArtifact {
  bytes: Uint8Array;
  signature: OnnxSignature;
  label: string;
}

/**
 * Reads an ONNX version's file from the artifact store and checks its
 * sha256 against the key before anything uses it, so a changed or
 * truncated file is refused (INTEGRITY, naming the file) rather than run.
 */
export async function readOnnxArtifact(home: Home, resolved: ResolvedModel): Promise<OnnxArtifact> {
  const v = resolved.version;
  if (resolved.format !== 'onnx' || !v) {
    throw new LatheError('INTERNAL', 'readOnnxArtifact needs a registered ONNX version', { hint: 'resolve the ref with resolveModelPackage first' });
  }
  const label = `${v.model}:${v.version}`;
  const path = await home.artifacts.localPath(resolved.sha256);
  const bytes = new Uint8Array(readFileSync(path));
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== resolved.sha256) {
    throw new LatheError('INTEGRITY', `the ONNX file of ${label} (${path}) does not match its sha256: it was changed or damaged`, {
      hint: 'restore the home from a backup, or register the original .onnx file again',
    });
  }
  return { bytes, signature: readOnnxSignature(v.signature, label), label };
}

/**
 * Loads a registered ONNX version for scoring.
 *
 * @example
 * ```ts
 * const p = await loadOnnxPredictor(home, await resolveModelPackage(home, 'churn@production'));
 * const { prediction } = await p.predict(frame);
 * ```
 */
export async function loadOnnxPredictor(home: Home, resolved: ResolvedModel, opts: OnnxPredictorOptions = {}): Promise<OnnxPredictor> {
  const a = await readOnnxArtifact(home, resolved);
  return OnnxPredictor.load(a.bytes, a.signature, opts);
}
