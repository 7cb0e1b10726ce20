/**
 * The drift statistics against answers worked by hand from their
 * definitions, and against scipy 1.10.1. Every scipy number below is printed
 * by scipy-values.py beside this file (run it to regenerate); nothing here
 * needs Python at test time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { benjaminiHochberg } from './benjamini-hochberg.js';
import { binCounts, binCountsSorted, quantileEdges, quantileSorted } from './bins.js';
import { chiSquareGoodnessOfFit } from './chi-square.js';
import { hellinger, jensenShannon, psi } from './divergences.js';
import { ksStatistic, ksTwoSample } from './ks.js';
import { chiSquareSf, gammaP, gammaQ, logGamma } from './special/gamma.js';
import { kolmogorovSf } from './special/kolmogorov.js';
import { smirnovSf } from './special/smirnov.js';
import { wassersteinDistance } from './wasserstein.js';

/** Asserts |actual − expected| ≤ rel·|expected| (or ≤ rel when expected is 0). */
function close(actual: number, expected: number, rel = 1e-12, msg = ''): void {
  const tol = rel * Math.max(Math.abs(expected), expected === 0 ? 1 : 0);
  assert.ok(Math.abs(actual - expected) <= tol, `${msg} expected ${expected}, got ${actual} (rel tol ${rel})`);
}

/** The same integer-arithmetic samples scipy-values.py builds, sorted. */
function sample(n: number, mul: number, mod: number, scale: number, shift: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ((i * mul) % mod) / scale + shift;
  return out.sort();
}

describe('special functions', () => {
  test('log-gamma of integers is log of the factorial', () => {
    close(logGamma(1), 0, 1e-15);
    close(logGamma(5), Math.log(24), 1e-14);
    close(logGamma(20), Math.log(121645100408832000), 1e-14);
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14);
  });

  test('incomplete gamma: closed forms for a = 1 and the chi-square with 2 and 4 df', () => {
    // P(1, x) = 1 − e^−x; chi2 with 2 df is Exp(1/2): sf = e^(−x/2); with 4 df: e^(−x/2)(1 + x/2).
    close(gammaP(1, 0.3), 1 - Math.exp(-0.3), 1e-14);
    close(gammaQ(1, 7), Math.exp(-7), 1e-13);
    close(chiSquareSf(5, 2), Math.exp(-2.5), 1e-14);
    close(chiSquareSf(9, 4), Math.exp(-4.5) * (1 + 4.5), 1e-13);
    assert.equal(chiSquareSf(0, 3), 1);
    assert.ok(Number.isNaN(chiSquareSf(1, 0)));
  });

  test('chi-square survival function matches scipy, deep tails included', () => {
    close(chiSquareSf(3.0, 10), 0.9814240637778593, 1e-13);
    close(chiSquareSf(1200.0, 1000), 1.2255942330622893e-5, 1e-11);
    close(chiSquareSf(50.0, 3), 7.989179244951495e-11, 1e-12);
    close(chiSquareSf(0.5, 7), 0.9994464813904249, 1e-13);
    close(chiSquareSf(300.0, 4), 1.083439491947837e-63, 1e-11);
  });

  test('Kolmogorov distribution: closed forms', () => {
    // n = 1: D₁ = max(U, 1 − U), so Pr(D₁ > x) = 2(1 − x) for x ≥ 1/2.
    close(kolmogorovSf(1, 0.7), 0.6, 1e-15);
    // nx ≤ 1/2: D_n ≥ 1/(2n) always.
    assert.equal(kolmogorovSf(10, 0.04), 1);
    assert.equal(kolmogorovSf(10, 1), 0);
    // One-sided, n = 1: Pr(D⁺ ≥ x) = 1 − x.
    close(smirnovSf(1, 0.3), 0.7, 1e-15);
  });

  test('Kolmogorov distribution matches scipy kstwo.sf on every branch', () => {
    close(kolmogorovSf(10, 0.2), 0.7487190399999999, 1e-12, 'Durbin matrix, n ≤ 140');
    close(kolmogorovSf(20, 0.3), 0.04306706665851623, 1e-12, 'Pomeranz');
    close(kolmogorovSf(100, 0.25), 5.408871776434847e-6, 1e-12, '2·Smirnov, n ≤ 140');
    close(kolmogorovSf(1000, 0.01), 0.9999496745370611, 1e-12, 'Durbin matrix, large n');
    close(kolmogorovSf(1000, 0.06), 0.001428597887952891, 1e-9, '2·Smirnov, large n');
    close(kolmogorovSf(200000, 0.002), 0.39995085369038097, 1e-9, 'Pelz–Good');
    close(kolmogorovSf(50, 0.01), 1.0, 0, 'nx ≤ 1/2');
    close(kolmogorovSf(3, 0.9), 0.0019999999999999987, 1e-12, 'Ruben–Gambino upper end');
  });
});

