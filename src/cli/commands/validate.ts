import type { Command } from 'commander';
import { readSchemaFile } from '../../data/schema/index.js';
import { type Anomaly, type SampleValue, validateTarget } from '../../data/validate/index.js';
import { LatheError } from '../../errors.js';
import { n, printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe validate <ref|file> --schema schema.yaml`. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a dataset version, or any file, against a schema; exit code 1 when any anomaly is an error')
    .argument('<data>', 'dataset name, name@N, or a file, glob or URL (read in place, not stored)')
    .requiredOption('-s, --schema <file>', 'the schema YAML, e.g. from `lathe schema infer`')
    .option('--format <format>', 'file format when <data> is a file: csv, tsv, parquet, json, ndjson or arrow')
    .action(async (data: string, o: { schema: string; format?: string }, cmd: Command) => {
      const g = globals(cmd);
      // The schema is read first: a bad schema should fail before any data is opened.
      const schema = readSchemaFile(o.schema);
      const r = await withHome(g, (home) => validateTarget(home, data, schema, { ingest: { format: o.format } }));
      if (g.json) {
        printJson({ valid: r.valid, anomalies: r.anomalies });
        // An error here would print a second JSON document; the exit code alone says no.
        if (!r.valid) process.exitCode = 1;
        return;
      }
      printReport(r.label, r.rows, r.anomalies);
      if (!r.valid) {
        const errors = r.anomalies.filter((a) => a.severity === 'error').length;
        throw new LatheError('CHECK_FAILED', `${r.label} does not match the schema: ${errors} error${errors === 1 ? '' : 's'}`, {
          hint: 'fix the data, or edit the schema if the data is right',
        });
      }
    });
}

function printReport(label: string, rows: number, anomalies: Anomaly[]): void {
  const errors = anomalies.filter((a) => a.severity === 'error').length;
  const warnings = anomalies.length - errors;
  const verdict = errors > 0 ? 'INVALID' : 'valid';
  println(`${verdict}: ${label}, ${n(rows)} rows, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  if (anomalies.length === 0) return;
  printTable(
    ['severity', 'column', 'reason', 'rows', '%', 'detail', 'sample'],
    anomalies.map((a) => [a.severity, a.column ?? '-', a.reason, n(a.count), a.percent, a.message, showSample(a.sample)]),
  );
}

/** A sample on one line, cut short so the table stays readable. */
function showSample(sample: SampleValue[]): string {
  const s = sample.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ');
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}
