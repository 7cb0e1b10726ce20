"""scikit-learn peer of bench/train/logistic.bench.ts.

Usage: logistic-peer.py <dir> <reps> [name=proba.npy ...]
Loads the design matrix the TS side wrote (X_train.npy, y_train.npy,
X_test.npy, y_test.npy), fits LogisticRegression with the lbfgs and
newton-cholesky solvers `reps` times each (median fit seconds), on the dense
array and on a CSR copy (Lathe stores mostly-zero columns sparse itself, so
sklearn gets the same chance), and scores
test AUC with roc_auc_score for those models and for every probability file
named on the command line (Lathe's). Prints one JSON document.
"""
import json
import os
import platform
import sys
import time
import warnings

import numpy as np
import scipy.sparse
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def blas_threads():
    try:
        from threadpoolctl import threadpool_info
        return ", ".join(f"{i['internal_api']} {i['num_threads']} threads" for i in threadpool_info())
    except Exception:  # threadpoolctl is optional
        return "BLAS threads unknown"


def main():
    d, reps = sys.argv[1], int(sys.argv[2])
    # sklearn converts to C order inside fit; do it here so the copy is not timed.
    X = np.ascontiguousarray(np.load(os.path.join(d, "X_train.npy")))
    y = np.load(os.path.join(d, "y_train.npy"))
    Xt = np.ascontiguousarray(np.load(os.path.join(d, "X_test.npy")))
    yt = np.load(os.path.join(d, "y_test.npy"))
    inputs = {"dense": X, "CSR": scipy.sparse.csr_matrix(X)}
    rows, auc = [], {}
    for solver in ["lbfgs", "newton-cholesky"]:
        for kind, data in inputs.items():
            times = []
            for _ in range(reps):
                m = LogisticRegression(C=1.0, max_iter=100, tol=1e-4, solver=solver)
                t0 = time.perf_counter()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", ConvergenceWarning)
                    m.fit(data, y)
                times.append(time.perf_counter() - t0)
            name = f"sklearn {solver} ({kind} X)"
            rows.append({"name": name, "seconds": float(np.median(times)), "iterations": int(m.n_iter_[0])})
            auc[name] = float(roc_auc_score(yt, m.predict_proba(Xt)[:, 1]))
    for arg in sys.argv[3:]:
        name, path = arg.split("=", 1)
        auc[name] = float(roc_auc_score(yt, np.load(path)))
    machine = f"python {platform.python_version()}, scikit-learn {sklearn.__version__}, numpy {np.__version__} ({blas_threads()})"
    print(json.dumps({"machine": machine, "rows": rows, "auc": auc}))


if __name__ == "__main__":
    main()
