import { Command, CommanderError } from 'commander';
import '../ingest/builtins.js';
import { LatheError, toLatheError } from '../errors.js';
import { registerDatasetShow } from './commands/dataset-show.js';
import { registerDatasets } from './commands/datasets.js';
import { registerDerive } from './commands/derive.js';
import { registerDrift } from './commands/drift.js';
import { registerLabels } from './commands/labels.js';
import { registerApprove, registerMonitor } from './commands/monitor.js';
import { registerAlias } from './commands/alias.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerModel } from './commands/model.js';
import { registerModels } from './commands/models.js';
import { registerPredict } from './commands/predict.js';
import { registerPromote } from './commands/promote.js';
import { registerIngest } from './commands/ingest.js';
import { registerTrain } from './commands/train.js';
import { registerProfile } from './commands/profile.js';
import { registerRunShow } from './commands/run-show.js';
import { registerRuns } from './commands/runs.js';
import { registerSchema } from './commands/schema.js';
import { registerValidate } from './commands/validate.js';
import { registerServe } from './commands/serve.js';
import { registerRollout } from './commands/rollout.js';
import { registerKeys } from './commands/keys.js';
import { registerQuickstart } from './commands/quickstart.js';
import { reportError } from './output.js';

/** Builds the `lathe` command tree. */
export function buildProgram(): Command {
  const program = new Command('lathe')
    .description('Lathe: data to a monitored production model, in TypeScript')
    .version('0.1.0')
    .option('--home <dir>', 'the home folder with all state (env LATHE_HOME, default ./.lathe)')
    .option('--json', 'print exactly one JSON document on stdout')
    .showHelpAfterError(false)
    .exitOverride();
  registerIngest(program);
  registerDatasets(program);
  registerDatasetShow(program);
  registerDerive(program);
  registerProfile(program);
  registerSchema(program);
  registerValidate(program);
  registerTrain(program);
  registerEvaluate(program);
  registerRuns(program);
  registerModels(program);
  registerModel(program);
  registerAlias(program);
  registerPromote(program);
  registerPredict(program);
  registerRunShow(program);
  registerDrift(program);
  registerMonitor(program);
  registerApprove(program);
  registerLabels(program);
  registerServe(program);
  registerRollout(program);
  registerKeys(program);
  registerQuickstart(program);
  forEachCommand(program, (c) => c.exitOverride());
  return program;
}

/** Visits every command and subcommand. */
function forEachCommand(c: Command, fn: (c: Command) => void): void {
  for (const sub of c.commands) {
    fn(sub);
    forEachCommand(sub, fn);
  }
}

/** Runs the CLI with argv and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const program = buildProgram();
  // Commander's own error lines are suppressed: every error is reported once, below, in the CLI contract's form.
  const quiet = { writeErr: () => {} };
  program.configureOutput(quiet);
  forEachCommand(program, (c) => c.configureOutput(quiet));
  if (argv.length === 0) {
    process.stdout.write(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command that printed its result and then said no (validate) sets the code itself.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      const msg = e.message.replace(/^error: /, '');
      return reportError(new LatheError('BAD_USAGE', msg, { hint: 'see `lathe --help`' }), json);
    }
    const err = toLatheError(e);
    if (err.code === 'INTERNAL' && process.env.LATHE_DEBUG) console.error(e);
    return reportError(err, json);
  }
}

// `lathe runs | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
