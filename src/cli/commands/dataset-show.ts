import type { Command } from 'commander';
import { formatDatasetRef } from '../../core/index.js';
import { resolveDataset } from '../../ingest/index.js';
import { n, printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe dataset show <ref>`. */
export function registerDatasetShow(program: Command): void {
  const dataset = program.command('dataset').description('inspect one dataset version');
  dataset
    .command('show')
    .description('describe a dataset version: schema, rows, hash, source and lineage')
    .argument('<ref>', 'name (latest) or name@N')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const r = await withHome(g, (home) => resolveDataset(home, ref));
      if (g.json) return printJson({ dataset: r.name, ...r, name: undefined });
      println(`${formatDatasetRef(r.name, r.version)}  ${n(r.rows)} rows × ${r.columns.length} columns, ${n(r.bytes)} bytes`);
      println(`created  ${r.created}`);
      println(`hash     ${r.hash}`);
      println(`source   ${r.source.kind} ${r.source.location}${r.source.format ? ` (${r.source.format})` : ''}`);
      if (r.source.query) println(`query    ${r.source.query}`);
      if (r.lineage) {
        println(`parents  ${r.lineage.parents.map((p) => formatDatasetRef(p.name, p.version)).join(', ')}`);
        if (r.lineage.sql) println(`sql      ${r.lineage.sql}`);
      }
      printTable(['column', 'type', 'nullable'], r.columns.map((c) => [c.name, c.type, c.nullable ? 'yes' : 'no']));
    });
}
