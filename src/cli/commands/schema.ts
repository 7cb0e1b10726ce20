import type { Command } from 'commander';
import { inferSchema, schemaToYaml } from '../../data/schema/index.js';
import { withTarget } from '../../data/validate/index.js';
import { LatheError } from '../../errors.js';
import { writeFileAtomic } from '../../store/index.js';
import { printJson, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe schema infer <ref|file> [-o schema.yaml]`. */
export function registerSchema(program: Command): void {
  const schema = program.command('schema').description('dataset schemas: what valid data looks like');
  schema
    .command('infer')
    .description('infer an editable schema (types, ranges, categories, missing rates) from a dataset version or a file')
    .argument('<data>', 'dataset name, name@N, or a file, glob or URL')
    .option('-o, --output <file>', 'write the schema as YAML to this file (default: print the YAML)')
    .option('--format <format>', 'file format when <data> is a file: csv, tsv, parquet, json, ndjson or arrow')
    .action(async (data: string, o: { output?: string; format?: string }, cmd: Command) => {
      const g = globals(cmd);
      const { schema: inferred, label } = await withHome(g, (home) =>
        withTarget(home, data, async (t) => ({ schema: await inferSchema(t.engine, t.relation, t.columns), label: t.label }), {
          ingest: { format: o.format },
        }),
      );
      const yaml = schemaToYaml(inferred, { source: label });
      if (o.output) writeSchema(o.output, yaml);
      if (g.json) return printJson(inferred);
      if (o.output) println(`wrote ${o.output}: ${inferred.columns.length} columns inferred from ${label}`);
      else process.stdout.write(yaml);
    });
}

/** Writes atomically, so an interrupted run never leaves half a schema behind. */
function writeSchema(path: string, yaml: string): void {
  try {
    writeFileAtomic(path, yaml);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new LatheError('BAD_INPUT', `cannot write ${path} (${code})`, { hint: 'check that the folder exists and is writable', cause: e });
  }
}
