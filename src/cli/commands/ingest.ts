import type { Command } from 'commander';
import { type IngestOptions, type IngestResult, ingest, readIngestConfig } from '../../ingest/index.js';
import { formatDatasetRef } from '../../core/index.js';
import { n, printJson, printTable, println } from '../output.js';
import { oneOf, parseBytes, parseKeyValues } from '../parse-options.js';
import { globals, progressFor, withHome } from '../with-home.js';

/** `lathe ingest <source> --name <ds>`. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('snapshot a file, glob, database table/query or URL as a new dataset version')
    .argument('<source>', 'path, glob, postgres://…, mysql://…, or http(s)://…')
    .requiredOption('-n, --name <dataset>', 'dataset name ([A-Za-z0-9._-])')
    .option('--format <format>', 'csv, tsv, parquet, json, ndjson or arrow (default: from the extension)')
    .option('--delimiter <char>', 'CSV field delimiter (default: detected)')
    .option('--header', 'CSV: the first line is a header (default: detected)')
    .option('--no-header', 'CSV: the first line is data')
    .option('--quote <char>', 'CSV quote character (default: ")')
    .option('--escape <char>', 'CSV escape character (default: the quote)')
    .option('--encoding <name>', 'CSV text encoding: utf-8 (default), utf-16 or latin-1')
    .option('--decimal <char>', 'CSV decimal separator: . (default) or , for numbers such as 39,1')
    .option('--types <col=TYPE,…>', 'CSV: force DuckDB column types, e.g. zip=VARCHAR')
    .option('--query <sql>', 'databases: the query to read')
    .option('--table <table>', 'databases: the table to read')
    .option('--max-bytes <size>', 'URLs: the largest download, e.g. 500MB (default 1GiB)')
    .option('--allow-private-hosts', 'URLs: also fetch from loopback, private and link-local addresses (refused by default)')
    .option('--config <file>', 'a lathe.yaml whose ingest: section sets defaults (allow_private_hosts)')
    .option('--on-error <mode>', 'fail or skip rows that do not parse', 'fail')
    .action(async (source: string, o: Record<string, string | boolean | undefined>, cmd: Command) => {
      const g = globals(cmd);
      const opts: IngestOptions = {
        format: o.format as string | undefined,
        delimiter: o.delimiter === '\\t' ? '\t' : (o.delimiter as string | undefined),
        header: cmd.getOptionValueSource('header') === 'cli' ? Boolean(o.header) : undefined,
        quote: o.quote as string | undefined,
        escape: o.escape as string | undefined,
        encoding: o.encoding as string | undefined,
        decimal: o.decimal as string | undefined,
        types: o.types ? parseKeyValues('--types', o.types as string) : undefined,
        query: o.query as string | undefined,
        table: o.table as string | undefined,
        maxBytes: o.maxBytes ? parseBytes('--max-bytes', o.maxBytes as string) : undefined,
        allowPrivateHosts: o.allowPrivateHosts === true || readIngestConfig(o.config as string | undefined).allow_private_hosts,
        onError: oneOf('--on-error', String(o.onError), ['fail', 'skip'] as const),
      };
      const res = await withHome(g, (home) => ingest(home, source, String(o.name), opts, progressFor(g, 'ingest')));
      if (g.json) printJson(ingestJson(res));
      else printIngest(res);
    });
}

/** The stable `--json` shape of ingest and derive. */
export function ingestJson(res: IngestResult): Record<string, unknown> {
  const r = res.record;
  return {
    dataset: r.name,
    version: r.version,
    rows: r.rows,
    columns: r.columns,
    hash: r.hash,
    created: r.created,
    deduplicated: !res.created,
    skipped: res.skipped ?? null,
    warnings: res.warnings ?? [],
  };
}

/** The human form of ingest and derive. */
export function printIngest(res: IngestResult): void {
  const r = res.record;
  const ref = formatDatasetRef(r.name, r.version);
  println(res.created ? `ingested ${ref}: ${n(r.rows)} rows × ${r.columns.length} columns` : `unchanged: identical content is already ${ref}`);
  if (res.skipped && res.skipped.count > 0) {
    println(`skipped ${n(res.skipped.count)} bad rows, for example:`);
    for (const s of res.skipped.sample) println(`  line ${s.line ?? '?'}: ${s.error}`);
  }
  for (const w of res.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
  printTable(['column', 'type', 'nullable'], r.columns.map((c) => [c.name, c.type, c.nullable ? 'yes' : 'no']));
  println(`hash ${r.hash}`);
}
