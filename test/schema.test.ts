import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type DatasetSchema, inferSchema, parseSchema, readSchemaFile, schemaToYaml, widenRange } from '../src/data/schema/index.js';
import { DuckDBEngine, quoteLiteral } from '../src/engine/index.js';
import { isLatheError } from '../src/errors.js';
import { ingest, resolveDataset, withDataset } from '../src/ingest/index.js';
import { Home } from '../src/store/index.js';
import { tempDir, VEGA } from './helpers.js';

const PENGUINS = join(VEGA, 'penguins.json');

/** Asserts `fn` throws a LatheError of `code` whose message matches every pattern. */
function throwsLathe(fn: () => unknown, code: string, ...patterns: RegExp[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isLatheError(e), `expected a LatheError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    for (const p of patterns) assert.match(e.message, p);
    return true;
  });
}

describe('inferSchema', () => {
  let home: Home;
  before(async () => {
    home = await Home.open({ dir: tempDir() });
  });
  after(() => home.close());

  test('penguins: types, ranges, categories and missing rates match the data', async () => {
    await ingest(home, PENGUINS, 'penguins');
    const rec = await resolveDataset(home, 'penguins');
    const schema = await withDataset(home, rec, (engine) => inferSchema(engine, 'data', rec.columns));
    const col = (name: string) => schema.columns.find((c) => c.name === name)!;
    assert.equal(schema.version, 1);
    assert.deepEqual(schema.columns.map((c) => [c.name, c.type]), rec.columns.map((c) => [c.name, c.type]));
    assert.deepEqual(col('Species').categories, ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.deepEqual(col('Species'), { name: 'Species', type: 'categorical', nullable: false, required: true, max_missing_rate: 0, categories: ['Adelie', 'Chinstrap', 'Gentoo'] });
    // Observed 2700–6300, widened by 10% of the span (360) on each side.
    assert.deepEqual(col('Body Mass (g)').range, { min: 2340, max: 6660 });
    // Checked against DuckDB's own aggregates over the raw file.
    const e = await DuckDBEngine.open();
    try {
      const [r] = await e.rows<{ missing: bigint; n: bigint; lo: number; hi: number }>(
        `SELECT count(*) - count("Sex") AS missing, count(*) AS n, min("Beak Length (mm)") AS lo, max("Beak Length (mm)") AS hi FROM read_json(${quoteLiteral(PENGUINS)})`,
      );
      const rate = Number(r.missing) / Number(r.n);
      assert.ok(rate > 0);
      assert.equal(col('Sex').nullable, true);
      assert.ok(col('Sex').max_missing_rate >= rate && col('Sex').max_missing_rate <= rate * 1.2 + 0.001);
      const [lo, hi] = widenRange(r.lo, r.hi, 'numeric');
      assert.ok(lo < r.lo && hi > r.hi);
      assert.deepEqual(col('Beak Length (mm)').range, { min: lo, max: hi });
    } finally {
      e.close();
    }
  });

  test('datetime ranges are ISO 8601 in UTC; text columns get no categories', async () => {
    const e = await DuckDBEngine.open();
    try {
      const schema = await inferSchema(
        e,
        `(SELECT TIMESTAMP '2024-01-02 03:04:05' + INTERVAL (range) DAY AS t, 'w' || range AS s FROM range(1500))`,
      );
      // 1499 days observed, widened by 149.9 days on each side (to whole seconds).
      const first = Date.UTC(2024, 0, 2, 3, 4, 5);
      const margin = 149.9 * 86_400_000;
      assert.deepEqual(schema.columns[0].range, { min: new Date(first - margin).toISOString(), max: new Date(first + 1499 * 86_400_000 + margin).toISOString() });
      assert.equal(schema.columns[1].type, 'categorical');
      assert.equal(schema.columns[1].categories, undefined, 'more than 1000 distinct values get no category list');
      const small = await inferSchema(e, `(SELECT 'w' || (range % 3) AS s FROM range(10))`, [{ name: 's', type: 'text' }]);
      assert.deepEqual(small.columns[0], { name: 's', type: 'text', nullable: false, required: true, max_missing_rate: 0 });
    } finally {
      e.close();
    }
  });

  test('zero rows is a clear error', async () => {
    const e = await DuckDBEngine.open();
    try {
      await assert.rejects(inferSchema(e, `(SELECT 1 AS x WHERE false)`), (err: unknown) => isLatheError(err, 'BAD_INPUT') && /zero rows/.test(err.message));
    } finally {
      e.close();
    }
  });
});

describe('schema YAML', () => {
  const schema: DatasetSchema = {
    version: 1,
    columns: [
      { name: 'x', type: 'numeric', nullable: true, required: true, max_missing_rate: 0.035, range: { min: -1.5, max: 0.30000000000000004 } },
      { name: 'n', type: 'integer', nullable: false, required: false, max_missing_rate: 0, range: { min: 0 } },
      { name: 'when', type: 'datetime', nullable: false, required: true, max_missing_rate: 0, range: { min: '2024-01-01T00:00:00.000Z', max: '2024-12-31T23:59:59.999Z' } },
      { name: 'c: "odd" #name', type: 'categorical', nullable: true, required: true, max_missing_rate: 1, categories: ['yes', 'no', '1', 'null', '', ' lead', 'a: b', '#x', 'true', '~', 'δ'] },
      { name: 'flag', type: 'boolean', nullable: false, required: true, max_missing_rate: 0 },
      { name: 'notes', type: 'text', nullable: true, required: true, max_missing_rate: 0.5 },
    ],
  };

  test('round-trips exactly, with a header saying how to edit it', () => {
    const yaml = schemaToYaml(schema, { source: 'things@3' });
    assert.match(yaml, /^# Lathe dataset schema\. Edit it/);
    assert.match(yaml, /lathe validate/);
    assert.match(yaml, /Inferred from things@3/);
    assert.deepEqual(parseSchema(yaml, 'schema.yaml'), schema);
  });

  test('JSON is accepted too, and left-out keys take their defaults', () => {
    assert.deepEqual(parseSchema('{"version": 1, "columns": [{"name": "a", "type": "numeric"}]}', 's.json'), {
      version: 1,
      columns: [{ name: 'a', type: 'numeric', nullable: true, required: true, max_missing_rate: 1 }],
    });
  });

  test('a file that does not parse names its line', () => {
    throwsLathe(() => parseSchema('version: 1\ncolumns:\n  - name: a\n    type: [numeric\n', 'bad.yaml'), 'BAD_INPUT', /^bad\.yaml: line \d+, column \d+: /);
    throwsLathe(() => parseSchema('version: 1\nversion: 1\ncolumns: []\n', 'dup.yaml'), 'BAD_INPUT', /^dup\.yaml: line 2, column 1: Map keys must be unique/);
  });

  test('unknown keys at every level are named with the allowed ones', () => {
    throwsLathe(() => parseSchema('version: 1\ncolumns: []\nextra: 1\n', 's.yaml'), 'BAD_INPUT', /unknown key "extra"/, /allowed: version, columns/);
    throwsLathe(
      () => parseSchema('version: 1\ncolumns:\n  - {name: a, type: numeric, rnage: {min: 1}}\n', 's.yaml'),
      'BAD_INPUT',
      /columns\[0\]: unknown key "rnage"/,
      /allowed: name, type, nullable, required, max_missing_rate, range, categories/,
    );
    throwsLathe(
      () => parseSchema('version: 1\ncolumns:\n  - {name: a, type: numeric, range: {min: 1, maximum: 2}}\n', 's.yaml'),
      'BAD_INPUT',
      /columns\[0\]\.range: unknown key "maximum" \(allowed: min, max\)/,
    );
  });

  test('wrong value types are named by path, all at once', () => {
    const text = [
      'version: 1',
      'columns:',
      '  - {name: a, type: numeric}',
      '  - {name: b, type: integer, nullable: "no"}',
      '  - {name: c, type: numeric, range: {min: abc, max: 2}}',
      '  - {name: d, type: categorical, categories: [x, 1]}',
      '  - {name: e, type: float, max_missing_rate: 2}',
    ].join('\n');
    throwsLathe(
      () => parseSchema(text, 's.yaml'),
      'BAD_INPUT',
      /columns\[1\]\.nullable: expected true or false, got string "no"/,
      /columns\[2\]\.range\.min: expected a number, got string "abc"/,
      /columns\[3\]\.categories\[1\]: expected a string, got number 1 \(quote it/,
      /columns\[4\]\.type: expected one of numeric, integer, boolean, categorical, text, datetime/,
      /columns\[4\]\.max_missing_rate: expected a number from 0 to 1/,
    );
  });

  test('impossible schemas are refused', () => {
    const one = (col: string) => () => parseSchema(`version: 1\ncolumns:\n  - ${col}\n`, 's.yaml');
    throwsLathe(one('{name: a, type: categorical, range: {min: 1}}'), 'BAD_INPUT', /columns\[0\]\.range: only numeric, integer and datetime columns take a range/);
    throwsLathe(one('{name: a, type: numeric, categories: [x]}'), 'BAD_INPUT', /only categorical columns take categories/);
    throwsLathe(one('{name: a, type: numeric, range: {min: 2, max: 1}}'), 'BAD_INPUT', /min is greater than max/);
    throwsLathe(one('{name: a, type: datetime, range: {min: "last tuesday"}}'), 'BAD_INPUT', /columns\[0\]\.range\.min: expected an ISO 8601 date/);
    throwsLathe(one('{name: "", type: numeric}'), 'BAD_INPUT', /columns\[0\]\.name: expected a non-empty string/);
    throwsLathe(() => parseSchema('version: 2\ncolumns: []\n', 's.yaml'), 'BAD_INPUT', /version must be 1, got number 2/);
    throwsLathe(() => parseSchema('- a\n- b\n', 's.yaml'), 'BAD_INPUT', /must be a mapping/);
    throwsLathe(() => parseSchema('version: 1\ncolumns:\n  - {name: a, type: numeric}\n  - {name: a, type: integer}\n', 's.yaml'), 'BAD_INPUT', /columns\[1\]\.name: column "a" is listed twice/);
  });

  test('readSchemaFile: a missing file is NOT_FOUND', () => {
    const dir = tempDir();
    throwsLathe(() => readSchemaFile(join(dir, 'nope.yaml')), 'NOT_FOUND', /no such schema file/);
    writeFileSync(join(dir, 's.yaml'), schemaToYaml(schema));
    assert.deepEqual(readSchemaFile(join(dir, 's.yaml')), schema);
  });
});
