// Shared setup of the registry and promote tests: a real home with vega
// datasets and real trained runs, in-process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import '../src/ingest/builtins.js';
import { derive, ingest } from '../src/ingest/index.js';
import { Home } from '../src/store/index.js';
import { defaultConfig, train, type TrainConfig } from '../src/train/index.js';
import { BIN, ROOT, tempDir, VEGA, type CliResult } from './helpers.js';

/** Ingests penguins, and `pen2`: the Adelie/Chinstrap rows, derived from it (a binary task with a parent dataset). */
export async function penguinHome(): Promise<{ dir: string; home: Home }> {
  const dir = tempDir('lathe-reg-');
  const home = await Home.open({ dir });
  await ingest(home, join(VEGA, 'penguins.json'), 'penguins');
  await derive(home, 'penguins', `SELECT * FROM data WHERE Species <> 'Gentoo'`, 'pen2');
  return { dir, home };
}

/** Trains on a dataset in-process and returns the run id. */
export async function trainRun(home: Home, dataset: string, target: string, algo: string, more: Partial<TrainConfig> = {}): Promise<string> {
  const cfg: TrainConfig = { ...defaultConfig(dataset, target), algo, ...more };
  return (await train(home, cfg)).run_id;
}

/** Runs the real CLI as a child process. */
export function cli(home: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, '--home', home, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, ...env } });
  let json: unknown;
  try {
    json = args.includes('--json') ? JSON.parse(r.stdout) : undefined;
  } catch {
    json = undefined;
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}
