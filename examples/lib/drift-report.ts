import { type DatasetDrift, datasetDrift, driftHtml, loadTarget } from '../../src/monitor/index.js';
import type { Home } from '../../src/store/index.js';
import { writeFileAtomic } from '../../src/store/index.js';

/**
 * What `lathe drift --reference <a> --current <b> --html <out>` computes:
 * every shared column (but `skip`), the automatic test choice, an HTML report.
 */
export async function driftReport(home: Home, reference: string, current: string, out: string, skip: readonly string[] = []): Promise<DatasetDrift> {
  const ref = await loadTarget(home, reference, (a) => a.filter((c) => !skip.includes(c)));
  const cur = await loadTarget(home, current, (a) => a.filter((c) => ref.frame.has(c)));
  const report = datasetDrift(ref.frame, cur.frame, {});
  writeFileAtomic(out, driftHtml(report, ref.frame, cur.frame, { reference: ref.label, current: cur.label }));
  return report;
}

/** `Weight_in_lbs (ks p=1e-9), Origin (chi2 p=0.01)` for the drifted columns. */
export function driftedText(report: DatasetDrift): string {
  const cols = report.columns.filter((c) => c.drift);
  if (cols.length === 0) return 'none';
  return cols.map((c) => `${c.name} (${c.test} ${c.p_value !== null && c.p_value !== undefined ? `p=${c.p_value.toExponential(1)}` : `score ${c.score?.toFixed(3)}`})`).join(', ');
}
