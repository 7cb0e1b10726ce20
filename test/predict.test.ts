import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DuckDBEngine, quoteLiteral } from '../src/engine/index.js';
import { isLatheError } from '../src/errors.js';
import '../src/ingest/builtins.js';
import { ingest, loadFrame, resolveDataset } from '../src/ingest/index.js';
import { batchPredict, Predictor, type Predictions } from '../src/predict/index.js';
import { Home } from '../src/store/index.js';
import { defaultConfig, loadPackage, train } from '../src/train/index.js';
import { tempDir, VEGA } from './helpers.js';

type Row = Record<string, unknown>;

/** Reads any output file back through DuckDB, in file order. */
async function readBack(path: string): Promise<Row[]> {
  const e = await DuckDBEngine.open();
  try {
    const fn = path.endsWith('.parquet') ? 'read_parquet' : path.endsWith('.csv') ? 'read_csv' : 'read_json';
    return await e.rows(`SELECT * FROM ${fn}(${quoteLiteral(path)})`);
  } finally {
    e.close();
  }
}

/** Asserts output rows equal the Predictor's answer on the same rows, to the bit. */
function assertSame(rows: Row[], expected: Predictions, picked?: number[]): void {
  const idx = picked ?? expected.prediction.map((_, i) => i);
  assert.equal(rows.length, idx.length);
  const classes = expected.classes ?? [];
  rows.forEach((r, j) => {
    const i = idx[j];
    if (expected.proba) {
      assert.equal(r.prediction, classes[expected.prediction[i]], `row ${i}`);
      classes.forEach((c, k) => assert.equal(r[`proba_${c}`], expected.proba![i * classes.length + k], `row ${i} proba_${c}`));
    } else {
      const v = expected.prediction[i];
      assert.equal(r.prediction, Number.isNaN(v) ? null : v, `row ${i}`);
    }
  });
}

/** Files in a folder other than the ones named: leftovers such as temp files. */
function strays(dir: string, expected: string[]): string[] {
  return readdirSync(dir).filter((f) => !expected.includes(f));
}