describe('Kolmogorov–Smirnov two-sample', () => {
  test('fully separated samples of 3 and 3: D = 1, p = 2/C(6,3) = 0.1', () => {
    const r = ksTwoSample(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6));
    assert.equal(r.statistic, 1);
    assert.equal(r.method, 'exact');
    close(r.pValue, 0.1, 1e-15);
  });

  test('fully separated samples of 2 and 3: p = 2/C(5,2) = 0.2', () => {
    const r = ksTwoSample(Float64Array.of(1, 2), Float64Array.of(3, 4, 5));
    assert.equal(r.statistic, 1);
    close(r.pValue, 0.2, 1e-15);
  });

  test('ties: both CDFs are taken right of each value', () => {
    // F₁(1) = 2/3, F₂(1) = 1/3; both reach 1 at 2.
    close(ksStatistic(Float64Array.of(1, 1, 2), Float64Array.of(1, 2, 2)), 1 / 3, 1e-15);
    assert.equal(ksStatistic(Float64Array.of(5, 5), Float64Array.of(5)), 0);
  });

  test('matches scipy ks_2samp on exact and asymptotic paths', () => {
    const cases: [Float64Array, Float64Array, number, number, string][] = [
      [sample(60, 37, 101, 10, 0), sample(45, 53, 97, 10, 2.5), 0.25, 0.06906911466386682, 'exact'],
      [sample(200, 37, 101, 10, 0), sample(200, 53, 97, 10, 1.2), 0.12, 0.11228360286766195, 'exact'],
      [sample(80, 7, 10, 1, 0), sample(90, 3, 11, 1, 1), 0.17777777777777778, 0.1197599335708886, 'exact'],
      [sample(300, 37, 1009, 100, 0), sample(12000, 53, 997, 100, 0.3), 0.03191666666666667, 0.9170106969433969, 'asymp'],
    ];
    for (const [a, b, d, p, method] of cases) {
      const r = ksTwoSample(a, b);
      assert.equal(r.method, method);
      close(r.statistic, d, 1e-15, `D for ${a.length}×${b.length}`);
      close(r.pValue, p, 1e-12, `p for ${a.length}×${b.length}`);
    }
  });

  test('an empty sample is a programmer error', () => {
    assert.throws(() => ksTwoSample(new Float64Array(0), Float64Array.of(1)), RangeError);
  });
});

describe('Wasserstein-1', () => {
  test('a shift by c moves the distribution a distance c', () => {
    assert.equal(wassersteinDistance(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8)), 5);
  });

  test('hand-worked: {0, 2} against {1} is ½·1 + ½·1 = 1', () => {
    assert.equal(wassersteinDistance(Float64Array.of(0, 2), Float64Array.of(1)), 1);
    assert.equal(wassersteinDistance(Float64Array.of(4), Float64Array.of(4)), 0);
  });

  test('matches scipy wasserstein_distance', () => {
    close(wassersteinDistance(sample(60, 37, 101, 10, 0), sample(45, 53, 97, 10, 2.5)), 2.059444444444445, 1e-13);
    close(wassersteinDistance(sample(80, 7, 10, 1, 0), sample(90, 3, 11, 1, 1)), 1.4222222222222223, 1e-13);
    close(wassersteinDistance(sample(300, 37, 1009, 100, 0), sample(12000, 53, 997, 100, 0.3)), 0.24559416666666678, 1e-12);
  });
});

describe('bins', () => {
  test('quantiles interpolate linearly between order statistics (numpy default)', () => {
    const s = Float64Array.of(1, 2, 3, 4);
    assert.equal(quantileSorted(s, 0.5), 2.5);
    close(quantileSorted(s, 0.1), 1.3, 1e-15);
    assert.deepEqual(quantileEdges(Float64Array.of(1, 2, 3, 4, 5), 4), [2, 3, 4]);
  });

  test('repeated quantiles collapse into one edge', () => {
    // Deciles 1–7 are all 0; the 8th interpolates 0.2 of the way to 1, the 9th 0.1 of the way to 2.
    const edges = quantileEdges(Float64Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 2), 10);
    assert.equal(edges.length, 3);
    assert.equal(edges[0], 0);
    close(edges[1], 0.2, 1e-15);
    close(edges[2], 1.1, 1e-15);
  });

  test('values equal to an edge fall in the bin the edge closes; outer bins are open', () => {
    const counts = binCountsSorted(Float64Array.of(-100, 1, 2, 2.5, 3, 99), [2, 3]);
    assert.deepEqual([...counts], [3, 2, 1]);
    assert.deepEqual([...binCounts(Float64Array.of(99, 2.5, -100, 3, 1, 2), [2, 3])], [3, 2, 1], 'unsorted input, same bins');
  });

  test('bad bin counts are refused', () => {
    assert.throws(() => quantileEdges(Float64Array.of(1, 2), 1), /at least 2/);
  });
});

