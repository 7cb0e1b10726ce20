import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The vega-datasets data folder. */
export const VEGA = join(ROOT, 'node_modules', 'vega-datasets', 'data');
/** The CLI entry point. */
export const BIN = join(ROOT, 'bin', 'lathe.js');

/** A fresh temporary folder. */
export function tempDir(prefix = 'lathe-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The result of running the CLI. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON when `--json` was passed. */
  json: any;
}

/** Runs `lathe` as a child process, as a user would. */
export function lathe(home: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, '--home', home, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    cwd: ROOT,
  });
  let json: unknown;
  if (args.includes('--json')) {
    try {
      json = JSON.parse(r.stdout);
    } catch {
      json = undefined;
    }
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}

/** Runs `lathe` without waiting; for kill tests. */
export function latheAsync(home: string, args: string[]) {
  return spawn(process.execPath, [BIN, '--home', home, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Files under a folder, recursively, as relative paths. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** Asserts-friendly view of the home: artifact files and leftover temp entries. */
export function homeState(home: string): { artifacts: string[]; tmp: string[] } {
  return { artifacts: filesUnder(join(home, 'artifacts')), tmp: existsSync(join(home, 'tmp')) ? readdirSync(join(home, 'tmp')) : [] };
}

/** Runs `lathe` without blocking the event loop (for tests that serve HTTP in-process). */
export function latheAwait(home: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const c = latheAsync(home, args);
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('exit', (code) => {
      let json: unknown;
      try {
        json = args.includes('--json') ? JSON.parse(stdout) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ code: code ?? -1, stdout, stderr, json });
    });
  });
}
