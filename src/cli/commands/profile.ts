import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type ColumnProfile, type Profile, distinctIsEstimate, profileDataset } from '../../data/profile/index.js';
import { LatheError } from '../../errors.js';
import { formatCount, formatDate, formatNumber, formatPercent, profileHtml, truncate } from '../../report/index.js';
import { writeFileAtomic } from '../../store/index.js';
import { n, printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe profile <ref> [--html <file>]`. */
export function registerProfile(program: Command): void {
  program
    .command('profile')
    .description('per-column statistics of a dataset version, computed once and stored with it')
    .argument('<ref>', 'name (latest) or name@N')
    .option('--html <file>', 'also write a self-contained HTML report with a chart per column')
    .action(async (ref: string, o: { html?: string }, cmd: Command) => {
      const g = globals(cmd);
      const profile = await withHome(g, (home) => profileDataset(home, ref));
      const html = o.html ? writeReport(o.html, profile) : undefined;
      if (g.json) {
        printJson(profile);
        if (html) process.stderr.write(`wrote ${html}\n`);
        return;
      }
      printProfile(profile);
      if (html) println(`report   ${html}`);
    });
}

/** Writes the HTML report atomically; a folder that is not there is the user's to fix. */
function writeReport(file: string, profile: Profile): string {
  const path = resolve(file);
  try {
    writeFileAtomic(path, profileHtml(profile));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') {
      throw new LatheError('BAD_INPUT', `cannot write the report to ${path} (${code})`, {
        hint: 'give --html a file in a folder that exists and is writable',
        cause: e,
      });
    }
    throw e;
  }
  return path;
}

function printProfile(p: Profile): void {
  println(`${p.dataset}@${p.version}  ${n(p.rows)} rows × ${p.columns.length} columns`);
  const rows = p.columns.map((c) => [
    printable(truncate(c.name, 32)),
    c.semantic === c.type ? c.type : `${c.type} (${c.semantic})`,
    formatPercent(c.missing_rate),
    `${distinctIsEstimate(c, p.approximate) ? '~' : ''}${formatCount(c.distinct)}`,
    cell(c, c.min),
    formatNumber(c.mean),
    cell(c, c.max),
    topText(c),
  ]);
  printTable(['column', 'type', 'missing', 'distinct', 'min', 'mean', 'max', 'top value'], rows);
  if (p.approximate) println('~ estimated (HyperLogLog): the data has more than 100,000 rows');
}

function cell(c: ColumnProfile, v: number | string | null): string {
  if (v === null) return '—';
  return c.type === 'datetime' ? formatDate(v) : formatNumber(Number(v));
}

function topText(c: ColumnProfile): string {
  const t = c.top[0];
  return t ? `${printable(truncate(String(t.value), 24))} (${formatCount(t.count)})` : '—';
}

/** Control characters from data must not reach the terminal (they could rewrite it). */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
