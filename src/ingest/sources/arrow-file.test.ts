import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import * as A from 'apache-arrow';
import { silentProgress } from '../../core/index.js';
import { DuckDBEngine } from '../../engine/index.js';
import { LatheError } from '../../errors.js';
import { openArrowFile } from './arrow-file.js';

const FLIGHTS = 'node_modules/vega-datasets/data/flights-200k.arrow';
const dir = mkdtempSync(join(tmpdir(), 'lathe-arrow-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Loads files into a fresh engine and runs `sql` on the result. */
async function load(paths: string[], sql: string) {
  const engine = await DuckDBEngine.open();
  try {
    const opened = await openArrowFile(paths, { engine, stagingDir: dir, progress: silentProgress }, paths[0]);
    return { opened, rows: await engine.rows(sql), types: await engine.describe(opened.relation) };
  } finally {
    engine.close();
  }
}

/** A column of raw int64 timestamps, so sub-millisecond precision is really in the file. */
function timestamps(type: A.Timestamp, values: bigint[], valid: boolean[]): A.Vector {
  const bitmap = new Uint8Array(1);
  valid.forEach((ok, i) => (bitmap[0] |= ok ? 1 << i : 0));
  const nullCount = valid.filter((ok) => !ok).length;
  return A.makeVector(A.makeData({ type, length: values.length, nullCount, nullBitmap: bitmap, data: BigInt64Array.from(values) }));
}

function typedTable(): A.Table {
  return new A.Table({
    i32: A.vectorFromArray([1, null, -2147483648], new A.Int32()),
    i64: A.vectorFromArray([9223372036854775807n, null, -9223372036854775808n], new A.Int64()),
    u64: A.vectorFromArray([18446744073709551615n, null, 0n], new A.Uint64()),
    f: A.vectorFromArray([1.5, null, -0.25], new A.Float64()),
    b: A.vectorFromArray([true, null, false], new A.Bool()),
    s: A.vectorFromArray(['héllo 😀 世界', null, ''], new A.Utf8()),
    cat: A.vectorFromArray(['a', null, 'é'], new A.Dictionary(new A.Utf8(), new A.Int32())),
    d: A.vectorFromArray([new Date(Date.UTC(2024, 1, 29)), null, new Date(Date.UTC(1960, 0, 1))], new A.DateDay()),
    ts: timestamps(new A.TimestampMicrosecond(), [1709251199123456n, 0n, -1n], [true, false, true]),
    tsz: timestamps(new A.TimestampNanosecond('UTC'), [1709251199123456789n, 0n, -1n], [true, false, true]),
    lst: A.vectorFromArray([[1, 2], null, []], new A.List(new A.Field('x', new A.Int32(), true))),
  });
}

test('reads every mapped type from the IPC file and the stream format', async () => {
  for (const format of ['file', 'stream'] as const) {
    const path = join(dir, `typed.${format}.arrow`);
    writeFileSync(path, A.tableToIPC(typedTable(), format));
    const { opened, rows, types } = await load([path], 'SELECT * EXCLUDE (d, ts, tsz), d::VARCHAR AS d, epoch_us(ts) AS ts, epoch_us(tsz) AS tsz FROM __arrow');
    assert.equal(opened.relation, '__arrow');
    assert.deepEqual(opened.rawColumns, ['i32', 'i64', 'u64', 'f', 'b', 's', 'cat', 'd', 'ts', 'tsz', 'lst']);
    assert.deepEqual(types.map((t) => t.type), [
      'BIGINT', 'BIGINT', 'UBIGINT', 'DOUBLE', 'BOOLEAN', 'VARCHAR', 'VARCHAR', 'DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'VARCHAR',
    ]);
    assert.deepEqual(rows, [
      { i32: 1n, i64: 9223372036854775807n, u64: 18446744073709551615n, f: 1.5, b: true, s: 'héllo 😀 世界', cat: 'a', lst: '[1,2]', d: '2024-02-29', ts: 1709251199123456n, tsz: 1709251199123456n },
      { i32: null, i64: null, u64: null, f: null, b: null, s: null, cat: null, lst: null, d: null, ts: null, tsz: null },
      { i32: -2147483648n, i64: -9223372036854775808n, u64: 0n, f: -0.25, b: false, s: '', cat: 'é', lst: '[]', d: '1960-01-01', ts: -1n, tsz: -1n },
    ], `format ${format}`);
  }
});

test('reads flights-200k.arrow batch by batch, every row apache-arrow sees', async () => {
  const expected = A.tableFromIPC(readFileSync(FLIGHTS));
  const { rows, types } = await load([FLIGHTS], 'SELECT count(*) AS n, sum(delay) AS delay, sum(distance) AS distance FROM __arrow');
  assert.equal(rows[0].n, BigInt(expected.numRows));
  assert.equal(expected.numRows, 200_000);
  let delay = 0n;
  let distance = 0n;
  for (const v of expected.getChild('delay')!) delay += BigInt(v as number);
  for (const v of expected.getChild('distance')!) distance += BigInt(v as number);
  assert.equal(rows[0].delay, delay);
  assert.equal(rows[0].distance, distance);
  assert.deepEqual(types, [{ name: 'delay', type: 'BIGINT' }, { name: 'distance', type: 'BIGINT' }, { name: 'time', type: 'DOUBLE' }]);
});

test('several files with one schema are appended; a different schema is refused', async () => {
  const a = join(dir, 'part-a.arrow');
  const b = join(dir, 'part-b.arrow');
  const c = join(dir, 'part-c.arrow');
  writeFileSync(a, A.tableToIPC(A.tableFromArrays({ x: Int32Array.from([1, 2]) }), 'file'));
  writeFileSync(b, A.tableToIPC(A.tableFromArrays({ x: Int32Array.from([3]) }), 'stream'));
  writeFileSync(c, A.tableToIPC(A.tableFromArrays({ y: Float64Array.from([3]) }), 'file'));
  const { rows } = await load([a, b], 'SELECT sum(x) AS s, count(*) AS n FROM __arrow');
  assert.deepEqual(rows, [{ s: 6n, n: 3n }]);
  await assert.rejects(load([a, c], 'SELECT 1'), (e: unknown) => e instanceof LatheError && e.code === 'PARSE_ERROR' && /columns differ/.test(e.message));
});

test('an Arrow file with a schema and no rows gives an empty table', async () => {
  const path = join(dir, 'empty.arrow');
  const empty = new A.Table(new A.Schema([new A.Field('x', new A.Int32(), true)]));
  writeFileSync(path, A.tableToIPC(empty, 'file'));
  const { rows, types } = await load([path], 'SELECT count(*) AS n FROM __arrow');
  assert.deepEqual(rows, [{ n: 0n }]);
  assert.deepEqual(types, [{ name: 'x', type: 'BIGINT' }]);
});

test('garbage is PARSE_ERROR naming the file', async () => {
  for (const [name, bytes] of [['garbage.arrow', Buffer.from('this is not arrow at all, just text\n'.repeat(20))], ['truncated.arrow', readFileSync(FLIGHTS).subarray(0, 5000)]] as const) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const engine = await DuckDBEngine.open();
    try {
      await assert.rejects(openArrowFile([path], { engine, stagingDir: dir, progress: silentProgress }, path), (e: unknown) => {
        assert.ok(e instanceof LatheError, String(e));
        assert.equal(e.code, 'PARSE_ERROR');
        assert.ok(e.message.startsWith(`${path}: `), e.message);
        assert.ok(!e.message.includes('\n'));
        return true;
      });
    } finally {
      engine.close();
    }
  }
});
