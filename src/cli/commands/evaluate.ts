import type { Command } from 'commander';
import { loadFrame, resolveDataset } from '../../ingest/index.js';
import type { Column, Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { loadOnnxPredictor, Predictor, type ResolvedModel, resolveModelPackage } from '../../predict/index.js';
import type { Home } from '../../store/index.js';
import { loadPackage, recordEvaluation, type Scored, scoreModel, scorePredictions } from '../../train/index.js';
import { RunTracker } from '../../tracking/index.js';
import { printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe evaluate --model <ref> --dataset <ref>`. */
export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('score an existing model on a dataset version (recorded as an evaluate run)')
    .requiredOption('--model <ref>', 'a registered model (name, name@alias, name:N), a run id (or unique prefix), or a package sha256')
    .requiredOption('--dataset <ref>', 'the data to score: name or name@N; it must have the target column')
    .option('--experiment <name>', 'the experiment the evaluate run belongs to', 'default')
    .action(async (o: { model: string; dataset: string; experiment: string }, cmd: Command) => {
      const g = globals(cmd);
      const out = await withHome(g, async (home) => {
        const resolved = await resolveModelPackage(home, o.model);
        const { sha256 } = resolved;
        const model = await evaluable(home, resolved);
        const rec = await resolveDataset(home, o.dataset);
        const run = await RunTracker.start(home, {
          experiment: o.experiment,
          kind: 'evaluate',
          params: { model: sha256 },
          dataset: { name: rec.name, version: rec.version, hash: rec.hash },
        });
        try {
          const frame = await loadFrame(home, `${rec.name}@${rec.version}`);
          const target = model.target && frame.has(model.target) ? frame.column(model.target) : null;
          const { result, predictions } = await model.score(frame, target);
          await run.log({ metrics: result.metrics });
          await recordEvaluation(home, run, result, predictions.classes);
          await run.finish();
          return { model: sha256, dataset: `${rec.name}@${rec.version}`, metrics: result.metrics, warnings: result.warnings, run_id: run.id };
        } catch (e) {
          await run.fail(e);
          throw e;
        } finally {
          await model.close();
        }
      });
      if (g.json) return printJson(out);
      println(`${out.dataset} scored by model ${out.model.slice(0, 12)} (run ${out.run_id})`);
      printTable(['metric', 'value'], Object.entries(out.metrics).map(([k, v]) => [k, Number.isNaN(v) ? '—' : Number(v.toPrecision(6)).toString()]));
      for (const w of out.warnings) println(`warning: ${w}`);
    });
}

/** A model to evaluate, whatever its format. */
interface Evaluable {
  target: string | null;
  score(frame: Frame, target: Column | null): Promise<Scored>;
  close(): Promise<void>;
}

/** A Lathe package scores natively; an ONNX version through onnxruntime, against the target its signature declares. */
async function evaluable(home: Home, resolved: ResolvedModel): Promise<Evaluable> {
  if (resolved.format !== 'onnx') {
    const doc = await loadPackage(home, resolved.sha256);
    return { target: doc.target, score: async (frame, target) => scoreModel(Predictor.fromDocument(doc), frame, target), close: async () => {} };
  }
  const p = await loadOnnxPredictor(home, resolved);
  if (p.signature.target === null && p.task !== 'clustering') {
    await p.close();
    throw new LatheError('BAD_USAGE', `${resolved.version?.model}:${resolved.version?.version} is an ONNX import with no declared target column`, {
      hint: 'register it again with target: <column> in its --signature file',
    });
  }
  return { target: p.signature.target, score: async (frame, t) => scorePredictions(p.task, await p.predict(frame), t), close: () => p.close() };
}
