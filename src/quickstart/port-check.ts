import { createServer } from 'node:net';
import { LatheError } from '../errors.js';

/**
 * Fails fast, before any work, when `--port` is taken: the server starts at
 * step 6, and finding out there would waste the first half of the tour.
 * Port 0 (the system picks a free port) always passes.
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolveFree, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => reject(portError(host, port, e)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolveFree()));
  });
}

/** The clear error for a port that cannot be bound; anything else passes through. */
export function portError(host: string, port: number, e: NodeJS.ErrnoException): Error {
  if (e.code === 'EADDRINUSE') {
    return new LatheError('BAD_USAGE', `port ${port} on ${host} is in use`, { hint: 'pass another --port, or leave --port out (0) to let the system pick a free one', cause: e });
  }
  if (e.code === 'EACCES') {
    return new LatheError('BAD_USAGE', `port ${port} on ${host} needs privileges this process lacks`, { hint: 'pass a --port above 1023, or leave --port out to pick a free one', cause: e });
  }
  return e;
}

/** Parses `--port`: a whole number from 0 to 65535. */
export function parsePort(text: string): number {
  const n = /^[0-9]{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= 65535)) throw new LatheError('BAD_USAGE', `--port "${text.slice(0, 20)}" is not a port number`, { hint: 'pass --port N with N from 1 to 65535, or 0 (the default) for a free one' });
  return n;
}
