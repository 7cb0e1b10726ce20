import { LatheError } from '../errors.js';
import type { Home } from '../store/index.js';
import { loadTarget } from './load-target.js';
import { type LabelIngestResult, MonitorStore } from './store/monitor-store.js';

/** Options of {@link ingestLabels}. */
export interface LabelIngestOptions {
  idColumn: string;
  labelColumn: string;
  format?: string;
}

/**
 * Reads delayed ground truth from a dataset version or file and stores it
 * for a model, joined later to logged predictions by request id. Labels must
 * fit the model's predictions: numbers for a regressor (a text label there
 * is refused, with a count); anything for a classifier (compared as text).
 * Rows with a missing id or label are refused too — a silent drop would
 * skew realized metrics.
 *
 * @example
 * ```ts
 * const r = await ingestLabels(home, 'churn', 'labels.csv', { idColumn: 'id', labelColumn: 'churned' });
 * r.unknown; // labels for ids the model never predicted
 * ```
 */
export async function ingestLabels(home: Home, model: string, source: string, o: LabelIngestOptions): Promise<LabelIngestResult & { model: string; source: string }> {
  const t = await loadTarget(home, source, (a) => [o.idColumn, o.labelColumn].filter((c) => a.includes(c)), { ingest: { format: o.format } });
  for (const c of [o.idColumn, o.labelColumn]) {
    if (!t.frame.has(c)) throw new LatheError('NOT_FOUND', `column "${c}" is not in ${t.label}`, { hint: `its columns: ${t.available.join(', ')}` });
  }
  const store = MonitorStore.open(home);
  try {
    const kinds = store.predictionKinds(model);
    if (kinds.size === 0) {
      throw new LatheError('NOT_FOUND', `no logged predictions for model "${model}"`, { hint: 'labels join logged predictions: serve the model first (`lathe serve`), or check the model name' });
    }
    const numeric = kinds.has('number') && !kinds.has('string');
    const labels: { id: string; label: string | number | boolean }[] = [];
    let blank = 0;
    let wrongType = 0;
    for (let i = 0; i < t.frame.rows; i++) {
      const id = t.frame.value(o.idColumn, i);
      const label = t.frame.value(o.labelColumn, i);
      if (id === null || label === null) {
        blank++;
        continue;
      }
      const value = label instanceof Date ? label.toISOString() : label;
      if (numeric && typeof value !== 'number') wrongType++;
      labels.push({ id: String(id), label: value });
    }
    if (blank > 0) {
      throw new LatheError('BAD_INPUT', `${blank} row${blank === 1 ? '' : 's'} of ${t.label} ${blank === 1 ? 'has' : 'have'} no id or no label`, { hint: `fill or remove them; every row needs ${o.idColumn} and ${o.labelColumn}` });
    }
    if (wrongType > 0) {
      throw new LatheError('BAD_INPUT', `${wrongType} label${wrongType === 1 ? ' is' : 's are'} not numbers, but "${model}" predicts numbers`, { hint: `check --label-column ${o.labelColumn}: a regressor's labels must be numeric` });
    }
    return { model, source: t.label, ...store.putLabels(model, labels) };
  } finally {
    store.close();
  }
}
