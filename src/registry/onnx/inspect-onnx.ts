import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LatheError } from '../../errors.js';
import { readDeclaredSignature } from './declared-signature.js';
import { decodeModel, graphClassLabels } from './onnx-decode.js';
import type { OnnxSignature } from './onnx-signature.js';
import { type GraphValue, matchSignature } from './match-signature.js';
import { createSession, type OrtSession } from './runtime.js';

/**
 * The ONNX import check (installed as the registry's OnnxInspector): refuses
 * a file that is not an ONNX model, a model onnxruntime cannot load (an
 * operator it does not implement, a malformed graph), and a graph whose
 * inputs or outputs do not match the declared signature. Returns the
 * signature to record: the declared columns plus how to feed the graph and
 * read its outputs. Nothing in the file is executed beyond onnxruntime's
 * loading of its operators.
 *
 * @example
 * ```ts
 * const sig = await inspectOnnx('model.onnx', readSignatureFile('sig.yaml'));
 * sig.onnx.layout; // 'columns' or 'matrix'
 * ```
 */
export async function inspectOnnx(path: string, declared: unknown): Promise<OnnxSignature> {
  const label = basename(path);
  const sig = readDeclaredSignature(declared);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (cause) {
    throw new LatheError('NOT_FOUND', `${path} cannot be read`, { hint: 'check the path', cause });
  }
  const model = decodeModel(bytes, label);
  const session = await createSession(bytes, label, { threads: 1 });
  try {
    return matchSignature(sig, session.inputMetadata.map(graphValue), session.outputMetadata.map(graphValue), graphClassLabels(model));
  } finally {
    await session.release();
  }
}

/** onnxruntime's metadata of one input or output, as a {@link GraphValue}. */
export function graphValue(m: OrtSession['inputMetadata'][number]): GraphValue {
  if (!m.isTensor) return { name: m.name, isTensor: false, elem: null, shape: [] };
  return { name: m.name, isTensor: true, elem: m.type, shape: m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : String(d))) };
}
