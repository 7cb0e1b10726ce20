import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBEngine } from '../../engine/index.js';
import type { SignatureInput } from '../../train/package/index.js';
import { anyCheckFails, planInput, reasonsList } from './input-plan.js';

const SIG: SignatureInput[] = [
  { name: 'x', type: 'numeric', nullable: false, required: true },
  { name: 'n', type: 'integer', nullable: true, required: false },
  { name: 'c', type: 'categorical', nullable: true, required: false },
  { name: 'b', type: 'boolean', nullable: true, required: false },
  { name: 'd', type: 'datetime', nullable: true, required: false },
  { name: 'opt', type: 'numeric', nullable: true, required: false },
];

test('planInput: matching types are read as they are; strings are parsed row by row; integer codes read as categories', () => {
  const plan = planInput(SIG, [
    { name: 'x', type: 'DOUBLE' },
    { name: 'n', type: 'VARCHAR' },
    { name: 'c', type: 'BIGINT' },
    { name: 'b', type: 'VARCHAR' },
    { name: 'd', type: 'DATE' },
    { name: 'id', type: 'INTEGER' },
    { name: 'junk', type: 'VARCHAR' },
  ], ['id']);
  assert.deepEqual(plan.problems, []);
  assert.deepEqual(plan.reads.map((r) => [r.name, r.type, r.expr]), [
    ['x', 'numeric', '"x"'],
    ['n', 'integer', 'TRY_CAST(CAST("n" AS VARCHAR) AS DOUBLE)'],
    ['c', 'categorical', '"c"'],
    ['b', 'boolean', 'TRY_CAST(CAST("b" AS VARCHAR) AS BOOLEAN)'],
    ['d', 'datetime', '"d"'],
  ]);
  assert.deepEqual(plan.checks.map((c) => c.reason), ['column "x" has no value, and the model needs one', 'column "n" is not a number', 'column "b" is not a boolean']);
  assert.deepEqual(plan.warnings, [
    'column "c" is BIGINT in the input and is read as text, as the model was trained on',
    'optional column "opt" is absent; the model treats every value as missing',
    'ignored 1 input column the model does not use: "junk"',
  ]);
});

test('planInput: every column problem is listed at once, extra columns included', () => {
  const plan = planInput(SIG, [
    { name: 'n', type: 'BOOLEAN' },
    { name: 'c', type: 'DOUBLE' },
    { name: 'd', type: 'BIGINT' },
    { name: 'extra', type: 'VARCHAR' },
  ], ['id']);
  assert.deepEqual(plan.problems, [
    'required column "x" (numeric) is missing',
    'column "n" is boolean (BOOLEAN), but the model needs integer',
    'column "c" is numeric (DOUBLE), but the model needs categorical',
    'column "d" is integer (BIGINT), but the model needs datetime',
    '--keep column "id" is not in the input',
    'extra columns the model does not use: "extra"',
  ]);
});

test('the check SQL flags exactly the bad rows, with every reason of each', async () => {
  const plan = planInput(SIG.slice(0, 2), [{ name: 'x', type: 'DOUBLE' }, { name: 'n', type: 'VARCHAR' }], []);
  const e = await DuckDBEngine.open();
  try {
    const rows = await e.rows<{ bad: boolean; reasons: string[] }>(
      `SELECT ${anyCheckFails(plan)} AS bad, ${reasonsList(plan)} AS reasons FROM (VALUES (1.0, '2'), (NULL, 'x'), (3.0, NULL), (NULL, '4.5')) t(x, n)`,
    );
    assert.deepEqual(rows.map((r) => r.bad), [false, true, false, true]);
    assert.deepEqual(rows[1].reasons, ['column "x" has no value, and the model needs one', 'column "n" is not a number']);
    assert.deepEqual(rows[0].reasons, []);
  } finally {
    e.close();
  }
});
