import type { Command } from 'commander';
import type { Progress } from '../core/index.js';
import { silentProgress } from '../core/index.js';
import { Home } from '../store/index.js';
import type { GlobalOptions } from './output.js';
import { TtyProgress } from './progress.js';

/** The global options of a command, wherever on the line they were given. */
export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/** Opens the home for one command and always closes it. */
export async function withHome<T>(g: GlobalOptions, fn: (home: Home) => Promise<T>): Promise<T> {
  const home = await Home.open({ dir: g.home });
  try {
    return await fn(home);
  } finally {
    await home.close();
  }
}

/** A progress bar only on a TTY without --json. */
export function progressFor(g: GlobalOptions, label: string): Progress {
  return !g.json && process.stderr.isTTY ? new TtyProgress(label) : silentProgress;
}
