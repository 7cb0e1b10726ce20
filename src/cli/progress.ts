import type { Progress, ProgressUpdate } from '../core/index.js';

/**
 * A one-line bar on a TTY stream showing rows, bytes and rate. It appears only
 * once the task has run for `delayMs`, so quick commands print nothing.
 */
export class TtyProgress implements Progress {
  private readonly start = Date.now();
  private state: ProgressUpdate = {};
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    delayMs = 1000,
  ) {
    this.timer = setInterval(() => {
      if (Date.now() - this.start >= delayMs) this.draw();
    }, 200);
    this.timer.unref();
  }

  update(u: ProgressUpdate): void {
    this.state = { ...this.state, ...u };
  }

  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn) this.stream.write('\r\x1b[2K');
  }

  private draw(): void {
    this.drawn = true;
    this.stream.write(`\r\x1b[2K${renderProgress(this.label, this.state, (Date.now() - this.start) / 1000, this.stream.columns || 80)}`);
  }
}

/** Renders one progress line; separate from drawing so it can be tested. */
export function renderProgress(label: string, s: ProgressUpdate, seconds: number, width: number): string {
  const parts: string[] = [label];
  const frac = s.fraction ?? (s.totalBytes && s.bytes !== undefined ? s.bytes / s.totalBytes : undefined);
  if (frac !== undefined) {
    const w = 20;
    const k = Math.max(0, Math.min(w, Math.round(frac * w)));
    parts.push(`[${'#'.repeat(k)}${'.'.repeat(w - k)}] ${(frac * 100).toFixed(0).padStart(3)}%`);
  }
  if (s.message) parts.push(s.message);
  if (s.rows !== undefined) parts.push(`${formatCount(s.rows)} rows`);
  if (s.bytes !== undefined) parts.push(formatBytes(s.bytes) + (s.totalBytes ? `/${formatBytes(s.totalBytes)}` : ''));
  if (seconds > 0) {
    if (s.rows !== undefined) parts.push(`${formatCount(s.rows / seconds)} rows/s`);
    else if (s.bytes !== undefined) parts.push(`${formatBytes(s.bytes / seconds)}/s`);
    parts.push(`${formatDuration(seconds)} elapsed`);
    // Remaining time from the rate so far; shown once there is enough progress to extrapolate.
    if (frac !== undefined && frac >= 0.02 && frac < 1) parts.push(`~${formatDuration((seconds * (1 - frac)) / frac)} left`);
  }
  return parts.join('  ').slice(0, Math.max(20, width - 1));
}

/** 75 → "1m15s"; 8.2 → "8s". */
export function formatDuration(seconds: number): string {
  const t = Math.round(seconds);
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}

/** 1234567 → "1.23M". */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

/** 1536 → "1.5 KiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(n) : n.toFixed(1)} ${units[i]}`;
}
