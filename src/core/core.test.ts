import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLatheError } from '../errors.js';
import { Frame, parseDatasetRef, redactText, redactUrl, Rng } from './index.js';

test('Frame.of checks lengths and unique names, and gives values back', () => {
  const f = Frame.of([
    { name: 'x', type: 'numeric', values: new Float64Array([1, NaN, 3]) },
    { name: 'c', type: 'categorical', codes: new Int32Array([1, -1, 0]), dictionary: ['a', 'b'] },
    { name: 'b', type: 'boolean', values: new Float64Array([1, 0, NaN]) },
    { name: 't', type: 'datetime', values: new Float64Array([0, NaN, 86_400_000]) },
  ]);
  assert.equal(f.rows, 3);
  assert.deepEqual(f.names, ['x', 'c', 'b', 't']);
  assert.deepEqual([0, 1, 2].map((i) => f.value('c', i)), ['b', null, 'a']);
  assert.deepEqual([0, 1, 2].map((i) => f.value('b', i)), [true, false, null]);
  assert.equal((f.value('t', 2) as Date).toISOString(), '1970-01-02T00:00:00.000Z');
  assert.deepEqual(f.schema().map((s) => s.nullable), [true, true, true, true]);
  assert.deepEqual(f.select(['b', 'x']).names, ['b', 'x']);
  assert.deepEqual(f.drop(['x']).names, ['c', 'b', 't']);
  assert.throws(() => f.column('nope'), (e) => isLatheError(e, 'NOT_FOUND') && /x, c, b, t/.test(e.hint ?? ''));
  assert.throws(
    () => Frame.of([{ name: 'x', type: 'numeric', values: new Float64Array(2) }, { name: 'x', type: 'numeric', values: new Float64Array(2) }]),
    (e) => isLatheError(e, 'DUPLICATE_COLUMN'),
  );
  assert.throws(
    () => Frame.of([{ name: 'x', type: 'numeric', values: new Float64Array(2) }, { name: 'y', type: 'numeric', values: new Float64Array(3) }]),
    (e) => isLatheError(e, 'BAD_INPUT') && /"y" has 3 rows, expected 2/.test(e.message),
  );
});

test('dataset refs parse name and name@N, and refuse the rest', () => {
  assert.deepEqual(parseDatasetRef('flights'), { name: 'flights' });
  assert.deepEqual(parseDatasetRef('my.data-set_1@12'), { name: 'my.data-set_1', version: 12 });
  for (const bad of ['a@0', 'a@x', 'a@', '@1', 'a b', '../x', 'a@1@2']) {
    assert.throws(() => parseDatasetRef(bad), (e) => isLatheError(e) && (e.code === 'BAD_REF' || e.code === 'BAD_NAME'), bad);
  }
});

test('passwords in URLs are redacted everywhere', () => {
  assert.equal(redactUrl('postgres://bob:s3cret@db:5432/x'), 'postgres://bob:***@db:5432/x');
  assert.equal(redactUrl('https://h/x.csv?token=abc&a=1'), 'https://h/x.csv?token=***&a=1');
  assert.equal(redactUrl('mysql://root@h/db'), 'mysql://root@h/db');
  assert.equal(
    redactText('connect to postgres://u:pw@h/db failed; also mysql://a:b@c/d'),
    'connect to postgres://u:***@h/db failed; also mysql://a:***@c/d',
  );
});

test('Rng is deterministic per seed and uniform enough', () => {
  const a = new Rng(7);
  const b = new Rng(7);
  const c = new Rng(8);
  const xs = Array.from({ length: 5 }, () => a.nextU32());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b.nextU32()));
  assert.notDeepEqual(xs, Array.from({ length: 5 }, () => c.nextU32()));
  const r = new Rng(1);
  let sum = 0;
  const counts = new Array(10).fill(0);
  for (let i = 0; i < 100_000; i++) {
    const u = r.next();
    assert.ok(u >= 0 && u < 1);
    sum += u;
    counts[r.int(10)]++;
  }
  assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.01);
  for (const k of counts) assert.ok(Math.abs(k - 10_000) < 500);
  const perm = new Rng(3).shuffle(Int32Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual([...perm].sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
});
