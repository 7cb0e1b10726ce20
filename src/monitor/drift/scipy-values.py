"""Prints the scipy values that drift.test.ts hard-codes, so anyone can see
where each expected number came from and regenerate it:

    /usr/bin/python3 src/monitor/drift/scipy-values.py

Samples are built from integer arithmetic only, so TypeScript rebuilds the
very same numbers (see `sample` in drift.test.ts). Not needed at test time.
"""
import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon


def sample(n, mul, mod, scale, shift):
    return np.array([((i * mul) % mod) / scale + shift for i in range(n)], dtype=float)


cases = {
    'ks exact, unequal sizes': (sample(60, 37, 101, 10, 0), sample(45, 53, 97, 10, 2.5)),
    'ks exact, equal sizes': (sample(200, 37, 101, 10, 0), sample(200, 53, 97, 10, 1.2)),
    'ks exact, tied values': (sample(80, 7, 10, 1, 0), sample(90, 3, 11, 1, 1)),
    'ks asymptotic': (sample(300, 37, 1009, 100, 0), sample(12000, 53, 997, 100, 0.3)),
}
for name, (a, b) in cases.items():
    r = stats.ks_2samp(a, b)
    print(f'{name}: D={r.statistic!r} p={r.pvalue!r} wasserstein={stats.wasserstein_distance(a, b)!r}')

for n, x in [(10, 0.2), (20, 0.3), (100, 0.25), (1000, 0.01), (1000, 0.06), (200000, 0.002), (50, 0.01), (3, 0.9)]:
    print(f'kstwo.sf({x}, {n}) = {stats.kstwo.sf(x, n)!r}')

for x, df in [(3.0, 10), (1200.0, 1000), (50.0, 3), (0.5, 7), (300.0, 4)]:
    print(f'chi2.sf({x}, {df}) = {stats.chi2.sf(x, df)!r}')

obs = np.array([18, 25, 31, 26], dtype=float)
w = np.array([0.2, 0.3, 0.3, 0.2])
r = stats.chisquare(obs, w * obs.sum())
print(f'chisquare([18, 25, 31, 26], [0.2, 0.3, 0.3, 0.2]*100): stat={r.statistic!r} p={r.pvalue!r}')
print(f'jensenshannon([10, 20, 30, 40], [25, 25, 25, 25]) = {jensenshannon([10, 20, 30, 40], [25, 25, 25, 25])!r}')
