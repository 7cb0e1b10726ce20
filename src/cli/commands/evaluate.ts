import type { Command } from 'commander';
import { loadFrame, resolveDataset } from '../../ingest/index.js';
import { Predictor, resolveModelPackage } from '../../predict/index.js';
import { loadPackage, recordEvaluation, scoreModel } from '../../train/index.js';
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
        const { sha256 } = await resolveModelPackage(home, o.model);
        const doc = await loadPackage(home, sha256);
        const rec = await resolveDataset(home, o.dataset);
        const run = await RunTracker.start(home, {
          experiment: o.experiment,
          kind: 'evaluate',
          params: { model: sha256 },
          dataset: { name: rec.name, version: rec.version, hash: rec.hash },
        });
        try {
          const frame = await loadFrame(home, `${rec.name}@${rec.version}`);
          const target = doc.target && frame.has(doc.target) ? frame.column(doc.target) : null;
          const { result, predictions } = scoreModel(Predictor.fromDocument(doc), frame, target);
          await run.log({ metrics: result.metrics });
          await recordEvaluation(home, run, result, predictions.classes);
          await run.finish();
          return { model: sha256, dataset: `${rec.name}@${rec.version}`, metrics: result.metrics, warnings: result.warnings, run_id: run.id };
        } catch (e) {
          await run.fail(e);
          throw e;
        }
      });
      if (g.json) return printJson(out);
      println(`${out.dataset} scored by model ${out.model.slice(0, 12)} (run ${out.run_id})`);
      printTable(['metric', 'value'], Object.entries(out.metrics).map(([k, v]) => [k, Number.isNaN(v) ? '—' : Number(v.toPrecision(6)).toString()]));
      for (const w of out.warnings) println(`warning: ${w}`);
    });
}
