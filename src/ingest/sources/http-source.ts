import { open as openFileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { type HostLookup, type NetPolicy, type PolicyResponse, policyRequest, redactText, redactUrl } from '../../core/index.js';
import { LatheError, firstLine } from '../../errors.js';
import type { SourceDescription } from '../../store/index.js';
import { openFile, readerOptions } from '../file-source.js';
import { type FileFormat, FILE_FORMATS, formatFromPath, parseFormat } from '../formats.js';
import type { IngestOptions, LoadContext, OpenedSource, Source, SourceFactory } from '../source.js';

/** The largest download accepted unless `--max-bytes` says otherwise: 1 GiB. */
export const DEFAULT_MAX_BYTES = 1024 ** 3;
/** A download that makes no progress for this long is abandoned. */
export const HTTP_IDLE_TIMEOUT_MS = 60_000;
/** Redirects followed at most; each hop goes through the network policy. */
export const MAX_REDIRECTS = 10;
/** How a user allows ingest from loopback and private addresses. */
export const INGEST_PRIVATE_OPT_IN = 'pass --allow-private-hosts, or set ingest: { allow_private_hosts: true } in the lathe.yaml given with --config';

/** Formats by Content-Type, for URLs whose path has no telling extension. */
const BY_CONTENT_TYPE: Record<string, FileFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonlines': 'ndjson',
  'application/vnd.apache.parquet': 'parquet',
  'application/x-parquet': 'parquet',
  'application/vnd.apache.arrow.file': 'arrow',
  'application/vnd.apache.arrow.stream': 'arrow',
};

/** "1.0 GiB" for messages. */
function human(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  for (; v >= 1024 && i < units.length - 1; i++) v /= 1024;
  return i === 0 ? `${v} bytes` : `${v.toFixed(1)} ${units[i]}`;
}

/**
 * A file on an HTTP(S) server. It is downloaded as a stream into the staging
 * folder, refused once it passes `maxBytes`, and then read like a local file.
 * Only public addresses are connected to, on every redirect hop, unless
 * `allowPrivateHosts` is set (see `core/net-policy`).
 */
export class HttpSource implements Source {
  readonly kind = 'http';
  private readonly url: URL;
  private readonly label: string;
  private readonly maxBytes: number;
  private format: FileFormat | undefined;

