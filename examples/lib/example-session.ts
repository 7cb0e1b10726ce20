import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Home } from '../../src/store/index.js';
import type { ExampleArgs } from './example-args.js';

/**
 * One run of a case study: its home, its narration, and its clock. Every
 * step is timed; the peak resident memory of the process is reported at the
 * end, so the READMEs can quote measured numbers.
 */
export class ExampleSession {
  readonly timings: Record<string, number> = {};
  private readonly t0 = performance.now();

  private constructor(
    readonly name: string,
    readonly dir: string,
    readonly work: string,
    readonly home: Home,
    readonly args: ExampleArgs,
  ) {}

  /** Opens the home (a new temporary folder unless `--home`), with a `work/` folder for reports and files. */
  static async open(name: string, args: ExampleArgs): Promise<ExampleSession> {
    const dir = args.home ? resolve(args.home) : mkdtempSync(join(tmpdir(), `lathe-example-${name}-`));
    const work = join(dir, 'work');
    mkdirSync(work, { recursive: true });
    const home = await Home.open({ dir, metadataUri: `sqlite:${join(dir, 'lathe.db')}`, artifactUri: `file:${join(dir, 'artifacts')}` });
    return new ExampleSession(name, dir, work, home, args);
  }

  /** A line of narration: stderr under `--json`, so stdout holds only the document. */
  say(line: string): void {
    if (this.args.quiet) return;
    (this.args.json ? process.stderr : process.stdout).write(`${line}\n`);
  }

  /** Runs one named step, timing it and announcing it. */
  async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.say(`\n== ${name}`);
    const t = performance.now();
    try {
      return await fn();
    } finally {
      this.timings[name] = round((performance.now() - t) / 1000, 2);
    }
  }

  /** A file in the work folder. */
  file(name: string): string {
    return join(this.work, name);
  }

  /** Seconds since the session opened. */
  elapsed(): number {
    return round((performance.now() - this.t0) / 1000, 2);
  }

  async close(): Promise<void> {
    await this.home.close();
  }
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** `x` to `digits` decimals. */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Prints the result: one JSON document on stdout with `--json`, else an indented summary. */
export function printResult(session: ExampleSession, result: object): void {
  if (session.args.quiet) return;
  const doc = { example: session.name, home: session.dir, seconds: session.elapsed(), peak_rss_mib: peakRssMiB(), timings: session.timings, ...result };
  if (session.args.json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else session.say(`\n== result\n${JSON.stringify(doc, null, 2)}`);
}
