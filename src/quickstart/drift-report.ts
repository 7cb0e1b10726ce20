import { type DatasetDrift, datasetDrift, driftHtml, loadTarget } from '../monitor/index.js';
import { writeFileAtomic } from '../store/index.js';
import type { Home } from '../store/index.js';

/**
 * What `lathe drift --reference <ref> --current <file> --html <out>` does:
 * every column the two sides share, compared with the automatic test choice,
 * and a self-contained HTML report.
 */
export async function driftReport(home: Home, reference: string, current: string, out: string): Promise<DatasetDrift> {
  const ref = await loadTarget(home, reference);
  const cur = await loadTarget(home, current, (a) => a.filter((c) => ref.frame.has(c)));
  const report = datasetDrift(ref.frame, cur.frame, {});
  writeFileAtomic(out, driftHtml(report, ref.frame, cur.frame, { reference: ref.label, current: cur.label }));
  return report;
}
