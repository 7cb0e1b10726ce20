import type { RetrainJob } from '../monitor/index.js';
import type { QuickstartContext } from './context.js';
import { MODEL } from './context.js';

/** One step as it ran. */
export interface StepOutcome {
  name: string;
  title: string;
  seconds: number;
  commands: string[];
}

/** What `lathe quickstart --json` prints. */
export interface QuickstartResult {
  home: string;
  temporary: boolean;
  seconds: number;
  steps: StepOutcome[];
  dataset: { ref: string; rows: number };
  validation: { valid: boolean; errors: number; warnings: number };
  train: { run_id: string; algo: string; task: string; test: Record<string, number>; search_trials: number };
  model: { name: string; version: number; production: number };
  server: { url: string };
  answers: Record<string, unknown>;
  drifted_batch: { file: string; anomalies: { column: string | null; reason: string; percent: number }[] };
  drift: { dataset_drift: boolean; drift_share: number | null; drifted: string[] };
  monitor: { windows: { rows: number; drift_share: number | null; accuracy: number | null; alerts: string[] }[] };
  /** The closed loop: the data it retrained on and its job, as the last monitor run left it. */
  retrain: {
    dataset: string;
    job: { id: string; status: string; trigger: string; candidate: number | null; champion: number | null; steps: string[] };
    gate: { passed: boolean; metric: string; candidate_score: number; champion_score: number | null } | null;
    verdict: { candidate_requests: number; candidate_p99_ms: number; champion_p99_ms: number | null; reason: string | null } | null;
  } | null;
  reports: { profile: string; drift: string; monitor: string };
}

/** Gathers the result from the state the steps left. */
export function quickstartResult(ctx: QuickstartContext, temporary: boolean, seconds: number, steps: StepOutcome[], url: string): QuickstartResult {
  const s = ctx.state;
  const t = s.train!;
  const job = s.job;
  return {
    home: ctx.dir,
    temporary,
    seconds,
    steps,
    dataset: { ref: s.dataset!, rows: s.rows! },
    validation: s.validation!,
    train: { run_id: t.run_id, algo: t.algo, task: t.task, test: t.metrics.test, search_trials: t.search?.trials ?? 0 },
    model: { name: MODEL, version: s.version!, production: job?.status === 'promoted' && job.candidate !== null ? job.candidate : s.version! },
    server: { url },
    answers: s.answers,
    drifted_batch: { file: s.driftedFile!, anomalies: s.driftedAnomalies ?? [] },
    drift: { dataset_drift: s.drift!.dataset_drift, drift_share: s.drift!.drift_share, drifted: s.drift!.columns.filter((c) => c.drift).map((c) => c.name) },
    monitor: {
      windows: (s.monitor?.windows ?? []).map((w) => ({ rows: w.rows, drift_share: w.drift_share, accuracy: w.realized.accuracy ?? null, alerts: w.alerts.fired })),
    },
    retrain: job ? { dataset: s.newDataset!, job: { id: job.id, status: job.status, trigger: job.trigger, candidate: job.candidate, champion: job.champion, steps: job.history.map((h) => h.step) }, gate: gateOf(job), verdict: verdictOf(job) } : null,
    reports: { profile: s.reports.profile!, drift: s.reports.drift!, monitor: s.reports.monitor! },
  };
}

function detail(job: RetrainJob, ...steps: string[]): Record<string, unknown> | null {
  const h = job.history.find((x) => steps.includes(x.step));
  return h ? (h.detail as Record<string, unknown>) : null;
}

function gateOf(job: RetrainJob): NonNullable<QuickstartResult['retrain']>['gate'] {
  const d = detail(job, 'gate') as { passed: boolean; primary_metric: string; scores: { candidate: Record<string, number>; champion: Record<string, number> | null } } | null;
  if (!d) return null;
  const m = d.primary_metric;
  return { passed: d.passed, metric: m, candidate_score: d.scores.candidate[m], champion_score: d.scores.champion?.[m] ?? null };
}

function verdictOf(job: RetrainJob): NonNullable<QuickstartResult['retrain']>['verdict'] {
  const d = detail(job, 'canary verdict', 'promote') as { candidate_requests: number; candidate_p99_ms: number; champion_p99_ms: number | null; reason?: string } | null;
  return d ? { candidate_requests: d.candidate_requests, candidate_p99_ms: d.candidate_p99_ms, champion_p99_ms: d.champion_p99_ms, reason: d.reason ?? null } : null;
}
