import { newId } from '../../core/index.js';
import { isLatheError, LatheError } from '../../errors.js';
import { registerRun, removeAlias, resolveModelVersion, setAlias } from '../../registry/index.js';
import { promote } from '../../registry/promote/index.js';
import { openServeStore } from '../../serve/index.js';
import type { Home } from '../../store/index.js';
import { defaultConfig, train, type TrainConfig } from '../../train/index.js';
import type { AlertEvent } from '../alerts/index.js';
import type { MonitorStore, RetrainJob } from '../store/monitor-store.js';
import { type RetrainPolicy, triggers } from './retrain-policy.js';

/** The private alias the gate runs against: it points at the champion while the candidate is scored. */
const GATE_ALIAS = 'retrain-gate';
/** A canary's p99 latency may exceed the champion's by this factor and still count as no worse (p99s of a few hundred requests are noisy). */
export const CANARY_LATENCY_SLACK = 1.1;
const ACTOR = 'lathe-monitor';

/**
 * Starts the closed loop when an alert that the policy names fired: retrains
 * with the champion's recorded training config on the newest version of its
 * dataset, registers the candidate, runs the promotion gate against the
 * champion (on a private alias, so the champion's alias never moves here),
 * then starts a canary — or waits for `lathe approve` with `approve: manual`.
 * One job per model at a time; any failing step ends the job as `failed` and
 * leaves the champion serving.
 */
export async function startRetrain(home: Home, store: MonitorStore, model: string, policy: RetrainPolicy, fired: readonly AlertEvent[]): Promise<RetrainJob | null> {
  const cause = fired.find((a) => triggers(policy, a.rule));
  if (!cause) return null;
  const job = store.createJob({ id: newId(), model, trigger: cause.rule, status: 'running', candidate: null, champion: null }, { alert: cause });
  if (!job) return null;
  try {
    const champion = await resolveModelVersion(home, `${model}@${policy.alias}`);
    const cfg = await retrainConfig(home, champion.version.lineage.run_id, champion.version.lineage.dataset?.name ?? null);
    const trained = await train(home, cfg);
    const { record } = await registerRun(home, trained.run_id, { name: model, description: `retrained after ${cause.rule}` });
    store.stepJob(job.id, 'retrained', 'running', { run_id: trained.run_id, dataset: cfg.dataset, metrics: trained.metrics.test }, { candidate: record.version, champion: champion.version.version });
    const gate = await gateAgainstChampion(home, model, record.version, champion.version.version, policy);
    if (!gate.passed) return store.stepJob(job.id, 'gate', 'failed', gate);
    if (policy.approve === 'manual') return store.stepJob(job.id, 'gate', 'awaiting_approval', gate);
    store.stepJob(job.id, 'gate', 'running', gate);
    return await startCanary(home, store, store.getJob(job.id)!, policy);
  } catch (e) {
    return store.stepJob(job.id, 'error', 'failed', { error: isLatheError(e) ? e.oneLine() : String(e) });
  }
}

/** `lathe approve <job>`: a job waiting for approval goes on to its canary. */
export async function approveJob(home: Home, store: MonitorStore, id: string, policy: RetrainPolicy): Promise<RetrainJob> {
  const job = store.getJob(id);
  if (!job) throw new LatheError('NOT_FOUND', `no retrain job "${id}"`, { hint: 'list jobs with `lathe monitor show <model>`' });
  if (job.status !== 'awaiting_approval') {
    throw new LatheError('CONFLICT', `job ${id} is ${job.status}, not awaiting approval`, { hint: 'only a job whose gate passed under approve: manual can be approved' });
  }
  store.stepJob(id, 'approved', 'running', { actor: process.env.LATHE_ACTOR ?? process.env.USER ?? 'unknown' });
  return startCanary(home, store, store.getJob(id)!, policy);
}

/**
 * Moves a canary on once the candidate has answered `canary.requests`
 * requests: promotes it (through the gate again, audited) when its p99
 * latency is no worse than the champion's over the same period, otherwise
 * aborts. The prediction log holds answered requests only, so the error
 * rate is not compared yet; the job says so.
 */
