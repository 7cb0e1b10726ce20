import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../core/index.js';
import { DesignMatrix } from './design-matrix.js';

/** 3000 rows: a one-hot group of 5 levels, a dense column, and a 30%-dense column. */
function columns(): Float64Array[] {
  const rng = new Rng(11);
  const n = 3000;
  const level = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 5));
  return [
    ...Array.from({ length: 5 }, (_, l) => Float64Array.from(level, (v) => (v === l ? 1 : 0))),
    Float64Array.from({ length: n }, () => rng.next() * 4 - 2),
    Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? rng.next() : 0)),
  ];
}

const close = (a: Float64Array, b: Float64Array, what: string) => a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-9 * (1 + Math.abs(v)), `${what}[${i}]: ${v} vs ${b[i]}`));

/** Runs margins and gradient over the whole matrix in blocks of 700 rows (not a multiple of anything). */
function apply(X: DesignMatrix, coef: Float64Array, r: Float64Array): { z: Float64Array; grad: Float64Array } {
  const z = new Float64Array(X.n);
  const grad = new Float64Array(X.p + 2);
  for (let s = 0; s < X.n; s += 700) {
    const e = Math.min(X.n, s + 700);
    X.addMargins(coef, 1, z.subarray(s, e), s, e);
    X.addGradient(r.subarray(s, e), grad, 2, s, e);
  }
  return { z, grad };
}

test('DesignMatrix: sparse (CSR) and dense storage give the same margins, gradients and weighted Gram', () => {
  const cols = columns();
  const rng = new Rng(5);
  const coef = Float64Array.from({ length: cols.length + 1 }, () => rng.next() - 0.5);
  const r = Float64Array.from({ length: cols[0].length }, () => rng.next() - 0.5);
  const d = Float64Array.from({ length: cols[0].length }, () => rng.next());
  // sparseShare 0 keeps every column dense; 1 makes every column sparse; the default mixes.
  const [dense, sparse, mixed] = [0, 1, 0.25].map((share) => new DesignMatrix(cols, share));
  const want = apply(dense, coef, r);
  const wantGram = dense.weightedGram(d);
  for (const [name, X] of [['sparse', sparse], ['mixed', mixed]] as const) {
    const got = apply(X, coef, r);
    close(got.z, want.z, `${name} margins`);
    close(got.grad, want.grad, `${name} gradient`);
    const g = X.weightedGram(d);
    close(g.g, wantGram.g, `${name} gram`);
    close(g.xd, wantGram.xd, `${name} Xᵀd`);
  }
  // And the dense path against the definition.
  const p = cols.length;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let v = 0;
      for (let i = 0; i < d.length; i++) v += d[i] * cols[a][i] * cols[b][i];
      assert.ok(Math.abs(wantGram.g[a * p + b] - v) < 1e-9 * (1 + Math.abs(v)));
    }
  }
  for (let i = 0; i < 5; i++) {
    let v = 0;
    for (let j = 0; j < p; j++) v += coef[1 + j] * cols[j][i];
    assert.ok(Math.abs(want.z[i] - v) < 1e-12);
  }
});
