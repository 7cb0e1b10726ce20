import type { Command } from 'commander';
import { LatheError } from '../../errors.js';
import { parsePort, runQuickstart } from '../../quickstart/index.js';
import { printJson } from '../output.js';
import { globals } from '../with-home.js';

/** `lathe quickstart [--home dir] [--fresh] [--port N]`: the whole loop on the penguins data, narrated. */
export function registerQuickstart(program: Command): void {
  program
    .command('quickstart')
    .description('run the whole loop on the penguins data, narrated: ingest → validate → train → register → serve → monitor → retrain (about a minute, no network)')
    .option('--fresh', 'delete an existing Lathe home given by --home first (otherwise it is left untouched and refused)')
    .option('--port <n>', 'the server port on 127.0.0.1 (default 0: a free port)', '0')
    .option('--search <n>', 'hyper-parameter search trials of the first training run', '6')
    .addHelpText('after', '\nWithout --home the tour runs in a new temporary folder, which is kept so the reports can be opened.\nWith --json the narration goes to stderr and stdout holds one JSON document.')
    .action(async (o: { fresh?: boolean; port: string; search: string }, cmd: Command) => {
      const g = globals(cmd);
      const trials = parseTrials(o.search);
      // Only an explicit --home is used, never $LATHE_HOME: that may be a real home, and the tour should not land in it by accident.
      const result = await runQuickstart({ home: g.home, fresh: o.fresh, port: parsePort(o.port), searchTrials: trials, out: g.json ? process.stderr : process.stdout });
      if (g.json) printJson(result);
    });
}

function parseTrials(text: string): number {
  if (!/^[0-9]{1,3}$/.test(text)) throw new LatheError('BAD_USAGE', `--search "${text.slice(0, 20)}" is not a number of trials`, { hint: 'pass --search N with N from 0 to 999' });
  return Number(text);
}