describe('batchPredict', () => {
  let dir: string;
  let home: Home;
  let penguinsRun: string;
  let penguins: Predictions;
  let carsRun: string;
  let cars: Predictions;
  let penguinsCsv: string;

  before(async () => {
    dir = tempDir('lathe-predict-');
    home = await Home.open({ dir: join(dir, 'home') });
    await ingest(home, join(VEGA, 'penguins.json'), 'penguins');
    await ingest(home, join(VEGA, 'cars.json'), 'cars');
    const p = await train(home, { ...defaultConfig('penguins', 'Species'), algo: 'logistic' });
    const c = await train(home, { ...defaultConfig('cars', 'Miles_per_Gallon'), algo: 'linear' });
    penguinsRun = p.run_id;
    carsRun = c.run_id;
    penguins = Predictor.fromDocument(await loadPackage(home, p.package)).predict(await loadFrame(home, 'penguins'));
    cars = Predictor.fromDocument(await loadPackage(home, c.package)).predict(await loadFrame(home, 'cars'));
    penguinsCsv = join(dir, 'penguins.csv');
    const snap = await home.artifacts.localPath((await resolveDataset(home, 'penguins')).artifact);
    const e = await DuckDBEngine.open();
    await e.run(`COPY (SELECT * FROM read_parquet(${quoteLiteral(snap)})) TO ${quoteLiteral(penguinsCsv)} (FORMAT csv, HEADER true)`);
    e.close();
  });

  after(async () => {
    await home.close();
  });

  test('a dataset ref, every output format: the file equals Predictor.predict on the same rows, with --keep first', async () => {
    for (const ext of ['parquet', 'csv', 'ndjson']) {
      const out = join(dir, `out.${ext}`);
      const r = await batchPredict(home, { model: penguinsRun, input: 'penguins@1', output: out, keep: ['Species', 'Island'] });
      assert.equal(r.rows, 344);
      assert.equal(r.output, out);
      assert.equal(r.rejected, 0);
      assert.equal(r.rejects, null);
      assert.ok(r.seconds > 0);
      assert.deepEqual(r.warnings, []);
      const rows = await readBack(out);
      assert.deepEqual(Object.keys(rows[0]), ['Species', 'Island', 'prediction', 'proba_Adelie', 'proba_Chinstrap', 'proba_Gentoo']);
      assertSame(rows, penguins);
      assert.equal(rows[0].Species, 'Adelie');
    }
    assert.deepEqual(strays(dir, ['home', 'penguins.csv', 'out.parquet', 'out.csv', 'out.ndjson']), []);
    assert.deepEqual(readdirSync(join(dir, 'home', 'tmp')), []);
  });

  test('a CSV file gives the same predictions as the dataset it was written from', async () => {
    const out = join(dir, 'from-csv.parquet');
    const r = await batchPredict(home, { model: penguinsRun, input: penguinsCsv, output: out });
    assert.equal(r.rows, 344);
    assert.deepEqual(r.warnings, ['ignored 1 input column the model does not use: "Species"']);
    assertSame(await readBack(out), penguins);
  });

  test('small chunks, on the calling thread and on 1 or 2 workers, give exactly the one-chunk result', async () => {
    for (const threads of [0, 1, 2]) {
      const out = join(dir, `chunks-${threads}.parquet`);
      const r = await batchPredict(home, { model: penguinsRun, input: penguinsCsv, output: out, chunkRows: 37, threads, keep: ['Sex'] });
      assert.equal(r.rows, 344);
      const rows = await readBack(out);
      assertSame(rows, penguins);
      assert.deepEqual(rows.map((x) => x.Sex), (await readBack(penguinsCsv)).map((x) => x.Sex));
    }
  });

  test('regression with dates and nulls in the input: prediction only, NaN written as null', async () => {
    const out = join(dir, 'cars.ndjson');
    const r = await batchPredict(home, { model: carsRun, input: 'cars', output: out, keep: ['Name'], chunkRows: 100 });
    assert.equal(r.rows, 406);
    const rows = await readBack(out);
    assert.deepEqual(Object.keys(rows[0]), ['Name', 'prediction']);
    assertSame(rows, cars);
    assert.equal(rows[0].Name, 'chevrolet chevelle malibu');
  });

  test('clustering writes a cluster column; an input with a header and no rows gives an empty file', async () => {
    const k = await train(home, { ...defaultConfig('penguins', null), algo: 'kmeans', task: 'clustering', params: { k: 3 } });
    const expected = Predictor.fromDocument(await loadPackage(home, k.package)).predict(await loadFrame(home, 'penguins'));
    const out = join(dir, 'clusters.csv');
    const r = await batchPredict(home, { model: k.run_id, input: 'penguins', output: out, keep: ['Species'], chunkRows: 100 });
    assert.equal(r.rows, 344);
    const rows = await readBack(out);
    assert.deepEqual(Object.keys(rows[0]), ['Species', 'cluster']);
    assert.deepEqual(rows.map((x) => Number(x.cluster)), [...expected.prediction]);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'Island,Sex\n');
    const none = await batchPredict(home, { model: penguinsRun, input: empty, output: join(dir, 'empty-out.csv') });
    assert.equal(none.rows, 0);
    assert.equal(readFileSync(join(dir, 'empty-out.csv'), 'utf8'), 'prediction,proba_Adelie,proba_Chinstrap,proba_Gentoo\n');
  });

  test('columns that do not match the signature: one error lists missing, extra and wrongly typed columns; nothing is written', async () => {
    const bad = join(dir, 'bad-columns.csv');
    const src = await readBack(penguinsCsv);
    const lines = ['Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex,foo'];
    for (const r of src.slice(0, 20)) lines.push([r['Beak Length (mm)'], r['Beak Depth (mm)'], r['Flipper Length (mm)'], r.Sex === 'MALE', r.Sex ?? '', 'x'].join(','));
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const out = join(dir, 'bad-columns.parquet');
    await assert.rejects(batchPredict(home, { model: penguinsRun, input: bad, output: out, keep: ['id'] }), (e: unknown) => {
      assert.ok(isLatheError(e, 'BAD_INPUT'));
      assert.match(e.message, /required column "Island" \(categorical\) is missing/);
      assert.match(e.message, /column "Body Mass \(g\)" is boolean \(BOOLEAN\), but the model needs integer/);
      assert.match(e.message, /--keep column "id" is not in the input/);
      assert.match(e.message, /extra columns the model does not use: "foo"/);
      assert.match(e.hint ?? '', /Island \(categorical\)/);
      return true;
    });
    assert.equal(existsSync(out), false);
    assert.deepEqual(strays(dir, ['home', 'penguins.csv', 'out.parquet', 'out.csv', 'out.ndjson', 'from-csv.parquet', 'chunks-0.parquet', 'chunks-1.parquet', 'chunks-2.parquet', 'cars.ndjson', 'clusters.csv', 'empty.csv', 'empty-out.csv', 'bad-columns.csv']), []);
    assert.deepEqual(readdirSync(join(dir, 'home', 'tmp')), []);
  });

  test('bad values: the error counts each reason; --on-error skip writes them with reasons to the side file and scores the rest', async () => {
    const text = readFileSync(penguinsCsv, 'utf8').split('\n');
    const header = text[0].split(',');
    const beak = header.indexOf('Beak Length (mm)');
    const island = header.indexOf('Island');
    const edit = (line: number, col: number, v: string) => {
      const cells = text[line].split(',');
      cells[col] = v;
      text[line] = cells.join(',');
    };
    edit(5, beak, 'abc');
    edit(9, island, '');
    edit(11, beak, 'n/a');
    const bad = join(dir, 'bad-values.csv');
    writeFileSync(bad, text.join('\n'));
    const out = join(dir, 'bad-values.csv.out.parquet');
    await assert.rejects(batchPredict(home, { model: penguinsRun, input: bad, output: out }), (e: unknown) => {
      assert.ok(isLatheError(e, 'BAD_INPUT'));
      assert.match(e.message, /^3 rows of .*bad-values\.csv do not fit the model's signature/);
      assert.match(e.message, /column "Beak Length \(mm\)" is not a number \(2 rows, first at row 5\)/);
      assert.match(e.message, /column "Island" has no value, and the model needs one \(1 row, first at row 9\)/);
      assert.match(e.hint ?? '', /--on-error skip/);
      return true;
    });
    assert.equal(existsSync(out), false);
    const r = await batchPredict(home, { model: penguinsRun, input: bad, output: out, onError: 'skip', chunkRows: 4, threads: 2, keep: ['Body Mass (g)'] });
    assert.equal(r.rows, 341);
    assert.equal(r.rejected, 3);
    assert.equal(r.rejects, `${out}.rejects.ndjson`);
    const rejects = readFileSync(r.rejects, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(rejects.map((x) => x.row), [5, 9, 11]);
    assert.deepEqual(rejects[0].reasons, ['column "Beak Length (mm)" is not a number']);
    assert.equal(rejects[0].values['Beak Length (mm)'], 'abc');
    assert.deepEqual(rejects[1].reasons, ['column "Island" has no value, and the model needs one']);
    assert.equal(rejects[1].values.Island, null);
    const kept = [...Array(344).keys()].filter((i) => ![4, 8, 10].includes(i));
    const rows = await readBack(out);
    assertSame(rows, penguins, kept);
    const mass = (await readBack(penguinsCsv)).map((x) => x['Body Mass (g)']);
    assert.deepEqual(rows.map((x) => x['Body Mass (g)']), kept.map((i) => mass[i]));
  });

  test('an output folder that does not exist: a clear error before any work, and nothing is created', async () => {
    const out = join(dir, 'no-such-folder', 'out.parquet');
    await assert.rejects(batchPredict(home, { model: penguinsRun, input: 'penguins', output: out }), (e: unknown) => {
      assert.ok(isLatheError(e, 'NOT_FOUND'));
      assert.match(e.message, /the output folder .*no-such-folder does not exist/);
      return true;
    });
    assert.equal(existsSync(join(dir, 'no-such-folder')), false);
  });

  test('bad options: unknown format, --keep clashing with an output column, a chunk size of 0, an unknown input', async () => {
    const opts = { model: penguinsRun, input: 'penguins' };
    await assert.rejects(batchPredict(home, { ...opts, output: join(dir, 'x.xlsx') }), /unknown format "\.xlsx"/);
    await assert.rejects(batchPredict(home, { ...opts, output: join(dir, 'x.csv'), keep: ['prediction'] }), /clash with the model's output columns/);
    await assert.rejects(batchPredict(home, { ...opts, output: join(dir, 'x.csv'), chunkRows: 0 }), /--chunk-rows 0 is out of range/);
    await assert.rejects(batchPredict(home, { ...opts, input: 'nope.csv', output: join(dir, 'x.csv') }), /"nope.csv" is neither a file nor a dataset/);
    await assert.rejects(batchPredict(home, { ...opts, model: 'nope', output: join(dir, 'x.csv') }), /"nope"/);
    assert.equal(existsSync(join(dir, 'x.csv')), false);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp-')), []);
  });
});
