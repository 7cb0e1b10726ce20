"""Peer for bench/monitor/drift.bench.ts: the same drift tests with scipy,
as Evidently computes them, on the raw column files the bench writes.
Prints {"seconds": [...], "peak_rss": bytes, "columns": {name: {test, statistic}}}.
Usage: python3 drift_peer.py DIR ROWS REPS
"""
import json
import os
import resource
import sys
import time

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import wasserstein_distance

directory, rows, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def load(prefix):
    cols = {}
    for f in sorted(os.listdir(directory)):
        if not f.startswith(prefix + '-'):
            continue
        name, ext = f[len(prefix) + 1:].rsplit('.', 1)
        cols[name] = np.fromfile(os.path.join(directory, f), dtype='<f8' if ext == 'f64' else '<i4')
    return cols


def column_drift(r, c):
    if r.dtype == np.int32:
        r = r[r >= 0]
        c = c[c >= 0]
        k = int(max(r.max(), c.max())) + 1
        p = np.bincount(r, minlength=k)
        q = np.bincount(c, minlength=k)
        return 'js', float(jensenshannon(p, q))
    r = r[~np.isnan(r)]
    c = c[~np.isnan(c)]
    if len(np.unique(r)) > 5:
        w = wasserstein_distance(r, c)
        return 'wasserstein', float(w)
    values = np.union1d(np.unique(r), np.unique(c))
    p = np.array([(r == v).sum() for v in values])
    q = np.array([(c == v).sum() for v in values])
    return 'js', float(jensenshannon(p, q))


ref, cur = load('ref'), load('cur')
seconds, out = [], {}
for _ in range(reps):
    t0 = time.perf_counter()
    out = {name: column_drift(ref[name], cur[name]) for name in ref}
    seconds.append(time.perf_counter() - t0)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({'seconds': seconds, 'peak_rss': peak, 'columns': {k: {'test': t, 'statistic': s} for k, (t, s) in out.items()}}))
