/**
 * Minimal timing spans for finding where time goes. With `LATHE_TRACE=1`
 * each span prints `trace <name> <ms>` on stderr; otherwise spans cost one
 * branch. (A full OpenTelemetry exporter can sit behind this later.)
 */
const enabled = process.env.LATHE_TRACE === '1';

/** Runs `fn` as a named span. */
export async function span<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    process.stderr.write(`trace ${name} ${(performance.now() - t0).toFixed(1)}ms\n`);
  }
}
