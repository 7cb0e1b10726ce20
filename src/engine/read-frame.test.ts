import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBEngine, readFrame } from './index.js';

test('readFrame reads every logical type into typed arrays, across chunk boundaries', async () => {
  const e = await DuckDBEngine.open();
  try {
    // 5000 rows spans several 2048-row DuckDB chunks and forces array growth.
    await e.run(`CREATE TABLE t AS SELECT
      i AS n,
      CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END AS x,
      CASE WHEN i % 5 = 0 THEN NULL ELSE 'c' || (i % 3)::VARCHAR END AS c,
      i % 2 = 0 AS b,
      TIMESTAMP '2020-01-01' + INTERVAL (i) HOUR AS t,
      DATE '2020-01-01' + i::INTEGER AS d
      FROM range(5000) r(i)`);
    const f = await readFrame(e, 't');
    assert.equal(f.rows, 5000);
    assert.deepEqual(f.columns.map((c) => c.type), ['integer', 'numeric', 'categorical', 'boolean', 'datetime', 'datetime']);
    const x = f.column('x') as { values: Float64Array };
    assert.ok(Number.isNaN(x.values[0]));
    assert.equal(x.values[4999], 4999 * 0.5);
    assert.ok(Number.isNaN(x.values[4998 - (4998 % 7)]));
    const c = f.column("c") as { codes: Int32Array; dictionary: readonly string[] };
    assert.deepEqual(c.dictionary, ['c0', 'c1', 'c2']);
    assert.equal(c.codes[0], -1);
    assert.equal(f.value('c', 4999), `c${4999 % 3}`);
    assert.equal(f.value('b', 4998), true);
    assert.equal((f.value('t', 3) as Date).toISOString(), '2020-01-01T03:00:00.000Z');
    assert.equal((f.value('d', 31) as Date).toISOString(), '2020-02-01T00:00:00.000Z');
    const g = await readFrame(e, '(SELECT n FROM t WHERE false)');
    assert.equal(g.rows, 0);
  } finally {
    e.close();
  }
});
