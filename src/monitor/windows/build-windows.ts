import { MonitorWindow, type LoggedRow } from './window.js';
import type { WindowSpec } from './window-spec.js';

/** Where windows read the log from; `readPredictions` of src/serve fits it (see the README). */
export interface PredictionSource {
  /** Rows of `model` with id > sinceId, oldest first, at most `limit`. */
  read(model: string, q: { sinceId: number; limit: number }): Promise<LoggedRow[]>;
}

/** Options of {@link buildWindows}. */
export interface BuildWindowsOptions {
  /** Start after this log id (the cursor of the last run). Default 0. */
  sinceId?: number;
  /** Rows read per page. Default 5000. */
  pageSize?: number;
  /** Called with each window as soon as it closes, so callers need not hold them all. */
  onWindow?(w: MonitorWindow): void | Promise<void>;
}

/**
 * Reads a model's prediction log from `sinceId` on and cuts it into windows:
 * time windows aligned to multiples of the span since the epoch (so two
 * processes cut the same windows), or count windows of N rows. Only one
 * window is open at a time, so memory is one window's sketches whatever the
 * traffic. Returns the closed windows (when no `onWindow` is given) and the
 * last, still open one, which the next run re-reads from its first id.
 *
 * @example
 * ```ts
 * const { closed, open } = await buildWindows(source, 'churn', parseWindow('1h'));
 * ```
 */
export async function buildWindows(
  source: PredictionSource,
  model: string,
  spec: WindowSpec,
  opts: BuildWindowsOptions = {},
): Promise<{ closed: MonitorWindow[]; open: MonitorWindow | null; lastId: number }> {
  const pageSize = opts.pageSize ?? 5000;
  let cursor = opts.sinceId ?? 0;
  const closed: MonitorWindow[] = [];
  let open: MonitorWindow | null = null;
  const close = async (w: MonitorWindow) => {
    if (opts.onWindow) await opts.onWindow(w);
    else closed.push(w);
  };
  for (;;) {
    const page = await source.read(model, { sinceId: cursor, limit: pageSize });
    if (page.length === 0) break;
    for (const row of page) {
      if (open && !belongs(open, row, spec)) {
        await close(open);
        open = null;
      }
      if (!open) open = newWindow(row, spec);
      open.add(row);
    }
    cursor = page[page.length - 1].id;
    if (page.length < pageSize) break;
  }
  // A count window is complete at N rows; a time window only once a later row shows its span is over.
  if (open && spec.by === 'count' && open.rows === spec.rows) {
    await close(open);
    open = null;
  }
  return { closed, open, lastId: cursor };
}

function newWindow(row: LoggedRow, spec: WindowSpec): MonitorWindow {
  if (spec.by === 'time') {
    const start = Math.floor(row.at_ms / spec.ms) * spec.ms;
    return new MonitorWindow(start, start + spec.ms);
  }
  return new MonitorWindow(row.id, Number.POSITIVE_INFINITY);
}

function belongs(w: MonitorWindow, row: LoggedRow, spec: WindowSpec): boolean {
  if (spec.by === 'count') return w.rows < spec.rows;
  return row.at_ms >= w.start && row.at_ms < w.end;
}
