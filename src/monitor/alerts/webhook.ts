import { createHmac } from 'node:crypto';

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

/** Options of {@link sendWebhook}. */
export interface WebhookOptions {
  secret: string | null;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** First backoff; doubles each retry. Default 500 ms. */
  baseDelayMs?: number;
  timeoutMs?: number;
}

/**
 * POSTs a JSON event, signed with HMAC-SHA256 of the exact body under the
 * shared secret (header `x-lathe-signature: sha256=<hex>`), retrying on
 * network errors and 5xx/429 with exponential backoff. It never throws: the
 * result says whether and how it was delivered, so an unreachable endpoint
 * is recorded, not fatal.
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
  const retries = opts.retries ?? 3;
  const base = opts.baseDelayMs ?? 500;
  let last: Delivery = { status: 'failed', attempts: 0 };
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) });
      await res.arrayBuffer();
      if (res.ok) return { status: 'delivered', attempts: attempt, http_status: res.status };
      last = { status: 'failed', attempts: attempt, http_status: res.status, error: `HTTP ${res.status}` };
      // A 4xx other than 429 will not change on a retry.
      if (res.status < 500 && res.status !== 429) return last;
    } catch (e) {
      last = { status: 'failed', attempts: attempt, error: (e as Error).message };
    }
    if (attempt <= retries) await new Promise((r) => setTimeout(r, base * 2 ** (attempt - 1)));
  }
  return last;
}

/** Hex HMAC-SHA256 of a body: what a receiver recomputes to check `x-lathe-signature`. */
export function signBody(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
