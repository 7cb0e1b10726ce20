import { createHmac } from 'node:crypto';
import { type HostLookup, type NetPolicy, policyRequest, redactText, redactUrl } from '../../core/index.js';
import { firstLine, isLatheError } from '../../errors.js';

/** The header carrying the body's HMAC-SHA256, hex, as `sha256=<hex>`. */
export const SIGNATURE_HEADER = 'x-lathe-signature';

/** How a webhook delivery ended. */
export interface Delivery {
  status: 'delivered' | 'failed';
  attempts: number;
  /** HTTP status of the last attempt, when there was a response. */
  http_status?: number;
  error?: string;
}

/** Retries after the first attempt, at most, whatever the options say. */
export const WEBHOOK_MAX_RETRIES = 10;
/** The longest one delivery may take, every attempt and backoff included: 60 s. */
export const WEBHOOK_DEADLINE_MS = 60_000;
/** How a user allows webhooks to loopback and private addresses. */
export const WEBHOOK_PRIVATE_OPT_IN = 'set allow_private_hosts: true on the webhook sink in lathe.yaml, or pass --allow-private-hosts to lathe monitor run / lathe serve';

/** Options of {@link sendWebhook}. */
export interface WebhookOptions {
  secret: string | null;
  /** Retries after the first attempt. Default 3; at most {@link WEBHOOK_MAX_RETRIES}. */
  retries?: number;
  /** First backoff; doubles each retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Each attempt's timeout. Default 5000 ms; never past the deadline. */
  timeoutMs?: number;
  /** The whole delivery's deadline. Default and most {@link WEBHOOK_DEADLINE_MS}. */
  deadlineMs?: number;
  /** Deliver to loopback, private and link-local addresses too (refused by default, see `core/net-policy`). */
  allowPrivateHosts?: boolean;
  /** Name resolution, for tests; the system resolver by default. */
  lookup?: HostLookup;
}

/**
 * POSTs a JSON event, signed with HMAC-SHA256 of the exact body under the
 * shared secret (header `x-lathe-signature: sha256=<hex>`), retrying on
 * network errors and 5xx/429 with exponential backoff. It never throws: the
 * result says whether and how it was delivered, so an unreachable endpoint
 * is recorded, not fatal.
 *
 * Bounded whatever the options: at most {@link WEBHOOK_MAX_RETRIES} retries
 * and {@link WEBHOOK_DEADLINE_MS} in all, after which the delivery is failed
 * with the reason. Redirects are not followed (a 3xx is a failed delivery).
 * Only public addresses are connected to unless `allowPrivateHosts`; a
 * refused address fails at once, without retries.
 *
 * @example
 * ```ts
 * const d = await sendWebhook('https://hooks.example/lathe', { rule: 'feature_drift' }, { secret: process.env.SECRET ?? null });
 * ```
 */
export async function sendWebhook(url: string, event: unknown, opts: WebhookOptions): Promise<Delivery> {
  const body = JSON.stringify(event);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'lathe-monitor' };
  if (opts.secret) headers[SIGNATURE_HEADER] = `sha256=${signBody(body, opts.secret)}`;
  // Options come from a user's file: anything odd falls back to a bounded value rather than an endless loop.
  const retries = bounded(opts.retries, 3, 0, WEBHOOK_MAX_RETRIES);
  const base = bounded(opts.baseDelayMs, 500, 0, WEBHOOK_DEADLINE_MS);
  const timeoutMs = bounded(opts.timeoutMs, 5000, 1, WEBHOOK_DEADLINE_MS);
  const budgetMs = bounded(opts.deadlineMs, WEBHOOK_DEADLINE_MS, 1, WEBHOOK_DEADLINE_MS);
  const deadline = Date.now() + budgetMs;
  const policy: NetPolicy = { allowPrivateHosts: opts.allowPrivateHosts === true, optIn: WEBHOOK_PRIVATE_OPT_IN, lookup: opts.lookup };
  let last: Delivery = { status: 'failed', attempts: 0, error: 'not attempted' };
  const outOfTime = (attempts: number): Delivery => ({
    ...last,
    attempts,
    error: `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: the delivery deadline of ${budgetMs < 1000 ? `${budgetMs} ms` : `${Math.round(budgetMs / 1000)} s`} passed${last.error ? ` (last: ${last.error})` : ''}`,
  });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { status: 'failed', attempts: 0, error: `${redactUrl(url)} is not a valid URL` };
  }
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) return outOfTime(attempt - 1);
    try {
      const res = await policyRequest(target, policy, { method: 'POST', headers, body, signal: AbortSignal.timeout(Math.min(timeoutMs, left)) });
      res.cancel(); // the answer's body is not read: its status says it all
      if (res.status >= 200 && res.status <= 299) return { status: 'delivered', attempts: attempt, http_status: res.status };
      last = { status: 'failed', attempts: attempt, http_status: res.status, error: `HTTP ${res.status}${res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : ''}` };
      // A 4xx other than 429 (or a redirect) will not change on a retry.
      if (res.status < 500 && res.status !== 429) return last;
    } catch (e) {
      // A refused address is the policy's answer, not a network blip: it fails at once.
      if (isLatheError(e, 'PRIVATE_ADDRESS')) return { status: 'failed', attempts: attempt, error: `${redactUrl(url)}: ${e.oneLine()}` };
      const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
      last = { status: 'failed', attempts: attempt, error: timedOut ? `no answer within ${Math.min(timeoutMs, left)} ms` : redactText(firstLine((e as Error).message ?? String(e))) };
    }
    if (attempt <= retries) {
      const wait = base * 2 ** (attempt - 1);
      if (Date.now() + wait >= deadline) return outOfTime(attempt);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  return last;
}

/** A whole number in [min, max], or `dflt` when `v` is not a finite number. */
function bounded(v: number | undefined, dflt: number, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return dflt;
  return Math.min(max, Math.max(min, Math.floor(v)));
}

/** Hex HMAC-SHA256 of a body: what a receiver recomputes to check `x-lathe-signature`. */
export function signBody(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
