import { Frame, type Column } from '../../core/index.js';
import { BufferPool } from '../../data/pipeline/index.js';
import { LatheError } from '../../errors.js';
import { Predictor, scoreFrame } from '../../predict/index.js';
import { loadVerifiedPackage } from '../../registry/index.js';
import type { Home, ModelVersionRecord } from '../../store/index.js';
import type { ServedModel } from './served-model.js';

/** Loads one registered version into a {@link ServedModel}. */
export type ModelLoader = (home: Home, v: ModelVersionRecord) => Promise<ServedModel>;

const loaders = new Map<string, ModelLoader>();

/** Registers the loader of a model format (`lathe`, `onnx`, ...). */
export function registerModelLoader(format: string, loader: ModelLoader): void {
  loaders.set(format, loader);
}

/**
 * Loads a version with the loader of its format, then warms it with one
 * all-missing row so the first real request pays no first-call costs. Any
 * failure is a LatheError naming the version.
 */
export async function loadServedModel(home: Home, v: ModelVersionRecord): Promise<ServedModel> {
  const loader = loaders.get(v.format);
  if (!loader) {
    throw new LatheError('UNSUPPORTED_FORMAT', `${v.model}:${v.version} is a ${v.format} model, which this server cannot load`, {
      hint: `formats served: ${[...loaders.keys()].join(', ')}`,
    });
  }
  const m = await loader(home, v);
  await m.score(warmupFrame(m));
  return m;
}

/** One row with every input missing: valid for any pipeline, and it runs every step. */
export function warmupFrame(m: Pick<ServedModel, 'inputs'>): Frame {
  return Frame.of(
    m.inputs.map((i): Column =>
      i.type === 'categorical' || i.type === 'text'
        ? { name: i.name, type: i.type, codes: new Int32Array([-1]), dictionary: [] }
        : { name: i.name, type: i.type, values: new Float64Array([Number.NaN]) },
    ),
    1,
  );
}

// Registered ONNX files, scored by onnxruntime-node, which is loaded only when such a version is served.
registerModelLoader('onnx', async (home, v) => {
  const { loadOnnxServed } = await import('../../predict/index.js');
  // One intra-op thread: the server scores many small requests, and the other core serves the network.
  return loadOnnxServed(home, v, { threads: 1 });
});

// The built-in format: a verified Lathe model package. Nothing in it is executed.
registerModelLoader('lathe', async (home, v) => {
  const doc = await loadVerifiedPackage(home, v.artifact, `${v.model}:${v.version}`);
  const predictor = Predictor.fromDocument(doc);
  // One pool per loaded model: scoring is synchronous, so one request's
  // buffers are free again before the next request runs.
  const pool = new BufferPool();
  return {
    name: v.model,
    version: v.version,
    artifact: v.artifact,
    format: 'lathe',
    task: doc.task,
    inputs: doc.signature.inputs,
    classes: doc.classes,
    labelType: doc.target_type ?? null,
    score: (frame) => scoreFrame(predictor, frame, pool),
  };
});
