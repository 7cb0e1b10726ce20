/**
 * An inferred schema must accept another sample of the same data: infer on a
 * random half, validate the other half through the CLI → valid (exit 0, an
 * unseen rare category only a warning). Real anomalies still fail: values
 * well outside the range, and an unseen category in more than 1% of rows,
 * or any unseen one under `categories_strict: true`.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { widenRange } from '../src/data/schema/index.js';
import { latheAwait, tempDir } from './helpers.js';

/** A seeded generator (mulberry32), so the split is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('schema infer margins and rare categories', () => {
  let dir: string;

  before(() => {
    dir = tempDir('lathe-margin-');
    const r = rng(16);
    const rows: string[] = [];
    for (let i = 0; i < 2000; i++) {
      // Three common colors, and 6 rows with a one-off color each: a random half misses some of them.
      const color = i % 333 === 7 ? `rare${i}` : ['red', 'green', 'blue'][Math.floor(r() * 3)];
      rows.push(`${(r() * 100).toFixed(3)},${Math.floor(r() * 50)},${color}`);
    }
    const order = rows.map((row) => [r(), row] as const).sort((a, b) => a[0] - b[0]).map(([, row]) => row);
    const head = 'x,n,color';
    writeFileSync(join(dir, 'train.csv'), [head, ...order.slice(0, 1000)].join('\n') + '\n');
    writeFileSync(join(dir, 'test.csv'), [head, ...order.slice(1000)].join('\n') + '\n');
    // 3% of rows with a new color, and two values far outside the range.
    const bad = order.slice(1000).map((row, i) => (i < 30 ? row.replace(/,[a-z0-9]+$/, ',purple') : row));
    bad[500] = '-50,10,red';
    bad[501] = '500,10,red';
    writeFileSync(join(dir, 'bad.csv'), [head, ...bad].join('\n') + '\n');
  });

  test('infer on one random half, validate the other: valid, rare unseen colors a warning', async () => {
    const inf = await latheAwait(dir, ['schema', 'infer', join(dir, 'train.csv'), '-o', join(dir, 'schema.yaml')]);
    assert.equal(inf.code, 0, inf.stderr);
    const yaml = readFileSync(join(dir, 'schema.yaml'), 'utf8');
    assert.match(yaml, /widened by 10% of their span/);
    const r = await latheAwait(dir, ['validate', join(dir, 'test.csv'), '--schema', join(dir, 'schema.yaml'), '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.json.valid, true);
    assert.ok(r.json.anomalies.every((a: { severity: string }) => a.severity === 'warning'), JSON.stringify(r.json.anomalies));
    const rare = r.json.anomalies.find((a: { reason: string }) => a.reason === 'UNEXPECTED_CATEGORY');
    if (rare) assert.ok(rare.percent < 1 && rare.sample.every((s: string) => s.startsWith('rare')));
  });

  test('a real shift still fails: out of range and an unseen category in over 1% of rows', async () => {
    const r = await latheAwait(dir, ['validate', join(dir, 'bad.csv'), '--schema', join(dir, 'schema.yaml'), '--json']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.json.valid, false);
    const errors = r.json.anomalies.filter((a: { severity: string }) => a.severity === 'error');
    const by = (reason: string) => errors.find((a: { reason: string }) => a.reason === reason);
    assert.deepEqual(by('OUT_OF_RANGE').sample, [-50, 500]);
    assert.equal(by('UNEXPECTED_CATEGORY').column, 'color');
    assert.ok(by('UNEXPECTED_CATEGORY').percent > 1);
    assert.ok(by('UNEXPECTED_CATEGORY').sample.includes('purple'));
  });

  test('categories_strict: true makes a rare unseen category an error', async () => {
    const strict = readFileSync(join(dir, 'schema.yaml'), 'utf8').replace(/^version: 1$/m, 'version: 1\ncategories_strict: true');
    writeFileSync(join(dir, 'strict.yaml'), strict);
    writeFileSync(join(dir, 'one.csv'), `x,n,color\n${Array.from({ length: 199 }, () => '50,10,red').join('\n')}\n50,10,mauve\n`);
    const r = await latheAwait(dir, ['validate', join(dir, 'one.csv'), '--schema', join(dir, 'strict.yaml'), '--json']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.json.anomalies.find((a: { reason: string }) => a.reason === 'UNEXPECTED_CATEGORY').severity, 'error');
    const lax = await latheAwait(dir, ['validate', join(dir, 'one.csv'), '--schema', join(dir, 'schema.yaml'), '--json']);
    assert.equal(lax.code, 0, lax.stderr);
    writeFileSync(join(dir, 'typo.yaml'), strict.replace('categories_strict: true', 'categories_strict: "yes"'));
    const typo = await latheAwait(dir, ['validate', join(dir, 'one.csv'), '--schema', join(dir, 'typo.yaml')]);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /categories_strict: expected true or false, got string "yes"/);
  });

  test('widenRange: integers round outward, a never-negative column keeps 0, constants widen too', () => {
    assert.deepEqual(widenRange(0, 49, 'integer'), [0, 54]);
    assert.deepEqual(widenRange(3, 13, 'integer'), [2, 14]);
    assert.deepEqual(widenRange(-10, 10, 'numeric'), [-12, 12]);
    assert.deepEqual(widenRange(5, 5, 'numeric'), [4.5, 5.5]);
    assert.deepEqual(widenRange(0.1, 0.4, 'numeric'), [0.07, 0.43]);
  });
});
