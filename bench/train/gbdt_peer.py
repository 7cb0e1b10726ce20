"""Peers of the gbdt / forest benchmark (issue 4): XGBoost hist, scikit-learn
HistGradientBoostingClassifier and RandomForestClassifier on the flights task
exported by bench/train/gbdt-data.ts as .npy files.

Usage: /usr/bin/python3 gbdt_peer.py <npy dir> <job> [forest rows]
  job: xgboost | sklearn-hgb | sklearn-rf
Prints one JSON object: train_seconds, auc, predict_seconds, rows_per_s, or
{"missing": "..."} when the library is not installed.
"""
import json
import os
import sys
import time

import numpy as np

CAT = [4, 5]


def load(d):
    xs = [np.load(os.path.join(d, f)) for f in ("x_train.npy", "y_train.npy", "x_test.npy", "y_test.npy")]
    # Contiguous row-major copies: what both libraries want; not timed.
    return np.ascontiguousarray(xs[0]), xs[1], np.ascontiguousarray(xs[2]), xs[3]


def auc(y, p):
    from sklearn.metrics import roc_auc_score
    return float(roc_auc_score(y, p))


def run_xgboost(xtr, ytr, xte, yte, threads):
    import xgboost as xgb
    types = ["q", "q", "q", "q", "c", "c"]
    params = {
        "objective": "binary:logistic", "tree_method": "hist", "grow_policy": "lossguide",
        "max_leaves": 31, "max_depth": 0, "eta": 0.1, "max_bin": 255, "nthread": threads,
    }
    t0 = time.perf_counter()
    dtr = xgb.DMatrix(xtr, label=ytr, feature_types=types, enable_categorical=True, nthread=threads)
    booster = xgb.train(params, dtr, num_boost_round=100)
    train = time.perf_counter() - t0
    best = None
    for _ in range(3):
        t0 = time.perf_counter()
        dte = xgb.DMatrix(xte, feature_types=types, enable_categorical=True, nthread=threads)
        p = booster.predict(dte)
        s = time.perf_counter() - t0
        best = s if best is None else min(best, s)
    return {"train_seconds": train, "auc": auc(yte, p), "predict_seconds": best, "rows_per_s": len(yte) / best}


def run_hgb(xtr, ytr, xte, yte, threads):
    from sklearn.ensemble import HistGradientBoostingClassifier
    m = HistGradientBoostingClassifier(
        max_iter=100, learning_rate=0.1, max_leaf_nodes=31, max_bins=255,
        categorical_features=CAT, early_stopping=False, random_state=0)
    t0 = time.perf_counter()
    m.fit(xtr, ytr)
    train = time.perf_counter() - t0
    t0 = time.perf_counter()
    p = m.predict_proba(xte)[:, 1]
    s = time.perf_counter() - t0
    return {"train_seconds": train, "auc": auc(yte, p), "predict_seconds": s, "rows_per_s": len(yte) / s}


def run_rf(xtr, ytr, xte, yte, threads, rows):
    from sklearn.ensemble import RandomForestClassifier
    m = RandomForestClassifier(n_estimators=100, n_jobs=threads, random_state=0)
    t0 = time.perf_counter()
    m.fit(xtr[:rows], ytr[:rows])
    train = time.perf_counter() - t0
    t0 = time.perf_counter()
    p = m.predict_proba(xte)[:, 1]
    s = time.perf_counter() - t0
    return {"train_seconds": train, "auc": auc(yte, p), "predict_seconds": s, "rows_per_s": len(yte) / s}


def main():
    d, job = sys.argv[1], sys.argv[2]
    threads = os.cpu_count() or 1
    try:
        if job == "xgboost":
            import xgboost  # noqa: F401
        else:
            import sklearn  # noqa: F401
    except ImportError as e:
        print(json.dumps({"missing": str(e)}))
        return
    xtr, ytr, xte, yte = load(d)
    if job == "xgboost":
        out = run_xgboost(xtr, ytr, xte, yte, threads)
    elif job == "sklearn-hgb":
        out = run_hgb(xtr, ytr, xte, yte, threads)
    else:
        out = run_rf(xtr, ytr, xte, yte, threads, int(sys.argv[3]))
    import sklearn
    out["version"] = __import__("xgboost").__version__ if job == "xgboost" else sklearn.__version__
    print(json.dumps(out))


if __name__ == "__main__":
    main()
