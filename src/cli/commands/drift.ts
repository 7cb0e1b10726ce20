import type { Command } from 'commander';
import { LatheError } from '../../errors.js';
import {
  DRIFT_TESTS,
  type DatasetDrift,
  type DriftOptions,
  type DriftTest,
  datasetDrift,
  driftHtml,
  loadTarget,
  writeReportFile,
} from '../../monitor/index.js';
import { formatNumber, formatPercent, truncate } from '../../report/index.js';
import { n, printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

interface DriftCliOptions {
  reference: string;
  current: string;
  columns?: string;
  test: string;
  threshold?: string;
  bins?: string;
  driftShare?: string;
  correction: string;
  format?: string;
  html?: string;
  sampleSize?: string;
  exact?: boolean;
}

/** `lathe drift --reference <ref|file> --current <ref|file>`: an ad hoc drift report; exit 0 whatever it finds. */
export function registerDrift(program: Command): void {
  program
    .command('drift')
    .description('compare two datasets column by column and report drift (exit code 0 even when they drifted)')
    .requiredOption('--reference <data>', 'the baseline: dataset name, name@N, or a file, glob or URL (read in place)')
    .requiredOption('--current <data>', 'the data to check, same forms as --reference')
    .option('--columns <list>', 'only these columns, comma-separated (default: every column both have)')
    .option('--test <test>', `auto, or one test for every column: ${DRIFT_TESTS.join(', ')}`, 'auto')
    .option('--threshold <x>', 'the threshold of the --test chosen (p-value below it, or score above it, is drift)')
    .option('--bins <n>', 'quantile bins of numeric columns for psi, js and hellinger (default 10: deciles)')
    .option('--drift-share <x>', 'share of drifted columns at which the dataset drifts (default 0.5)')
    .option('--correction <c>', 'none, or bh for Benjamini–Hochberg on the p-value tests', 'none')
    .option('--sample-size <n>', 'numeric distances use a seeded sample of this many values per side above it (default 100000)')
    .option('--exact', 'compute every distance on all values, however many')
    .option('--format <format>', 'file format when a side is a file: csv, tsv, parquet, json, ndjson or arrow')
    .option('--html <file>', 'also write a self-contained HTML report with a chart per column')
    .action(async (o: DriftCliOptions, cmd: Command) => {
      const g = globals(cmd);
      const opts = parseOptions(o);
      const wanted = o.columns ? splitList(o.columns) : undefined;
      const { report, html } = await withHome(g, async (home) => {
        const ingest = { ingest: { format: o.format } };
        const ref = await loadTarget(home, o.reference, (a) => (wanted ? wanted.filter((c) => a.includes(c)) : a), ingest);
        checkWanted(wanted, ref.available, 'reference', ref.label);
        const cur = await loadTarget(home, o.current, (a) => a.filter((c) => ref.frame.has(c)), ingest);
        checkWanted(wanted, cur.available, 'current', cur.label);
        if (cur.frame.columns.length === 0) {
          throw new LatheError('BAD_INPUT', `${ref.label} and ${cur.label} have no column in common`, {
            hint: `reference: ${preview(ref.available)}; current: ${preview(cur.available)} — compare data with the same column names`,
          });
        }
        const report = datasetDrift(ref.frame, cur.frame, { ...opts, columns: wanted });
        const html = o.html ? writeReportFile(o.html, driftHtml(report, ref.frame, cur.frame, { reference: ref.label, current: cur.label })) : undefined;
        return { report, html, labels: [ref.label, cur.label] };
      });
      if (g.json) {
        printJson(report);
        if (html) process.stderr.write(`wrote ${html}\n`);
        return;
      }
      printReport(report);
      if (html) println(`report  ${html}`);
    });
}

function parseOptions(o: DriftCliOptions): DriftOptions {
  const test = o.test as DriftTest | 'auto';
  if (test !== 'auto' && !DRIFT_TESTS.includes(test)) {
    throw new LatheError('BAD_USAGE', `unknown test "${o.test}"`, { hint: `use --test auto or one of: ${DRIFT_TESTS.join(', ')}` });
  }
  if (o.correction !== 'none' && o.correction !== 'bh') {
    throw new LatheError('BAD_USAGE', `unknown correction "${o.correction}"`, { hint: 'use --correction none or --correction bh' });
  }
  const opts: DriftOptions = { test, correction: o.correction };
  if (o.threshold !== undefined) {
    if (test === 'auto') {
      throw new LatheError('BAD_USAGE', '--threshold needs a --test', { hint: 'auto mixes tests with different scales; name the test, e.g. --test psi --threshold 0.2' });
    }
    opts.thresholds = { [test]: number('--threshold', o.threshold) };
  }
  if (o.bins !== undefined) opts.bins = number('--bins', o.bins);
  if (o.driftShare !== undefined) opts.driftShare = number('--drift-share', o.driftShare);
  if (o.exact && o.sampleSize !== undefined) throw new LatheError('BAD_USAGE', '--exact and --sample-size contradict each other', { hint: 'pass one of them' });
  if (o.exact) opts.sampleSize = Number.POSITIVE_INFINITY;
  if (o.sampleSize !== undefined) opts.sampleSize = number('--sample-size', o.sampleSize);
  return opts;
}

function number(flag: string, s: string): number {
  const x = Number(s);
  if (s.trim() === '' || !Number.isFinite(x)) throw new LatheError('BAD_USAGE', `${flag} must be a number, got "${s}"`, { hint: `e.g. ${flag} 0.1` });
  return x;
}

function splitList(s: string): string[] {
  const names = s.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
  if (names.length === 0) throw new LatheError('BAD_USAGE', '--columns names no column', { hint: 'e.g. --columns bill_length_mm,species' });
  return names;
}

function checkWanted(wanted: string[] | undefined, available: string[], side: string, label: string): void {
  const missing = (wanted ?? []).filter((c) => !available.includes(c));
  if (missing.length > 0) {
    throw new LatheError('NOT_FOUND', `column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} not in the ${side} ${label}`, {
      hint: `the ${side} has: ${preview(available)}`,
    });
  }
}

function preview(names: string[]): string {
  if (names.length === 0) return '(no columns)';
  return names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
}


function printReport(r: DatasetDrift): void {
  const verdict = r.status === 'no_data' ? 'NO DATA' : r.dataset_drift ? 'DRIFT' : 'no drift';
  const share = r.drift_share === null ? 'no column had data on both sides' : `${r.drifted_columns} of ${r.tested_columns} columns drifted (${formatPercent(r.drift_share)})`;
  println(`${verdict}: ${share}; reference ${n(r.reference_rows)} rows, current ${n(r.current_rows)} rows`);
  printTable(
    ['column', 'test', 'statistic', 'p-value', 'score', 'threshold', 'drift', 'missing Δ', 'unseen', 'out of range'],
    r.columns.map((c) => [
      truncate(c.name, 32),
      c.test ?? '-',
      formatNumber(c.statistic),
      formatNumber(c.p_value_adjusted ?? c.p_value),
      formatNumber(c.score),
      formatNumber(c.threshold),
      c.status === 'no_data' ? `no data (${c.reason})` : c.drift ? 'DRIFT' : 'no',
      c.missing_rate_delta === null ? '-' : `${c.missing_rate_delta >= 0 ? '+' : '−'}${formatPercent(Math.abs(c.missing_rate_delta))}`,
      c.unseen_rate === null ? '-' : formatPercent(c.unseen_rate),
      c.range_violation_rate === null ? '-' : formatPercent(c.range_violation_rate),
    ]),
  );
}
