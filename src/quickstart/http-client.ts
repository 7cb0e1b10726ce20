import { LatheError } from '../errors.js';

/** A JSON answer over HTTP. */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

/**
 * One real HTTP request to the quickstart's server, JSON in and out. A
 * connection failure is a CONNECTION_FAILED error naming the URL.
 */
export async function requestJson(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new LatheError('CONNECTION_FAILED', `${method} ${url} failed: ${(e as Error).message}`, { hint: 'the quickstart server stopped answering; rerun with LATHE_DEBUG=1', cause: e });
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: kept as text so the error below can show it.
  }
  return { status: res.status, body: parsed };
}

/** Like {@link requestJson}, but anything other than 200 is an error quoting the server's answer. */
export async function expectOk(method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>): Promise<unknown> {
  const r = await requestJson(method, url, body, headers);
  if (r.status !== 200) {
    const detail = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    throw new LatheError('CHECK_FAILED', `${method} ${new URL(url).pathname} answered ${r.status}: ${detail.slice(0, 300)}`, { hint: 'the server refused a well-formed request; this is a bug, please report it' });
  }
  return r.body;
}

/** Runs `fn` over `items` with at most `limit` calls in flight, keeping the order of results. */
export async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A JSON document on one line with numbers cut to 3 significant decimals, for narration. */
export function compactJson(doc: unknown, max = 400): string {
  const s = JSON.stringify(doc, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(3)) : v));
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
