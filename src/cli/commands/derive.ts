import type { Command } from 'commander';
import { derive } from '../../ingest/index.js';
import { printJson } from '../output.js';
import { globals, progressFor, withHome } from '../with-home.js';
import { ingestJson, printIngest } from './ingest.js';

/** `lathe derive <ref> --sql "SELECT … FROM data" --name <new>`. */
export function registerDerive(program: Command): void {
  program
    .command('derive')
    .description('make a new dataset version from SQL over an existing one (the table `data`)')
    .argument('<ref>', 'the parent: name or name@N')
    .requiredOption('--sql <select>', 'one SELECT … FROM data')
    .requiredOption('-n, --name <dataset>', 'the dataset to add the version to')
    .action(async (ref: string, o: { sql: string; name: string }, cmd: Command) => {
      const g = globals(cmd);
      const res = await withHome(g, (home) => derive(home, ref, o.sql, o.name, progressFor(g, 'derive')));
      if (g.json) printJson(ingestJson(res));
      else printIngest(res);
    });
}
