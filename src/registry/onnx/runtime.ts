import { LatheError } from '../../errors.js';
import type * as OrtModule from 'onnxruntime-node';

/** The onnxruntime-node module, loaded on first use. */
export type Ort = typeof OrtModule;
/** An onnxruntime inference session. */
export type OrtSession = OrtModule.InferenceSession;

let loading: Promise<Ort> | null = null;

/**
 * Loads onnxruntime-node lazily: it is a heavy native module, and only ONNX
 * export checks, ONNX imports and ONNX scoring need it. A failed load is
 * one clear error rather than a stack from the native loader.
 */
export function loadOrt(): Promise<Ort> {
  loading ??= import('onnxruntime-node')
    .then((m) => ((m as unknown as { default?: Ort }).default ?? m) as Ort)
    .catch((cause: unknown) => {
      loading = null;
      throw new LatheError('INTERNAL', `onnxruntime-node failed to load: ${(cause as Error).message.split('\n')[0]}`, {
        hint: 'reinstall dependencies (`npm ci`; .npmrc must keep onnxruntime-node-install=skip, the CPU binary ships in the package)',
        cause,
      });
    });
  return loading;
}

/** Options of {@link createSession}. */
export interface SessionOptions {
  /** onnxruntime's intra-op threads (default: onnxruntime's choice, one per core). */
  threads?: number;
}

/**
 * Creates an inference session on model bytes. onnxruntime's own message
 * (an unknown operator, a type error in the graph) is kept, on one line.
 * Warnings are silenced: onnxruntime prints shape-merge notes to stderr
 * that would break the CLI's one-line error contract.
 */
export async function createSession(bytes: Uint8Array, label: string, opts: SessionOptions = {}): Promise<OrtSession> {
  const ort = await loadOrt();
  try {
    return await ort.InferenceSession.create(bytes, {
      logSeverityLevel: 3,
      graphOptimizationLevel: 'all',
      ...(opts.threads ? { intraOpNumThreads: opts.threads } : {}),
    });
  } catch (cause) {
    throw new LatheError('UNSUPPORTED_FORMAT', `onnxruntime cannot run ${label}: ${oneLine((cause as Error).message)}`, {
      hint: 'convert the model again with standard operators onnxruntime implements (the ai.onnx and ai.onnx.ml domains, ai.onnx.ml opset ≤ 5) and no custom ones',
      cause,
    });
  }
}

function oneLine(msg: string): string {
  const s = msg.replace(/\s+/g, ' ').trim();
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}
