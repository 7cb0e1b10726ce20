import { confusionSvg, lineChartSvg } from '../report/index.js';
import type { Home } from '../store/index.js';
import type { RunTracker } from '../tracking/index.js';
import type { EvaluateResult } from './metrics/index.js';

/** One file a run keeps next to its metrics. */
export interface EvaluationFile {
  /** Path-like name within the run. */
  name: string;
  kind: 'json' | 'svg';
  text: string;
}

/**
 * The files that describe an evaluation: `evaluation.json` (every metric,
 * the confusion matrix, curves, calibration table, residual quantiles or
 * cluster sizes, and warnings; NaN as null) and SVG plots for the task —
 * ROC, precision-recall and calibration curves for binary, the confusion
 * matrix for classification. Curves are thinned to a few hundred points in
 * the plots, never in the JSON.
 */
export function evaluationFiles(result: EvaluateResult, labels: readonly string[] | null): EvaluationFile[] {
  const files: EvaluationFile[] = [{ name: 'evaluation.json', kind: 'json', text: `${JSON.stringify({ ...result, labels }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n` }];
  const c = result.curves;
  if (c) {
    const auc = result.metrics.roc_auc;
    files.push({ name: 'plots/roc.svg', kind: 'svg', text: lineChartSvg([{ label: `ROC (AUC ${fmt(auc)})`, x: c.roc.fpr, y: c.roc.tpr }], { title: 'ROC curve', xLabel: 'false positive rate', yLabel: 'true positive rate', diagonal: true }) });
    files.push({ name: 'plots/pr.svg', kind: 'svg', text: lineChartSvg([{ label: `PR (AP ${fmt(result.metrics.average_precision)})`, x: c.pr.recall, y: c.pr.precision }], { title: 'Precision-recall curve', xLabel: 'recall', yLabel: 'precision' }) });
  }
  if (result.calibration && result.calibration.length > 0) {
    const cal = result.calibration;
    files.push({ name: 'plots/calibration.svg', kind: 'svg', text: lineChartSvg([{ label: 'model', x: cal.map((b) => b.mean_predicted), y: cal.map((b) => b.fraction_positive) }], { title: 'Calibration', xLabel: 'mean predicted probability', yLabel: 'fraction positive', diagonal: true }) });
  }
  if (result.confusion) files.push({ name: 'plots/confusion.svg', kind: 'svg', text: confusionSvg(result.confusion, labels ?? result.confusion.map((_, i) => String(i))) });
  return files;
}

/** Stores the evaluation files in the artifact store and lists them on the run, under `prefix`. */
export async function recordEvaluation(home: Home, run: RunTracker, result: EvaluateResult, labels: readonly string[] | null, prefix = ''): Promise<void> {
  for (const f of evaluationFiles(result, labels)) {
    const stored = await home.artifacts.putBytes(new TextEncoder().encode(f.text));
    await run.addArtifact({ name: prefix + f.name, sha256: stored.sha256, kind: f.kind });
  }
}

function fmt(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3);
}
