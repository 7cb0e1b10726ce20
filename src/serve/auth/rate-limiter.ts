import { LatheError } from '../../errors.js';

/** A parsed `--rate-limit`: `count` requests per `perSeconds`. */
export interface RateLimit {
  count: number;
  perSeconds: number;
}

/** Parses `1000/s`, `60/m` or `5000/h`. */
export function parseRateLimit(text: string): RateLimit {
  const m = /^([1-9][0-9]{0,8})\/(s|m|h)$/.exec(text.trim());
  if (!m) throw new LatheError('BAD_USAGE', `--rate-limit "${text.slice(0, 40)}" is not N/s, N/m or N/h`, { hint: 'write e.g. --rate-limit 1000/s' });
  return { count: Number(m[1]), perSeconds: m[2] === 's' ? 1 : m[2] === 'm' ? 60 : 3600 };
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per caller (a key name, or the client address without
 * auth): a burst of up to `count`, refilled at `count / perSeconds` a second.
 * Buckets of idle callers are forgotten, so memory stays bounded.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly rate: number;
  private lastSweep = 0;

  constructor(private readonly limit: RateLimit, private readonly now: () => number = () => performance.now()) {
    this.rate = limit.count / (limit.perSeconds * 1000);
  }

  /** 0 when the call may go ahead (and takes a token), else the seconds to wait before retrying. */
  take(caller: string): number {
    const t = this.now();
    this.sweep(t);
    let b = this.buckets.get(caller);
    if (!b) {
      b = { tokens: this.limit.count, at: t };
      this.buckets.set(caller, b);
    }
    b.tokens = Math.min(this.limit.count, b.tokens + (t - b.at) * this.rate);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.rate / 1000));
  }

  private sweep(t: number): void {
    // A bucket idle this long is full again, the same as a new one.
    const full = this.limit.perSeconds * 1000;
    if (t - this.lastSweep < full) return;
    this.lastSweep = t;
    for (const [k, b] of this.buckets) if (t - b.at >= full) this.buckets.delete(k);
  }
}
