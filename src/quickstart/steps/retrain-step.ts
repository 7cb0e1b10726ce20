import { readFileSync } from 'node:fs';
import { ingest } from '../../ingest/index.js';
import { registerModel } from '../../registry/index.js';
import { promote } from '../../registry/promote/index.js';
import { writeFileAtomic } from '../../store/index.js';
import { defaultConfig, train } from '../../train/index.js';
import { compactJson, expectOk } from '../http-client.js';
import { DATASET, MODEL, need, type Step, TARGET } from '../context.js';
import { metricsText, round3 } from '../metrics-text.js';
import { features, type PenguinRow, readPenguins } from '../penguin-traffic.js';
import { generated, workFile } from '../paths.js';

/**
 * Step 10: the alerts call for a retrain. The labelled new batch joins the
 * training data as penguins@2, a candidate is trained on it and registered,
 * and the promotion gate scores candidate and champion on the same held-out
 * rows; only if the candidate is not worse (and beats the baseline) does
 * @production move — and the running server follows the alias live.
 */
export const retrainStep: Step = {
  name: 'retrain',
  title: 'retrain through the gate — new data, a candidate, and a promotion only if it earns it',
  async run(ctx) {
    const penguins = readPenguins(ctx.penguinsFile);
    // The drifted batch as it was served, now with the labels that arrived for it.
    const served = JSON.parse(readFileSync(need(ctx.state.driftedFile, 'drifted batch'), 'utf8')) as PenguinRow[];
    const species = ctx.state.traffic.filter((t) => t.drifted).map((t) => t.species);
    const labelled = served.map((row, i) => ({ [TARGET]: species[i], ...row }));
    const file = workFile(ctx, 'penguins-with-new-batch.json');
    writeFileAtomic(file, JSON.stringify([...penguins, ...labelled]));
    const { record } = await ingest(ctx.home, file, DATASET);
    const dataset = `${DATASET}@${record.version}`;
    const cfg = defaultConfig(dataset, TARGET);
    cfg.experiment = 'quickstart';
    const run = await train(ctx.home, cfg);
    const { record: version } = await registerModel(ctx.home, run.run_id, { name: MODEL });
    ctx.narrator.say(`${dataset}: ${record.rows} rows (the old data plus the labelled batch); candidate ${MODEL}:${version.version} = ${run.algo}, test ${metricsText(run.metrics.test, ['accuracy', 'log_loss'])}`);
    const promotion = await promote(ctx.home, { ref: `${MODEL}:${version.version}`, alias: 'production', message: 'quickstart: retrained after the drift and accuracy alerts' });
    ctx.state.retrain = { dataset, run_id: run.run_id, algo: run.algo, candidate: version.version, promotion };
    const champion = promotion.scores.champion?.[promotion.primary_metric];
    const candidate = promotion.scores.candidate[promotion.primary_metric];
    ctx.narrator.say(`lathe promote: on ${promotion.dataset.rows} held-out rows of ${dataset}, ${promotion.primary_metric} ${round3(candidate)} (candidate) vs ${champion === undefined ? '—' : round3(champion)} (champion)`);
    ctx.narrator.say(`gate: ${promotion.gates.map((g) => `${g.passed ? 'pass' : 'FAIL'} ${g.gate}`).join(', ')} → ${promotion.moved ? `${MODEL}@production → ${version.version}` : `refused, ${MODEL}@production stays at ${promotion.champion}`}`);
    if (!promotion.moved) return;
    const server = need(ctx.state.server, 'server');
    // The server polls the registry every second; refreshing now is that poll, without the wait.
    await server.refresh();
    const answer = await expectOk('POST', `${server.url}/v1/models/${MODEL}@production:predict`, { instances: [features(labelled[0])] });
    ctx.state.answers.after_retrain = answer;
    ctx.narrator.say(`the server follows the alias live: a drifted ${labelled[0][TARGET]} → ${compactJson(answer)}`);
  },
  commands: (ctx) => [
    `lathe ingest ${generated('penguins-with-new-batch.json')} --name ${DATASET}`,
    `lathe train --dataset ${ctx.state.retrain?.dataset ?? `${DATASET}@2`} --target ${TARGET} --experiment quickstart --register ${MODEL}`,
    `lathe promote ${MODEL}:${ctx.state.retrain?.candidate ?? 2} --alias production -m "retrained after the drift and accuracy alerts"`,
  ],
};
