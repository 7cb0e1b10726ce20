import type { Home } from '../store/index.js';
import type { MonitorConfig } from './alerts/index.js';
import { runMonitor } from './monitor-run.js';
import type { RetrainPolicy } from './retrain/index.js';

/**
 * Runs `lathe monitor run` for each model every `everyMs` (what
 * `lathe serve --monitor-every 5m` wires in). Runs never overlap; a failing
 * run is reported through `onError` and the schedule goes on, so monitoring
 * can never take serving down. Returns a stop function that waits for a run
 * in progress.
 *
 * @example
 * ```ts
 * const stop = startMonitorSchedule(home, () => ['churn'], config, 300_000, (e) => log.error(e));
 * await stop();
 * ```
 */
export function startMonitorSchedule(
  home: Home,
  models: () => readonly string[],
  config: MonitorConfig,
  everyMs: number,
  onError: (e: unknown, model: string) => void,
  log?: (line: string) => void,
  retrain: RetrainPolicy | null = null,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = (async () => {
      for (const m of models()) {
        try {
          await runMonitor(home, m, config, log, retrain);
        } catch (e) {
          onError(e, m);
        }
      }
    })().finally(() => {
      busy = false;
    });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
