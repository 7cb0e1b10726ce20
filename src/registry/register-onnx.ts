import { copyFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { readYamlFile } from '../core/index.js';
import { LatheError } from '../errors.js';
import { type Home, hashFile } from '../store/index.js';
import { currentActor } from './actor.js';
import { inspectOnnx } from './onnx/index.js';
import { patchOf, type Registered, type RegisterOptions } from './register-options.js';

/**
 * Checks an ONNX file against its declared signature before it is stored,
 * and returns the signature to record (e.g. completed with the graph's
 * tensor names). The ONNX module installs one with {@link setOnnxInspector};
 * it throws a LatheError to refuse the file.
 */
export type OnnxInspector = (path: string, declared: unknown) => Promise<unknown>;

// ONNX imports are checked by default: decoded, loaded in onnxruntime, matched to the declared signature.
let inspector: OnnxInspector | null = inspectOnnx;

/** Installs the check every ONNX import runs (one at a time; the last one set wins; null stores files unchecked). */
export function setOnnxInspector(fn: OnnxInspector | null): void {
  inspector = fn;
}

/**
 * Stores an `.onnx` file as an artifact (format `onnx`) with its declared
 * signature and registers it. Without an installed {@link OnnxInspector}
 * the bytes are stored unchecked; the inspector is where graph checks live.
 */
export async function registerOnnx(home: Home, file: string, opts: RegisterOptions): Promise<Registered> {
  if (opts.signature === undefined || opts.signature === null) {
    throw new LatheError('BAD_USAGE', `an ONNX model needs its column signature`, { hint: 'pass --signature sig.yaml with inputs: [{name, type}] and outputs' });
  }
  if (statSync(file).size === 0) throw new LatheError('BAD_INPUT', `${file} is empty`, { hint: 'export the model again' });
  const staging = home.stagingDir();
  try {
    // The copy is what gets checked and stored, so a file changing under us cannot slip through.
    const copy = join(staging, basename(file));
    copyFileSync(file, copy);
    const signature = inspector ? await inspector(copy, opts.signature) : opts.signature;
    const { sha256 } = await hashFile(copy);
    const pending = await home.beginPending(sha256);
    try {
      await home.artifacts.putFile(copy, sha256);
      const task = (signature as { task?: unknown }).task;
      return await home.meta.addModelVersion(
        {
          model: opts.name,
          artifact: sha256,
          format: 'onnx',
          task: typeof task === 'string' ? task : null,
          signature,
          metrics: {},
          lineage: { run_id: null, dataset: null, parents: [] },
          source: { kind: 'onnx', location: resolve(file) },
          created_by: opts.actor ?? currentActor(),
        },
        patchOf(opts),
        pending,
      );
    } catch (e) {
      await home.abandon(pending, sha256);
      throw e;
    }
  } finally {
    home.releaseStaging(staging);
  }
}

/**
 * Reads a declared model signature from YAML or JSON: a mapping with
 * `inputs` (a list of `{name, type}`), optional `outputs`, and optional
 * `task`. Shape errors name the key.
 */
export function readSignatureFile(path: string): Record<string, unknown> {
  // The shared loader: size, alias and nesting limits, unknown tags refused, one-line errors.
  const doc = readYamlFile(path, { what: 'signature file', missingHint: 'check the --signature path' });
  const bad = (what: string) => new LatheError('BAD_INPUT', `${path}: ${what}`, { hint: 'write inputs: [{name: x, type: numeric}, …] and outputs: [{name: …, type: …}]' });
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw bad('the signature must be a mapping');
  const sig = doc as Record<string, unknown>;
  for (const key of ['inputs', 'outputs'] as const) {
    const list = sig[key];
    if (list === undefined && key === 'outputs') continue;
    if (!Array.isArray(list) || list.length === 0) throw bad(`"${key}" must be a non-empty list`);
    list.forEach((c, i) => {
      if (c === null || typeof c !== 'object' || typeof c.name !== 'string' || typeof c.type !== 'string') throw bad(`${key}[${i}] needs a string name and type`);
    });
  }
  if (sig.task !== undefined && typeof sig.task !== 'string') throw bad('"task" must be a string');
  return sig;
}
