// The prediction log's writer thread: it owns a SQLite connection and
// appends the batches the server posts, so SQLite work and fsyncs never
// run on the event loop that answers requests.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteServeStore } from './sqlite-serve-store.js';
import type { PredictionRow } from './serve-store.js';

const store = new SqliteServeStore((workerData as { path: string }).path);
parentPort!.on('message', (m: { id: number; rows: PredictionRow[] } | { close: true }) => {
  if ('close' in m) {
    void store.close().then(() => parentPort!.close());
    return;
  }
  store.appendPredictions(m.rows).then(
    () => parentPort!.postMessage({ id: m.id }),
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
parentPort!.postMessage({ ready: true });
