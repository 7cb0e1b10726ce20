import { defaultConfig, train } from '../../train/index.js';
import { MODEL, need, type Step, TARGET } from '../context.js';
import { metricsText } from '../metrics-text.js';

/** Step 4: `--algo auto` with a small search, gated by the schema, tracked as a run. */
export const trainStep: Step = {
  name: 'train',
  title: 'train --algo auto — a small hyper-parameter search across the suitable algorithms',
  async run(ctx) {
    const cfg = defaultConfig(need(ctx.state.dataset, 'dataset'), TARGET);
    cfg.search = ctx.searchTrials;
    cfg.schema = need(ctx.state.schemaFile, 'schema');
    cfg.experiment = 'quickstart';
    const r = await train(ctx.home, cfg);
    ctx.state.train = r;
    const s = r.search;
    if (s) ctx.narrator.say(`${s.trials} trials in ${s.seconds.toFixed(1)} s on worker threads (each a child run); best on validation rows: ${s.best.algo} (${s.metric} ${s.best.score.toFixed(3)})`);
    ctx.narrator.say(`run ${r.run_id}: ${r.task} ${r.algo}, refitted on the training rows; held-out test: ${metricsText(r.metrics.test)}`);
  },
  commands: (ctx) => [`lathe train --dataset ${ctx.state.dataset} --target ${TARGET} --algo auto --search ${ctx.searchTrials} --schema schema.yaml --experiment quickstart --register ${MODEL}`],
};
