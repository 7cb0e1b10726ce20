import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { type CliResult, lathe, ROOT, tempDir, VEGA } from './helpers.js';

/** `lathe predict …` through the real CLI. */
function predictCli(home: string, args: string[]): CliResult {
  return lathe(home, ['predict', ...args]);
}

describe('lathe predict', () => {
  let dir: string;
  let home: string;
  let run: string;

  before(() => {
    dir = tempDir('lathe-predict-cli-');
    home = join(dir, 'home');
    assert.equal(lathe(home, ['ingest', join(VEGA, 'penguins.json'), '--name', 'penguins']).code, 0);
    const t = lathe(home, ['train', '--dataset', 'penguins', '--target', 'Species', '--algo', 'logistic', '--json']);
    assert.equal(t.code, 0, t.stderr);
    run = t.json.run_id;
  });

  test('--json prints exactly one document: rows, output, seconds, rejected, rejects, warnings', () => {
    const out = join(dir, 'p.parquet');
    const r = predictCli(home, ['--model', run, '--input', 'penguins', '--output', out, '--keep', 'Species', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(r.json), ['rows', 'output', 'seconds', 'rejected', 'rejects', 'warnings']);
    assert.equal(r.json.rows, 344);
    assert.equal(r.json.output, out);
    assert.equal(r.json.rejected, 0);
    assert.ok(existsSync(out));
  });

  test('the human form says what was written; warnings go to stderr', () => {
    const out = join(dir, 'p.csv');
    const r = predictCli(home, ['--model', run, '--input', 'penguins', '--output', out, '--chunk-rows', '100']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^scored 344 rows in [\d.]+ s → .*p\.csv\n$/);
    assert.match(r.stderr, /warning: ignored 1 input column the model does not use: "Species"/);
    assert.equal(readFileSync(out, 'utf8').split('\n')[0], 'prediction,proba_Adelie,proba_Chinstrap,proba_Gentoo');
  });

  test('--on-error skip: the JSON counts the rejected rows and names the side file', () => {
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, ['{"Island":"Biscoe","Sex":"MALE","Body Mass (g)":5000}', '{"Island":null,"Sex":"MALE"}', '{"Island":"Dream","Body Mass (g)":"heavy"}'].join('\n'));
    const out = join(dir, 'skip.ndjson');
    const r = predictCli(home, ['--model', run, '--input', bad, '--output', out, '--on-error', 'skip', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.rows, 1);
    assert.equal(r.json.rejected, 2);
    assert.equal(r.json.rejects, `${out}.rejects.ndjson`);
    assert.match(r.json.warnings.join('\n'), /optional column "Beak Length \(mm\)" is absent/);
    const rejects = readFileSync(r.json.rejects, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(rejects.map((x) => [x.row, x.reasons]), [
      [2, ['column "Island" has no value, and the model needs one']],
      [3, ['column "Body Mass (g)" is not a number']],
    ]);
  });

  test('a job killed mid-run leaves no file under the final name; the next run sweeps what it left', async () => {
    const out = join(dir, 'killed.parquet');
    const stale = join(dir, '.killed.parquet.tmp-999999999-0000');
    writeFileSync(stale, 'half a file');
    const args = ['--home', home, 'predict', '--model', run, '--input', 'penguins', '--output', out, '--chunk-rows', '1', '--threads', '0'];
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'lathe.js'), ...args], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill once scoring has begun: the staged score files exist.
    const scoring = () => readdirSync(join(home, 'tmp')).some((d) => existsSync(join(home, 'tmp', d, 'scores-0.f64')));
    for (let i = 0; i < 600 && !scoring(); i++) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    assert.equal(existsSync(out), false);
    const r = predictCli(home, ['--model', run, '--input', 'penguins', '--output', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(stale), false);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('killed')), ['killed.parquet']);
    assert.deepEqual(readdirSync(join(home, 'tmp')), []);
  });

  test('bad input: a signature mismatch and a missing output folder exit 2 with one error line; nothing is left behind', () => {
    const bad = join(dir, 'cols.csv');
    writeFileSync(bad, 'Sex,colour\nMALE,red\n');
    const mismatch = predictCli(home, ['--model', run, '--input', bad, '--output', join(dir, 'm.csv'), '--json']);
    assert.equal(mismatch.code, 2);
    assert.equal(mismatch.json.error.code, 'BAD_INPUT');
    assert.match(mismatch.json.error.message, /required column "Island" \(categorical\) is missing; extra columns the model does not use: "colour"/);
    const human = predictCli(home, ['--model', run, '--input', bad, '--output', join(dir, 'm.csv')]);
    assert.equal(human.code, 2);
    assert.match(human.stderr, /^error: .*does not match the model's signature: .* — the model needs: Island \(categorical\)/);
    const noDir = predictCli(home, ['--model', run, '--input', 'penguins', '--output', join(dir, 'missing', 'o.parquet')]);
    assert.equal(noDir.code, 2);
    assert.match(noDir.stderr, /^error: the output folder .*missing does not exist — create the folder first/);
    const mode = predictCli(home, ['--model', run, '--input', 'penguins', '--output', join(dir, 'o.csv'), '--on-error', 'ignore', '--json']);
    assert.equal(mode.code, 2);
    assert.match(mode.json.error.message, /--on-error: "ignore" is not allowed/);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.') || f === 'm.csv' || f === 'o.csv' || f === 'missing'), []);
    assert.deepEqual(readdirSync(join(home, 'tmp')), []);
  });
});
