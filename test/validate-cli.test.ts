/**
 * CLI tests of `lathe schema infer` and `lathe validate`. Until the commands
 * are wired into src/cli/main.ts, this file doubles as a tiny `lathe` with
 * only these commands: run with LATHE_VALIDATE_CLI=1 it parses argv the way
 * main.ts does (including keeping an exit code a command set) and exits.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { Command, CommanderError } from 'commander';
import '../src/ingest/builtins.js';
import { registerSchema } from '../src/cli/commands/schema.js';
import { registerValidate } from '../src/cli/commands/validate.js';
import { reportError } from '../src/cli/output.js';
import { parseSchema } from '../src/data/schema/index.js';
import { LatheError, toLatheError } from '../src/errors.js';
import { ingest } from '../src/ingest/index.js';
import { Home } from '../src/store/index.js';
import { ROOT, tempDir, VEGA } from './helpers.js';

const SELF = fileURLToPath(import.meta.url);

async function runAsCli(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const program = new Command('lathe').option('--home <dir>').option('--json').exitOverride();
  if (json) program.configureOutput({ writeErr: () => {} });
  registerSchema(program);
  registerValidate(program);
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return reportError(new LatheError('BAD_USAGE', e.message.replace(/^error: /, '')), json);
    return reportError(toLatheError(e), json);
  }
}

function lathe(home: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--home', home, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, LATHE_VALIDATE_CLI: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

if (process.env.LATHE_VALIDATE_CLI) {
  process.exitCode = await runAsCli(process.argv.slice(2));
} else {
  describe('lathe schema infer and lathe validate', () => {
    let dir: string;
    let homeDir: string;
    before(async () => {
      dir = tempDir('lathe-vcli-');
      homeDir = join(dir, 'home');
      const home = await Home.open({ dir: homeDir });
      try {
        await ingest(home, join(VEGA, 'penguins.json'), 'penguins');
        writeFileSync(join(dir, 'empty.csv'), 'a,b\n');
        await ingest(home, join(dir, 'empty.csv'), 'empty');
      } finally {
        await home.close();
      }
    });

    test('infer writes an editable schema; --json prints the same schema', () => {
      const out = join(dir, 'schema.yaml');
      const r = lathe(homeDir, ['schema', 'infer', 'penguins', '-o', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /wrote .*schema\.yaml: 7 columns inferred from penguins@1/);
      const text = readFileSync(out, 'utf8');
      assert.match(text, /^# Lathe dataset schema/);
      const j = lathe(homeDir, ['schema', 'infer', 'penguins@1', '--json']);
      assert.equal(j.code, 0);
      assert.deepEqual(JSON.parse(j.stdout), parseSchema(text, out));
    });

    test('validate: exit 0 when valid, 1 with a table of every anomaly when not', () => {
      const schema = join(dir, 'schema.yaml');
      lathe(homeDir, ['schema', 'infer', 'penguins', '-o', schema]);
      const ok = lathe(homeDir, ['validate', 'penguins', '--schema', schema]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /^valid: penguins@1, 344 rows, 0 errors, 0 warnings/);
      // The same schema against another file read in place.
      const bad = lathe(homeDir, ['validate', join(VEGA, 'cars.json'), '--schema', schema]);
      assert.equal(bad.code, 1);
      assert.match(bad.stdout, /^INVALID: .*cars\.json, 406 rows, 7 errors, 9 warnings/m);
      assert.match(bad.stdout, /error +Species +MISSING_COLUMN/);
      assert.match(bad.stdout, /warning +Horsepower +NEW_COLUMN/);
      assert.match(bad.stderr, /^error: .*cars\.json does not match the schema: 7 errors — /);
    });

    test('validate --json prints exactly one document and still exits 1', () => {
      const schema = join(dir, 'strict.yaml');
      writeFileSync(schema, 'version: 1\ncolumns:\n  - {name: Species, type: categorical, categories: [Adelie]}\n  - {name: Sex, type: categorical, nullable: false}\n');
      const r = lathe(homeDir, ['validate', 'penguins', '--schema', schema, '--json']);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, '');
      const doc = JSON.parse(r.stdout);
      assert.deepEqual(Object.keys(doc), ['valid', 'anomalies']);
      assert.equal(doc.valid, false);
      const species = doc.anomalies.find((a: { reason: string }) => a.reason === 'UNEXPECTED_CATEGORY');
      assert.deepEqual(
        { ...species, message: undefined },
        { column: 'Species', reason: 'UNEXPECTED_CATEGORY', severity: 'error', count: 192, percent: 55.81, sample: ['Chinstrap', 'Gentoo'], message: undefined },
      );
      assert.ok(doc.anomalies.some((a: { reason: string }) => a.reason === 'NULLS_NOT_ALLOWED'));
      assert.ok(doc.anomalies.every((a: object) => ['column', 'reason', 'severity', 'count', 'percent', 'sample'].every((k) => k in a)));
    });

    test('bad input: a schema that does not parse, zero rows, an unwritable output', () => {
      const broken = join(dir, 'broken.yaml');
      writeFileSync(broken, 'version: 1\ncolumns:\n  - name: a\n   type: numeric\n');
      const r = lathe(homeDir, ['validate', 'penguins', '--schema', broken]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^error: .*broken\.yaml: line \d+, column \d+: [^\n]+\n$/);
      const j = lathe(homeDir, ['validate', 'penguins', '--schema', broken, '--json']);
      assert.equal(j.code, 2);
      assert.equal(JSON.parse(j.stdout).error.code, 'BAD_INPUT');
      const out = join(dir, 'empty-schema.yaml');
      const e = lathe(homeDir, ['schema', 'infer', 'empty', '-o', out]);
      assert.equal(e.code, 2);
      assert.match(e.stderr, /zero rows/);
      assert.equal(existsSync(out), false, 'nothing is written');
      const w = lathe(homeDir, ['schema', 'infer', 'penguins', '-o', join(dir, 'no', 'such', 'dir', 's.yaml')]);
      assert.equal(w.code, 2);
      assert.match(w.stderr, /cannot write .*\(ENOENT\)/);
      const schema = join(dir, 'for-empty.yaml');
      writeFileSync(schema, 'version: 1\ncolumns: [{name: a, type: categorical}, {name: b, type: categorical}]\n');
      const v = lathe(homeDir, ['validate', 'empty', '--schema', schema, '--json']);
      assert.equal(v.code, 1);
      assert.deepEqual(JSON.parse(v.stdout).anomalies.map((a: { reason: string }) => a.reason), ['EMPTY_DATASET']);
    });
  });
}