  /** `idleTimeoutMs` and `net` (a resolver and classifier standing in for DNS) are for tests; users get {@link HTTP_IDLE_TIMEOUT_MS} and the system resolver. */
  constructor(
    location: string,
    private readonly opts: IngestOptions,
    private readonly idleTimeoutMs = HTTP_IDLE_TIMEOUT_MS,
    private readonly net: { lookup?: HostLookup; classify?: NetPolicy['classify'] } = {},
  ) {
    this.label = redactUrl(location);
    try {
      this.url = new URL(location);
    } catch {
      throw new LatheError('HTTP_ERROR', `${this.label}: not a valid URL`, { hint: 'write it as http(s)://host/path/file.csv' });
    }
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') {
      throw new LatheError('HTTP_ERROR', `${this.label}: only http and https URLs can be downloaded`, { hint: 'use an http:// or https:// URL' });
    }
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.format = opts.format ? parseFormat(opts.format) : formatFromPath(this.url.pathname);
  }

  describe(): SourceDescription {
    return { kind: 'http', location: this.label, format: this.format, options: readerOptions(this.opts, ['maxBytes']) };
  }

  async open(ctx: LoadContext): Promise<OpenedSource> {
    const path = await this.download(ctx);
    return openFile([path], this.format!, this.opts, ctx, this.label);
  }

  /** Streams the body to the staging folder and returns the file's path. */
  private async download(ctx: LoadContext): Promise<string> {
    const abort = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, this.idleTimeoutMs);
    };
    const fetchUrl = new URL(this.url);
    const headers: Record<string, string> = { 'user-agent': 'lathe', accept: '*/*', 'accept-encoding': 'gzip, deflate, br' };
    // Credentials travel as Basic auth, not in the request line.
    if (fetchUrl.username || fetchUrl.password) {
      const user = decodeURIComponent(fetchUrl.username);
      const pass = decodeURIComponent(fetchUrl.password);
      headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
      fetchUrl.username = '';
      fetchUrl.password = '';
    }
    const policy: NetPolicy = { allowPrivateHosts: this.opts.allowPrivateHosts === true, optIn: INGEST_PRIVATE_OPT_IN, ...this.net };
    arm();
    let res: PolicyResponse | undefined;
    try {
      res = await policyRequest(fetchUrl, policy, { headers, signal: abort.signal, maxRedirects: MAX_REDIRECTS });
      if (res.status < 200 || res.status > 299) throw this.statusError(res.status, res.statusText);
      const encoded = res.headers['content-encoding'];
      const length = Number(res.headers['content-length'] ?? NaN);
      if (length > this.maxBytes) throw this.tooLarge(`is ${human(length)} (Content-Length), over the limit of ${human(this.maxBytes)}`);
      this.format ??= this.formatFromContentType(res.headers['content-type'] ?? null);
      const gz = /\.(gz|gzip)$/i.test(this.url.pathname) ? '.gz' : '';
      const path = join(ctx.stagingDir, `download.${this.format}${gz}`);
      // Content-Length counts compressed bytes when the body is decoded from a Content-Encoding, so it is no total then.
      const totalBytes = Number.isFinite(length) && !encoded ? length : undefined;
      await this.save(res, path, arm, ctx, totalBytes);
      return path;
    } catch (e) {
      // Whatever failed, the connection and any unread body are let go of now, not when the server gives up.
      res?.cancel();
      abort.abort();
      throw this.fetchError(e, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  private async save(res: PolicyResponse, path: string, arm: () => void, ctx: LoadContext, totalBytes: number | undefined): Promise<void> {
    const fh = await openFileHandle(path, 'w');
    let bytes = 0;
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        arm();
        bytes += chunk.byteLength;
        // Leaving the loop by throwing cancels the body stream.
        if (bytes > this.maxBytes) throw this.tooLarge(`passed the limit of ${human(this.maxBytes)} and was stopped`);
        await fh.write(chunk);
        ctx.progress.update({ bytes, totalBytes });
      }
    } finally {
      await fh.close();
    }
  }

  private formatFromContentType(header: string | null): FileFormat {
    const type = (header ?? '').split(';')[0].trim().toLowerCase();
    const f = BY_CONTENT_TYPE[type];
    if (!f) {
      throw new LatheError('UNSUPPORTED_FORMAT', `${this.label}: cannot tell the format from the URL or its Content-Type "${type}"`, {
        hint: `pass --format ${FILE_FORMATS.join('|')}`,
      });
    }
    return f;
  }

  private tooLarge(what: string): LatheError {
    return new LatheError('TOO_LARGE', `${this.label}: the download ${what}`, {
      hint: 'raise the limit with --max-bytes (e.g. --max-bytes 5GB), or download the file and ingest it from disk',
    });
  }

  private statusError(status: number, statusText: string): LatheError {
    const hint =
      status === 401 || status === 403
        ? this.url.username
          ? 'the server refused access; check the user name and password in the URL'
          : 'the server refused access; put credentials in the URL (https://user:password@host/...) or use a signed URL'
        : status === 404 || status === 410
          ? 'check the URL'
          : status >= 500
            ? 'the server failed; try again later'
            : 'check the URL and that the server serves this file';
    return new LatheError('HTTP_ERROR', `${this.label}: HTTP ${status}${statusText ? ` ${statusText}` : ''}`, { hint });
  }

  private fetchError(e: unknown, timedOut: boolean): LatheError {
    // The policy and redirect errors do not know which URL they are about.
    if (e instanceof LatheError && (e.code === 'PRIVATE_ADDRESS' || (e.code === 'HTTP_ERROR' && !e.message.startsWith(this.label)))) {
      return new LatheError(e.code, `${this.label}: ${e.message}`, { hint: e.hint, cause: e });
    }
    if (e instanceof LatheError) return e;
    if (timedOut) {
      const idle = this.idleTimeoutMs < 1000 ? `${this.idleTimeoutMs} ms` : `${Math.round(this.idleTimeoutMs / 1000)} s`;
      return new LatheError('CONNECTION_FAILED', `${this.label}: no data for ${idle}, download abandoned`, {
        hint: 'check that the server is up and reachable, then try again',
        cause: e,
      });
    }
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? (e as { code?: string }).code ?? '';
    const detail = redactText(firstLine(cause?.message ?? (e as Error).message ?? String(e)));
    if (/^(ENOTFOUND|EAI_AGAIN)$/.test(code)) {
      return new LatheError('CONNECTION_FAILED', `${this.label}: cannot resolve host "${this.url.hostname}"`, {
        hint: 'check the host name and the network (DNS)',
        cause: e,
      });
    }
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_)/.test(code)) {
      return new LatheError('CONNECTION_FAILED', `${this.label}: cannot connect (${detail})`, {
        hint: 'check the host and port, and that the server is running',
        cause: e,
      });
    }
    return new LatheError('HTTP_ERROR', `${this.label}: download failed (${detail})`, {
      hint: 'check the URL and the network, then try again',
      cause: e,
    });
  }
}

/** Makes {@link HttpSource}s for `http://` and `https://` URLs. */
export const httpSourceFactory: SourceFactory = {
  kind: 'http',
  schemes: ['http', 'https'],
  create: (location, opts) => new HttpSource(location, opts),
};
