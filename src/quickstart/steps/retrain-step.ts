import { LatheError } from '../../errors.js';
import type { RetrainJob } from '../../monitor/index.js';
import { compactJson, expectOk } from '../http-client.js';
import { MODEL, need, type QuickstartContext, type Step } from '../context.js';
import { jobLines } from '../job-text.js';
import { CANARY_REQUESTS, monitorRun } from '../monitor-report.js';
import { features, type PenguinRow } from '../penguin-traffic.js';
import { generated, workFile } from '../paths.js';
import { readFileSync } from 'node:fs';

/** Canary traffic stops here even if the candidate has not answered enough (it is chosen by a hash, ~50%). */
const MAX_CANARY_TRAFFIC = 3 * CANARY_REQUESTS;

/**
 * Step 10: the closed loop the alert started in step 9 — retrained on the
 * newest data with the champion's recorded config, gated against the
 * champion — runs its canary on live traffic; the next monitor run gives the
 * verdict (promote when the candidate's p99 latency is no worse), and the
 * running server follows the alias.
 */
export const retrainStep: Step = {
  name: 'retrain',
  title: 'the closed loop — retrain, gate against the champion, canary, verdict',
  async run(ctx) {
    const started = ctx.state.monitor?.job;
    if (!started) {
      throw new LatheError('CHECK_FAILED', 'the monitor run fired no alert that starts a retrain job', { hint: 'the drifted batch should have fired feature_drift; see monitor.html' });
    }
    for (const line of jobLines(started)) ctx.narrator.say(line);
    ctx.state.job = started;
    if (started.status !== 'canary') {
      ctx.narrator.say(`the job ended ${started.status}: ${MODEL}@production stays at ${started.champion ?? ctx.state.version}`);
      return;
    }
    const server = need(ctx.state.server, 'server');
    // The server re-reads rollouts every second; refreshing now is that poll, without the wait.
    await server.refresh();
    const { sent, answered } = await canaryTraffic(ctx, started);
    await server.ctx.predictionLog?.flush();
    const run = await monitorRun(ctx.home, MODEL, workFile(ctx, 'lathe.yaml'), workFile(ctx, 'monitor.html'));
    const job = run.job ?? started;
    ctx.state.job = job;
    ctx.narrator.say(`${sent} more requests, ${answered} answered by ${MODEL}:${started.candidate}; lathe monitor run again:`);
    ctx.narrator.say(jobLines(job).at(-1) ?? job.status);
    if (job.status !== 'promoted') {
      ctx.narrator.say(`${MODEL}@production stays at ${job.champion}: the champion keeps serving whenever any step of the loop says no`);
      return;
    }
    await server.refresh();
    const row = driftedBatch(ctx)[0];
    const answer = await expectOk('POST', `${server.url}/v1/models/${MODEL}@production:predict`, { instances: [features(row)] });
    ctx.state.answers.after_retrain = answer;
    ctx.state.logged += 1;
    ctx.narrator.say(`${MODEL}@production → ${job.candidate}, served live: a drifted penguin → ${compactJson(answer)}`);
  },
  commands: () => [
    `# after more traffic, the next run judges the canary:`,
    `lathe monitor run ${MODEL} --config ${generated('lathe.yaml')}`,
    `lathe monitor show ${MODEL}   # the job's trail`,
  ],
};

/** The drifted batch as served (inputs only). */
function driftedBatch(ctx: QuickstartContext): PenguinRow[] {
  return JSON.parse(readFileSync(need(ctx.state.driftedFile, 'drifted batch'), 'utf8')) as PenguinRow[];
}

/**
 * More of the drifted traffic, one request at a time (so latencies are the
 * model's, not a queue's), until the candidate has answered the canary's quota.
 */
async function canaryTraffic(ctx: QuickstartContext, job: RetrainJob): Promise<{ sent: number; answered: number }> {
  const url = `${need(ctx.state.server, 'server').url}/v1/models/${MODEL}@production:predict`;
  const rows = driftedBatch(ctx);
  let answered = 0;
  let sent = 0;
  while (answered < CANARY_REQUESTS && sent < MAX_CANARY_TRAFFIC) {
    const body = (await expectOk('POST', url, { instances: [features(rows[sent % rows.length])] }, { 'x-request-id': `qs-canary-${sent}` })) as { model_version: number };
    if (body.model_version === job.candidate) answered++;
    sent++;
  }
  ctx.state.logged += sent;
  return { sent, answered };
}
