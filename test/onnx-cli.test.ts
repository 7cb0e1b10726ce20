import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { DuckDBEngine, quoteLiteral } from '../src/engine/index.js';
import { ROOT, tempDir, VEGA } from './helpers.js';
import { cli, penguinHome, trainRun } from './registry-helpers.js';

type Row = Record<string, unknown>;

async function readCsv(path: string): Promise<Row[]> {
  const e = await DuckDBEngine.open();
  try {
    return await e.rows(`SELECT * FROM read_csv(${quoteLiteral(path)})`);
  } finally {
    e.close();
  }
}

const FIXTURES = join(ROOT, 'test', 'fixtures', 'onnx');

describe('lathe model export and ONNX versions through the CLI', () => {
  let dir: string;
  let out: string;

  before(async () => {
    const setup = await penguinHome();
    dir = setup.dir;
    out = tempDir('lathe-onnx-cli-');
    try {
      const run = await trainRun(setup.home, 'penguins', 'Species', 'gbdt', { params: { iterations: 20 } });
      assert.equal(cli(dir, ['model', 'register', run, '--name', 'pen']).code, 0);
    } finally {
      await setup.home.close();
    }
  });

  test('export, register the file, and predict and evaluate with it: the same answers as the native model', async () => {
    const onnx = join(out, 'pen.onnx');
    const sig = join(out, 'pen.sig.yaml');
    const ex = cli(dir, ['model', 'export', 'pen:1', '--format', 'onnx', '-o', onnx, '--signature-out', sig, '--json']);
    assert.equal(ex.code, 0, ex.stderr);
    assert.equal(ex.json.sha256, createHash('sha256').update(readFileSync(onnx)).digest('hex'));
    assert.deepEqual(ex.json.outputs, [{ name: 'prediction', type: 'categorical' }, { name: 'probabilities', type: 'numeric' }]);
    assert.deepEqual(readdirSync(out).sort(), ['pen.onnx', 'pen.sig.yaml'], 'no temp files are left');
    const reg = cli(dir, ['model', 'register', onnx, '--name', 'pen-onnx', '--signature', sig, '--json']);
    assert.equal(reg.code, 0, reg.stderr);
    assert.deepEqual([reg.json.format, reg.json.task], ['onnx', 'multiclass']);
    const input = join(VEGA, 'penguins.json');
    for (const m of ['pen:1', 'pen-onnx:1']) {
      const r = cli(dir, ['predict', '--model', m, '--input', input, '--output', join(out, `${m.replace(':', '-')}.csv`), '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.json.rows, 344);
    }
    const native = await readCsv(join(out, 'pen-1.csv'));
    const viaOnnx = await readCsv(join(out, 'pen-onnx-1.csv'));
    assert.deepEqual(Object.keys(viaOnnx[0]), ['prediction', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo']);
    native.forEach((r, i) => {
      assert.equal(viaOnnx[i].prediction, r.prediction, `row ${i}`);
      for (const k of ['proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo']) assert.ok(Math.abs((viaOnnx[i][k] as number) - (r[k] as number)) <= 1e-6, `row ${i} ${k}`);
    });
    const evNative = cli(dir, ['evaluate', '--model', 'pen:1', '--dataset', 'penguins', '--json']);
    const evOnnx = cli(dir, ['evaluate', '--model', 'pen-onnx:1', '--dataset', 'penguins', '--json']);
    assert.equal(evOnnx.code, 0, evOnnx.stderr);
    assert.equal(evOnnx.json.metrics.accuracy, evNative.json.metrics.accuracy);
    assert.ok(Math.abs(evOnnx.json.metrics.log_loss - evNative.json.metrics.log_loss) <= 1e-9);
    // A registered ONNX version exports as the very file that was registered.
    const again = join(out, 'again.onnx');
    assert.equal(cli(dir, ['model', 'export', 'pen-onnx:1', '-o', again]).code, 0);
    assert.deepEqual(readFileSync(again), readFileSync(onnx));
  });

  test('an imported fixture scores a CSV; evaluate needs the declared target', async () => {
    const reg = cli(dir, ['model', 'register', join(FIXTURES, 'linear_regressor.onnx'), '--name', 'lin', '--signature', join(FIXTURES, 'linear_regressor.sig.yaml'), '--json']);
    assert.equal(reg.code, 0, reg.stderr);
    const csv = join(out, 'lin.csv');
    writeFileSync(csv, 'id,a,color\n1,0,red\n2,2,green\n3,-4,blue\n4,8,\n');
    const r = cli(dir, ['predict', '--model', 'lin:1', '--input', csv, '--output', join(out, 'lin-out.csv'), '--keep', 'id', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = await readCsv(join(out, 'lin-out.csv'));
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')).linear_regressor as { variable: number }[];
    assert.deepEqual(rows.map((x) => Number(x.id)), [1, 2, 3, 4]);
    [0, 1, 2, 4].forEach((e, i) => assert.ok(Math.abs((rows[i].prediction as number) - expected[e].variable) <= 1e-6, `row ${i}`));
    const ev = cli(dir, ['evaluate', '--model', 'lin:1', '--dataset', 'penguins', '--json']);
    assert.equal(ev.code, 2);
    assert.match(ev.json.error.message, /required column "a" \(numeric\) is missing/);
  });

  test('bad usage: an unknown format, an output folder that does not exist, a file that is not ONNX; each exits 2 with a fix', () => {
    const fmt = cli(dir, ['model', 'export', 'pen:1', '--format', 'pmml', '-o', join(out, 'x.pmml'), '--json']);
    assert.deepEqual([fmt.code, fmt.json.error.message, fmt.json.error.hint], [2, '--format pmml is not supported', 'use --format onnx']);
    const missing = cli(dir, ['model', 'export', 'pen:1', '-o', join(out, 'nope', 'x.onnx'), '--json']);
    assert.equal(missing.code, 2);
    assert.match(missing.json.error.message, /folder .*nope does not exist/);
    assert.equal(existsSync(join(out, 'nope')), false);
    const text = join(out, 'notes.onnx');
    writeFileSync(text, 'hello');
    const bad = cli(dir, ['model', 'register', text, '--name', 'x', '--signature', join(FIXTURES, 'linear_regressor.sig.yaml')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^error: notes\.onnx is not an ONNX model \(.*\) — pass a \.onnx file/m);
    const noRef = cli(dir, ['model', 'export', 'ghost:1', '-o', join(out, 'g.onnx'), '--json']);
    assert.equal(noRef.code, 2);
    assert.match(noRef.json.error.message, /model "ghost" does not exist/);
  });
});
