import type { Command } from 'commander';
import { LatheError } from '../../errors.js';
import { type BatchPredictResult, batchPredict } from '../../predict/index.js';
import { n, printJson, println } from '../output.js';
import { oneOf } from '../parse-options.js';
import { globals, progressFor, withHome } from '../with-home.js';

interface PredictFlags {
  model: string;
  input: string;
  output: string;
  keep?: string;
  onError: string;
  chunkRows?: string;
  threads?: string;
}

/** `lathe predict --model <ref> --input <source|dataset> --output <file>`. */
export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('score a file, URL or dataset version with a model, in chunks, into a Parquet, CSV or NDJSON file')
    .requiredOption('--model <ref>', 'a registered model (name, name@alias, name:N), a run id (or unique prefix), or a package sha256')
    .requiredOption('--input <source>', 'a path, glob or URL (any ingestible source), or a dataset ref name[@N]')
    .requiredOption('--output <file>', 'the file to write: .parquet, .csv, .ndjson or .jsonl, in an existing folder')
    .option('--keep <cols>', 'input columns to copy to the output before the predictions, comma-separated')
    .option('--on-error <mode>', 'fail, or skip rows that do not fit the signature (written to <output>.rejects.ndjson)', 'fail')
    .option('--chunk-rows <n>', 'rows scored per chunk (memory holds a few chunks)', '100000')
    .option('--threads <n>', 'scoring worker threads (default: cores − 1, at least 1); 0 scores on the main thread')
    .action(async (o: PredictFlags, cmd: Command) => {
      const g = globals(cmd);
      const res = await withHome(g, (home) =>
        batchPredict(home, {
          model: o.model,
          input: o.input,
          output: o.output,
          keep: o.keep ? o.keep.split(',').map((s) => s.trim()).filter((s) => s !== '') : [],
          onError: oneOf('--on-error', o.onError, ['fail', 'skip'] as const),
          chunkRows: o.chunkRows === undefined ? undefined : count('--chunk-rows', o.chunkRows),
          threads: o.threads === undefined ? undefined : count('--threads', o.threads, 0),
          progress: progressFor(g, 'predict'),
        }),
      );
      if (g.json) printJson(res);
      else printPredict(res);
    });
}

/** A whole number of at least `min` from a flag. */
function count(flag: string, text: string, min = 1): number {
  const v = text.trim() === '' ? NaN : Number(text.replace(/_/g, ''));
  if (!Number.isInteger(v) || v < min) throw new LatheError('BAD_USAGE', `${flag} ${text} is not a whole number of at least ${min}`, { hint: `e.g. ${flag} ${min === 0 ? 2 : 100000}` });
  return v;
}

/** The human form: what was written, what was rejected, and the warnings (on stderr). */
function printPredict(r: BatchPredictResult): void {
  println(`scored ${n(r.rows)} rows in ${r.seconds.toFixed(1)} s → ${r.output}`);
  if (r.rejects) println(`rejected ${n(r.rejected)} rows → ${r.rejects}`);
  for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
}
