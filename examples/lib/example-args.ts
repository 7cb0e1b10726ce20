import { LatheError } from '../../src/errors.js';

/** The flags every example takes. */
export interface ExampleArgs {
  /** Use at most this many rows (a seeded sample), for quick runs and CI; default all. */
  rows?: number;
  /** The home folder; default a new temporary one. */
  home?: string;
  /** Print the results as one JSON document on stdout (narration goes to stderr). */
  json: boolean;
  /** Print nothing (tests call the run functions and read what they return); no flag sets it. */
  quiet?: boolean;
}

/** Parses `--rows N`, `--home dir` and `--json`; anything else is a usage error naming the flags. */
export function parseExampleArgs(argv: readonly string[]): ExampleArgs {
  const out: ExampleArgs = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = true;
    else if (a === '--rows') out.rows = positive(argv[++i]);
    else if (a === '--home') out.home = need(argv[++i], '--home');
    else throw new LatheError('BAD_USAGE', `unknown flag "${a}"`, { hint: 'the examples take --rows N, --home <dir> and --json' });
  }
  return out;
}

function positive(text: string | undefined): number {
  const n = Number(need(text, '--rows'));
  if (!Number.isInteger(n) || n <= 0) throw new LatheError('BAD_USAGE', `--rows "${text}" is not a positive whole number`, { hint: 'e.g. --rows 20000' });
  return n;
}

function need(text: string | undefined, flag: string): string {
  if (text === undefined) throw new LatheError('BAD_USAGE', `${flag} needs a value`, { hint: `write ${flag} <value>` });
  return text;
}
