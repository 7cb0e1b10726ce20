import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import '../src/ingest/builtins.js';
import { inferSchema, parseSchema } from '../src/data/schema/index.js';
import { type Anomaly, type ValidationResult, assertValid, validateDataset, validateTarget, withTarget } from '../src/data/validate/index.js';
import { isLatheError } from '../src/errors.js';
import { ingest } from '../src/ingest/index.js';
import { Home } from '../src/store/index.js';
import { tempDir, VEGA } from './helpers.js';

/** A schema that the crafted CSV below breaks in every way there is. */
const SCHEMA = parseSchema(
  `version: 1
columns:
  - {name: id, type: integer, nullable: false, range: {min: 1, max: 100}}
  - {name: score, type: numeric, nullable: true, max_missing_rate: 0.2, range: {min: 0, max: 1}}
  - {name: color, type: categorical, categories: [red, green]}
  - {name: day, type: datetime, range: {min: "2024-01-01", max: "2024-12-31"}}
  - {name: label, type: categorical, nullable: false}
  - {name: amount, type: numeric}
  - {name: flag, type: numeric}
  - {name: gone, type: numeric}
  - {name: maybe, type: numeric, required: false}
`,
  'crafted.yaml',
);

const CSV = `id,score,color,day,label,amount,flag,extra
1,0.5,red,2024-01-05,a,1.5,true,x
2,,green,2024-03-01,,2.5,false,y
3,,blue,2025-02-01,b,n/a,true,z
150,1.5,purple,2024-06-01,c,3,false,w
`;

/** The anomalies the crafted data must produce, as [column, reason, severity, count, sample]. */
const EXPECTED: [string | null, string, string, number, unknown[]][] = [
  ['id', 'OUT_OF_RANGE', 'error', 1, [150]],
  ['score', 'MISSING_RATE_TOO_HIGH', 'error', 2, []],
  ['score', 'OUT_OF_RANGE', 'error', 1, [1.5]],
  ['color', 'UNEXPECTED_CATEGORY', 'error', 2, ['blue', 'purple']],
  ['day', 'OUT_OF_RANGE', 'error', 1, ['2025-02-01T00:00:00.000Z']],
  ['label', 'NULLS_NOT_ALLOWED', 'error', 1, []],
  ['amount', 'TYPE_MISMATCH', 'error', 1, ['n/a']],
  ['flag', 'TYPE_MISMATCH', 'error', 4, ['false', 'true']],
  ['gone', 'MISSING_COLUMN', 'error', 4, []],
  ['maybe', 'MISSING_COLUMN', 'warning', 4, []],
  ['extra', 'NEW_COLUMN', 'warning', 4, []],
];

function summary(r: ValidationResult): [string | null, string, string, number, unknown[]][] {
  return r.anomalies.map((a) => [a.column, a.reason, a.severity, a.count, a.sample]);
}

