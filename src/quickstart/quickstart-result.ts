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
  retrain: { dataset: string; run_id: string; algo: string; candidate: number; passed: boolean; moved: boolean; metric: string; candidate_score: number; champion_score: number | null } | null;
  reports: { profile: string; drift: string; monitor: string };
}

/** Gathers the result from the state the steps left. */
export function quickstartResult(ctx: QuickstartContext, temporary: boolean, seconds: number, steps: StepOutcome[], url: string): QuickstartResult {
  const s = ctx.state;
  const t = s.train!;
  const r = s.retrain;
  return {
    home: ctx.dir,
    temporary,
    seconds,
    steps,
    dataset: { ref: s.dataset!, rows: s.rows! },
    validation: s.validation!,
    train: { run_id: t.run_id, algo: t.algo, task: t.task, test: t.metrics.test, search_trials: t.search?.trials ?? 0 },
    model: { name: MODEL, version: s.version!, production: r?.promotion.moved ? r.candidate : s.version! },
    server: { url },
    answers: s.answers,
    drifted_batch: { file: s.driftedFile!, anomalies: s.driftedAnomalies ?? [] },
    drift: { dataset_drift: s.drift!.dataset_drift, drift_share: s.drift!.drift_share, drifted: s.drift!.columns.filter((c) => c.drift).map((c) => c.name) },
    monitor: {
      windows: (s.monitor?.windows ?? []).map((w) => ({ rows: w.rows, drift_share: w.drift_share, accuracy: w.realized.accuracy ?? null, alerts: w.alerts.fired })),
    },
    retrain: r
      ? {
          dataset: r.dataset,
          run_id: r.run_id,
          algo: r.algo,
          candidate: r.candidate,
          passed: r.promotion.passed,
          moved: r.promotion.moved,
          metric: r.promotion.primary_metric,
          candidate_score: r.promotion.scores.candidate[r.promotion.primary_metric],
          champion_score: r.promotion.scores.champion?.[r.promotion.primary_metric] ?? null,
        }
      : null,
    reports: { profile: s.reports.profile!, drift: s.reports.drift!, monitor: s.reports.monitor! },
  };
}
