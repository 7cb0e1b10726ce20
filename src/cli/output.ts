import { type LatheError, exitCodeOf } from '../errors.js';

/** Global options every command takes. */
export interface GlobalOptions {
  home?: string;
  json?: boolean;
}

/** Prints exactly one JSON document on stdout (the `--json` contract). */
export function printJson(doc: unknown): void {
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

/** Prints a human line on stdout. */
export function println(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Prints an aligned text table. */
export function printTable(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  for (const r of cells) println(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}

/** Reports an error in the CLI contract's form and returns the exit code. */
export function reportError(err: LatheError, json: boolean): number {
  if (json) printJson({ error: err.toJSON() });
  else process.stderr.write(`error: ${err.oneLine()}\n`);
  return exitCodeOf(err.code);
}

/** 3000000 → "3,000,000". */
export function n(x: number): string {
  return x.toLocaleString('en-US');
}
