import { pathToFileURL } from 'node:url';
import { toLatheError } from '../../src/errors.js';
import { exitCodeOf } from '../../src/errors.js';
import { type ExampleArgs, parseExampleArgs } from './example-args.js';

/** True when the module at `url` is the script node was started with (not imported by a test). */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;
}

/** Runs an example as a script: parses the flags, reports a failure in the CLI's one-line form with its exit code. */
export async function runAsScript(fn: (args: ExampleArgs) => Promise<unknown>): Promise<void> {
  try {
    await fn(parseExampleArgs(process.argv.slice(2)));
  } catch (e) {
    const err = toLatheError(e);
    process.stderr.write(`error: ${err.oneLine()}\n`);
    if (err.code === 'INTERNAL') console.error(e);
    process.exitCode = exitCodeOf(err.code);
  }
}
