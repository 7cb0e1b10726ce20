import { hostname } from 'node:os';

/** True when a process with this pid runs on this host (EPERM still means alive). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when a record written by (pid, host) may be swept: its writer is gone. */
export function writerGone(pid: number, host: string, createdIso: string, maxAgeMs = 24 * 3600_000): boolean {
  if (host === hostname()) return !processAlive(pid);
  // Another host's process cannot be probed; only a very old record is taken as dead.
  return Date.now() - Date.parse(createdIso) > maxAgeMs;
}