export async function advanceCanary(home: Home, store: MonitorStore, model: string, policy: RetrainPolicy): Promise<RetrainJob | null> {
  const job = store.activeJob(model);
  if (!job || job.status !== 'canary' || job.candidate === null || job.champion === null) return job;
  const started = (job.history.find((h) => h.step === 'canary')?.detail as { started_ms: number }).started_ms;
  const cand = store.versionLatencies(model, job.candidate, started);
  if (cand.length < policy.canary.requests) return job;
  const champ = store.versionLatencies(model, job.champion, started);
  const p99 = (v: Float64Array) => (v.length ? v.slice().sort()[Math.min(v.length - 1, Math.ceil(0.99 * v.length) - 1)] : Number.NaN);
  const verdict = { candidate_requests: cand.length, champion_requests: champ.length, candidate_p99_ms: p99(cand), champion_p99_ms: champ.length ? p99(champ) : null, error_rate: 'not in the prediction log' };
  const serve = openServeStore(home);
  try {
    await serve.deleteRollouts(model, policy.alias, 'canary');
    const latencyOk = champ.length === 0 || p99(cand) <= CANARY_LATENCY_SLACK * p99(champ);
    if (!latencyOk) return store.stepJob(job.id, 'canary verdict', 'aborted', { ...verdict, reason: 'canary p99 latency worse than the champion' });
    const r = await promote(home, { ref: `${model}:${job.candidate}`, alias: policy.alias, gate: policy.gate ?? undefined, message: `closed loop job ${job.id}`, actor: ACTOR });
    if (!r.moved) return store.stepJob(job.id, 'promote', 'aborted', { ...verdict, reason: 'the gate refused at promotion', gates: r.gates });
    return store.stepJob(job.id, 'promote', 'promoted', { ...verdict, audit: r.audit });
  } finally {
    await serve.close();
  }
}

async function startCanary(home: Home, store: MonitorStore, job: RetrainJob, policy: RetrainPolicy): Promise<RetrainJob> {
  const serve = openServeStore(home);
  try {
    const now = Date.now();
    const target = `${job.model}@${policy.alias}`;
    await serve.putRollout({ model: job.model, alias: policy.alias, kind: 'canary', version: job.candidate!, percent: policy.canary.percent, started: new Date(now).toISOString(), actor: ACTOR });
    await serve.appendAudit({ at: new Date(now).toISOString(), actor: ACTOR, action: 'rollout.canary', target, detail: JSON.stringify({ version: job.candidate, percent: policy.canary.percent, job: job.id }) });
    return store.stepJob(job.id, 'canary', 'canary', { started_ms: now, percent: policy.canary.percent, requests: policy.canary.requests });
  } finally {
    await serve.close();
  }
}

/** Scores the candidate against the champion with promote's gate, on a private alias pointing at the champion. */
async function gateAgainstChampion(home: Home, model: string, candidate: number, champion: number, policy: RetrainPolicy) {
  await setAlias(home, model, GATE_ALIAS, champion, { actor: ACTOR, message: 'closed-loop gate: the champion to beat' });
  try {
    const r = await promote(home, { ref: `${model}:${candidate}`, alias: GATE_ALIAS, gate: policy.gate ?? undefined, actor: ACTOR, message: 'closed-loop gate' });
    return { passed: r.passed, gates: r.gates, primary_metric: r.primary_metric, scores: r.scores };
  } finally {
    await removeAlias(home, model, GATE_ALIAS, { actor: ACTOR });
  }
}

/** The champion's recorded training config, on the newest version of its dataset. */
async function retrainConfig(home: Home, runId: string | null, dataset: string | null): Promise<TrainConfig> {
  const run = runId ? await home.meta.getRun(runId) : undefined;
  if (!run || !dataset) {
    throw new LatheError('NOT_FOUND', 'the champion has no recorded training run or dataset to retrain from', { hint: 'register models trained by `lathe train`' });
  }
  const p = run.params as { algo?: string; task?: string; target?: string | null; split?: TrainConfig['split']; cv?: number; user_params?: TrainConfig['params'] };
  const base = defaultConfig(dataset, p.target ?? null);
  // A clustering champion has no target; its task must be restated or pre-flight refuses the retrain.
  const task = !p.target && p.task === 'clustering' ? { task: 'clustering' as const } : {};
  return { ...base, ...task, algo: p.algo ?? 'auto', params: p.user_params ?? {}, split: p.split ?? base.split, cv: p.cv ?? 0, experiment: 'retrain' };
}
