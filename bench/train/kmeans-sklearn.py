"""scikit-learn's side of bench/train/kmeans.bench.ts.

Reads the same little-endian float64 row-major points the Lathe side fits,
fits KMeans(algorithm="lloyd") `reps` times with all cores, and prints one
JSON document: versions, threads, and per run the fit seconds, inertia and
n_iter. Fit time excludes reading the file, as on the Lathe side.

usage: kmeans-sklearn.py PATH ROWS DIMS K N_INIT MAX_ITER TOL SEED REPS
"""
import json
import sys
import time

try:
    import numpy as np
    import sklearn
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_info
except ImportError as e:  # the bench prints that the peer is missing
    print(json.dumps({"missing": str(e)}))
    sys.exit(0)

path, rows, dims, k, n_init, max_iter, tol, seed, reps = sys.argv[1:]
X = np.fromfile(path, dtype="<f8").reshape(int(rows), int(dims))
runs = []
for r in range(int(reps)):
    km = KMeans(n_clusters=int(k), n_init=int(n_init), max_iter=int(max_iter), tol=float(tol),
                algorithm="lloyd", random_state=int(seed) + r)
    t = time.perf_counter()
    km.fit(X)
    runs.append({"seconds": time.perf_counter() - t, "inertia": float(km.inertia_), "n_iter": int(km.n_iter_)})
threads = max((p.get("num_threads", 1) for p in threadpool_info() if p.get("user_api") == "openmp"), default=1)
print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "threads": threads, "runs": runs}))