describe('validation catches every reason code', () => {
  let home: Home;
  let dir: string;
  before(async () => {
    home = await Home.open({ dir: tempDir() });
    dir = tempDir('lathe-val-');
    writeFileSync(join(dir, 'crafted.csv'), CSV);
    writeFileSync(join(dir, 'empty.csv'), 'id,score\n');
    await ingest(home, join(dir, 'crafted.csv'), 'crafted');
    await ingest(home, join(dir, 'empty.csv'), 'empty');
  });
  after(() => home.close());

  test('on an ingested dataset version', async () => {
    const r = await validateDataset(home, 'crafted@1', SCHEMA);
    assert.equal(r.valid, false);
    assert.equal(r.rows, 4);
    assert.deepEqual(summary(r), EXPECTED);
    const pct = r.anomalies.find((a) => a.reason === 'UNEXPECTED_CATEGORY')!.percent;
    assert.equal(pct, 50);
  });

  test('on a plain CSV file that is not ingested', async () => {
    const before = (await home.meta.listDatasets()).length;
    const r = await validateTarget(home, join(dir, 'crafted.csv'), SCHEMA);
    assert.deepEqual(summary(r), EXPECTED);
    assert.equal(r.label, join(dir, 'crafted.csv'));
    assert.equal((await home.meta.listDatasets()).length, before, 'validating a file stores nothing');
  });

  test('EMPTY_DATASET on zero rows, from a version and from a file', async () => {
    const schema = parseSchema('version: 1\ncolumns: [{name: id, type: numeric}, {name: score, type: numeric}]\n', 's');
    for (const r of [await validateDataset(home, 'empty', schema), await validateTarget(home, join(dir, 'empty.csv'), schema)]) {
      assert.equal(r.valid, false);
      assert.deepEqual(r.anomalies, [
        { column: null, reason: 'EMPTY_DATASET', severity: 'error', count: 0, percent: 0, sample: [], message: 'the data has zero rows' },
      ]);
    }
  });

  test('warnings alone leave the data valid; assertValid passes it', async () => {
    const schema = parseSchema('version: 1\ncolumns: [{name: id, type: integer}, {name: maybe, type: numeric, required: false}]\n', 's');
    const r = await validateDataset(home, 'crafted', schema);
    assert.equal(r.valid, true);
    assert.ok(r.anomalies.length > 0 && r.anomalies.every((a) => a.severity === 'warning'));
    assertValid(r);
  });

  test('assertValid throws CHECK_FAILED naming the first errors', async () => {
    const r = await validateDataset(home, 'crafted', SCHEMA);
    assert.throws(
      () => assertValid(r, 'crafted@1'),
      (e: unknown) =>
        isLatheError(e, 'CHECK_FAILED') && /^crafted@1 does not match the schema: 9 errors: id: OUT_OF_RANGE/.test(e.message) && /and 6 more/.test(e.message),
    );
  });

  test('a sample holds at most 10 distinct values; a name differing in case is pointed out', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `c${i % 30},1`).join('\n');
    writeFileSync(join(dir, 'many.csv'), `Kind,x\n${rows}\n`);
    const schema = parseSchema('version: 1\ncolumns: [{name: kind, type: categorical}, {name: x, type: integer, range: {max: 0}}]\n', 's');
    const r = await validateTarget(home, join(dir, 'many.csv'), schema);
    const byReason = (reason: string) => r.anomalies.find((a) => a.reason === reason) as Anomaly;
    assert.match(byReason('MISSING_COLUMN').message, /the data has "Kind"/);
    const cats = parseSchema('version: 1\ncolumns: [{name: Kind, type: categorical, categories: [c0]}, {name: x, type: integer}]\n', 's');
    const r2 = await validateTarget(home, join(dir, 'many.csv'), cats);
    const unexpected = r2.anomalies.find((a) => a.reason === 'UNEXPECTED_CATEGORY')!;
    assert.equal(unexpected.count, 58);
    assert.equal(unexpected.sample.length, 10);
    assert.equal(new Set(unexpected.sample).size, 10);
    assert.ok(unexpected.sample.every((v) => typeof v === 'string' && /^c([1-9]|[12][0-9])$/.test(v)));
    assert.deepEqual(byReason('OUT_OF_RANGE').sample, [1]);
  });

  test('integer columns refuse values that are not whole', async () => {
    writeFileSync(join(dir, 'frac.csv'), 'n\n1\n2.5\n3\n');
    const r = await validateTarget(home, join(dir, 'frac.csv'), parseSchema('version: 1\ncolumns: [{name: n, type: integer}]\n', 's'));
    assert.deepEqual(summary(r), [['n', 'TYPE_MISMATCH', 'error', 1, [2.5]]]);
  });

  test('a ref that names nothing and no file says so', async () => {
    await assert.rejects(validateTarget(home, 'crafted@9', SCHEMA), (e: unknown) => isLatheError(e, 'NOT_FOUND') && /neither a dataset version nor a file/.test(e.message));
    await assert.rejects(validateTarget(home, join(dir, 'nope.csv'), SCHEMA), (e: unknown) => isLatheError(e, 'NOT_FOUND') && /no such file/.test(e.message));
  });
});

describe('infer then validate the same data: valid, no anomalies', () => {
  let home: Home;
  before(async () => {
    home = await Home.open({ dir: tempDir() });
  });
  after(() => home.close());

  for (const file of ['penguins.json', 'cars.json', 'seattle-weather.csv']) {
    test(file, async () => {
      const name = file.replace(/\W/g, '-');
      await ingest(home, join(VEGA, file), name);
      const fromVersion = await withTarget(home, name, (t) => inferSchema(t.engine, t.relation, t.columns));
      const v = await validateDataset(home, name, fromVersion);
      assert.deepEqual([v.valid, v.anomalies, v.dataset], [true, [], `${name}@1`]);
      assert.ok(v.rows > 0);
      const fromFile = await withTarget(home, join(VEGA, file), (t) => inferSchema(t.engine, t.relation, t.columns));
      const r = await validateTarget(home, join(VEGA, file), fromFile);
      assert.deepEqual([r.valid, r.anomalies], [true, []]);
      // The version and the file hold the same values, so each schema passes the other.
      assert.deepEqual((await validateTarget(home, join(VEGA, file), fromVersion)).anomalies, []);
    });
  }

  test('penguins has missing values, and a stricter schema catches them', async () => {
    const schema = await withTarget(home, 'penguins-json', (t) => inferSchema(t.engine, t.relation, t.columns));
    const sex = schema.columns.find((c) => c.name === 'Sex')!;
    assert.equal(sex.nullable, true);
    sex.nullable = false;
    const r = await validateDataset(home, 'penguins-json', schema);
    assert.deepEqual(summary(r), [['Sex', 'NULLS_NOT_ALLOWED', 'error', 10, []]]);
  });
});
