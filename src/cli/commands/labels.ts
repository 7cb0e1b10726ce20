import type { Command } from 'commander';
import { ingestLabels } from '../../monitor/index.js';
import { n, printJson, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe labels ingest <source> --model m --id-column id --label-column y`. */
export function registerLabels(program: Command): void {
  const labels = program.command('labels').description('delayed ground truth, joined to logged predictions by request id');
  labels
    .command('ingest')
    .description('store labels from a dataset version or file; the last label for an id wins, and it joins the newest prediction logged with that id')
    .argument('<source>', 'dataset name, name@N, or a file, glob or URL')
    .requiredOption('--model <name>', 'the registered model whose predictions the labels answer')
    .requiredOption('--id-column <col>', 'the column holding the request id')
    .requiredOption('--label-column <col>', 'the column holding the label')
    .option('--format <format>', 'file format when <source> is a file')
    .action(async (source: string, o: { model: string; idColumn: string; labelColumn: string; format?: string }, cmd: Command) => {
      const g = globals(cmd);
      const r = await withHome(g, (home) => ingestLabels(home, o.model, source, { idColumn: o.idColumn, labelColumn: o.labelColumn, format: o.format }));
      if (g.json) return printJson(r);
      println(`${n(r.received)} labels for ${r.model} from ${r.source}: ${n(r.stored)} new, ${n(r.duplicates)} replaced an earlier label, ${n(r.unknown)} for unknown ids`);
      if (r.unknown > 0) println(`unknown ids, e.g.: ${r.unknown_sample.join(', ')} — labels are joined on the request id the server logged (x-request-id or the OIP id)`);
      if (r.reused_ids > 0) {
        println(`${n(r.reused_ids)} id${r.reused_ids === 1 ? ' was' : 's were'} reused by several logged predictions, e.g.: ${r.reused_sample.join(', ')} — each label joins the newest prediction with its id; send a unique x-request-id (or OIP id) per request`);
      }
    });
}