describe('distances over bins', () => {
  test('PSI by hand: 50/50 against 25/75 is ¼·ln 3', () => {
    close(psi([50, 50], [25, 75]), 0.25 * Math.log(3), 1e-15);
    assert.equal(psi([3, 7], [30, 70]), 0);
  });

  test('PSI floors empty bins at 0.0001', () => {
    // (0.0001 − 1)·ln(0.0001) + (1 − 0.0001)·ln(1/0.0001) = 2·0.9999·ln 10⁴.
    close(psi([1, 0], [0, 1]), 2 * 0.9999 * Math.log(1e4), 1e-14);
  });

  test('Jensen–Shannon distance (natural log) by hand and against scipy', () => {
    close(jensenShannon([1, 0], [0, 1]), Math.sqrt(Math.LN2), 1e-15);
    // m = (¾, ¼): KL(p‖m) = ln(4/3); KL(q‖m) = ½ln(2/3) + ½ln 2.
    close(jensenShannon([1, 0], [1, 1]), Math.sqrt((Math.log(4 / 3) + 0.5 * Math.log(2 / 3) + 0.5 * Math.LN2) / 2), 1e-15);
    close(jensenShannon([10, 20, 30, 40], [25, 25, 25, 25]), 0.16692996572597965, 1e-14);
    assert.equal(jensenShannon([2, 2], [5, 5]), 0);
  });

  test('Hellinger by hand', () => {
    assert.equal(hellinger([1, 0], [0, 1]), 1);
    // H² = 1 − Σ√(pq) = 1 − √½.
    close(hellinger([1, 1], [1, 0]), Math.sqrt(1 - Math.SQRT1_2), 1e-15);
  });

  test('an empty distribution is a programmer error', () => {
    assert.throws(() => psi([0, 0], [1, 1]), /positive total/);
  });
});

describe('chi-square goodness of fit', () => {
  test('by hand: 10/20/30 against uniform gives 10 on 2 df, p = e^−5', () => {
    const r = chiSquareGoodnessOfFit([10, 20, 30], [1, 1, 1]);
    close(r.statistic, 10, 1e-15);
    close(r.pValue, Math.exp(-5), 1e-13);
    assert.equal(r.df, 2);
  });

  test('matches scipy chisquare', () => {
    const r = chiSquareGoodnessOfFit([18, 25, 31, 26], [0.2, 0.3, 0.3, 0.2]);
    close(r.statistic, 2.866666666666667, 1e-14);
    close(r.pValue, 0.41264264963933883, 1e-13);
  });

  test('a category the reference never saw gets proportion 0.0001, not an infinite statistic', () => {
    const r = chiSquareGoodnessOfFit([50, 50, 1], [1, 1, 0]);
    // Expected proportions (½, ½, 0.0001)/1.0001 of 101 rows.
    const e = [50.5 / 1.0001, 50.5 / 1.0001, (0.0001 * 101) / 1.0001];
    const stat = (50 - e[0]) ** 2 / e[0] + (50 - e[1]) ** 2 / e[1] + (1 - e[2]) ** 2 / e[2];
    close(r.statistic, stat, 1e-12);
    assert.ok(r.pValue < 1e-15);
  });

  test('one category: nothing to test', () => {
    assert.deepEqual(chiSquareGoodnessOfFit([7], [3]), { statistic: 0, pValue: 1, df: 0 });
  });
});

describe('Benjamini–Hochberg', () => {
  test('step-up adjustment by hand', () => {
    const adj = benjaminiHochberg([0.01, 0.04, 0.03]);
    close(adj[0], 0.03, 1e-15);
    close(adj[1], 0.04, 1e-15);
    close(adj[2], 0.04, 1e-15);
  });

  test('NaN (no test) is kept and not counted', () => {
    const adj = benjaminiHochberg([0.02, Number.NaN, 0.5]);
    close(adj[0], 0.04, 1e-15);
    assert.ok(Number.isNaN(adj[1]));
    assert.equal(adj[2], 0.5);
  });
});
