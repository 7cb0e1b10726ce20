import type { Command } from 'commander';
import { assertValidName, formatDatasetRef } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { n, printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe datasets [name]`: datasets, or the versions of one. */
export function registerDatasets(program: Command): void {
  program
    .command('datasets')
    .description('list datasets, or the versions of one dataset')
    .argument('[name]', 'a dataset whose versions to list')
    .action(async (name: string | undefined, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      await withHome(g, async (home) => {
        if (name === undefined) {
          const list = await home.meta.listDatasets();
          if (g.json) return printJson({ datasets: list });
          if (list.length === 0) return println('no datasets yet: run `lathe ingest <source> --name <name>`');
          printTable(['name', 'latest', 'versions', 'rows', 'updated'],
            list.map((d) => [d.name, d.latest, d.versions, n(d.rows), d.updated]));
          return;
        }
        const versions = await home.meta.listDatasetVersions(assertValidName('dataset', name));
        if (versions.length === 0) {
          throw new LatheError('NOT_FOUND', `dataset "${name}" does not exist`, { hint: 'run `lathe datasets` to list datasets' });
        }
        if (g.json) return printJson({ dataset: name, versions });
        printTable(['ref', 'rows', 'columns', 'source', 'created'],
          versions.map((v) => [formatDatasetRef(v.name, v.version), n(v.rows), v.columns.length, `${v.source.kind}:${v.source.location}`, v.created]));
      });
    });
}
