import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLatheError } from '../errors.js';
import { isQualifiedModelRef, parseModelRef, parseVersionRef } from './model-ref.js';

test('model refs: name:N, name@alias, and a bare name meaning @production', () => {
  assert.deepEqual(parseModelRef('churn:3'), { name: 'churn', version: 3 });
  assert.deepEqual(parseModelRef('churn.v2@stage-1'), { name: 'churn.v2', alias: 'stage-1' });
  assert.deepEqual(parseModelRef('churn'), { name: 'churn', alias: 'production' });
  assert.deepEqual(parseVersionRef('m:12'), { name: 'm', version: 12 });
  assert.equal(isQualifiedModelRef('m:1'), true);
  assert.equal(isQualifiedModelRef('m@x'), true);
  assert.equal(isQualifiedModelRef('mwyh3swlad'), false);
});

test('bad model refs say what is wrong', () => {
  const bad: [string, string, RegExp][] = [
    ['m:0', 'BAD_REF', /bad version "0"/],
    ['m:x', 'BAD_REF', /bad version "x"/],
    ['m:1@a', 'BAD_REF', /both/],
    ['m@3', 'BAD_NAME', /all digits/],
    ['m@', 'BAD_NAME', /alias name/],
    ['../m:1', 'BAD_NAME', /model name/],
    ['m@a b', 'BAD_NAME', /alias name/],
  ];
  for (const [ref, code, re] of bad) {
    assert.throws(() => parseModelRef(ref), (e) => isLatheError(e) && e.code === code && re.test(e.message), ref);
  }
  assert.throws(() => parseVersionRef('m@production'), (e) => isLatheError(e, 'BAD_REF') && /m:N/.test(e.hint ?? ''));
});
