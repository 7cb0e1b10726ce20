"""XGBoost peer of the batch-prediction benchmark (issue 6): a model of the
same shape as the flights task's gbdt (100 trees, at most 31 leaves,
lossguide growth, hist, 255 bins, categorical origin/destination) fitted on
the same first 1.5M rows and the same features Lathe's pipeline produces,
then `predict` over all 3M rows.

Usage: /usr/bin/python3 predict_xgboost.py <dir> train|predict
  <dir> holds x.f64 (row-major doubles), y.f64 (train labels) and meta.json
  ({"rows", "train_rows", "features", "categorical": [column indices]}),
  written by bench/predict.bench.ts.
  train: fits and saves model.json in <dir>; prints {"train_seconds"}.
  predict: a fresh process loads the model and the 3M rows and predicts
  three times; prints {"rows", "seconds" (median), "max_rss_mib"} — the
  peak RSS of this process, data included, as for Lathe's jobs.
"""
import json
import os
import resource
import sys
import time

import numpy as np
import xgboost as xgb


def load(d):
    meta = json.load(open(os.path.join(d, "meta.json")))
    x = np.fromfile(os.path.join(d, "x.f64"), dtype="<f8").reshape(meta["rows"], meta["features"])
    types = ["c" if j in meta["categorical"] else "q" for j in range(meta["features"])]
    return meta, x, types


def train(d):
    meta, x, types = load(d)
    y = np.fromfile(os.path.join(d, "y.f64"), dtype="<f8")
    params = {
        "objective": "binary:logistic", "tree_method": "hist", "grow_policy": "lossguide",
        "max_leaves": 31, "max_depth": 0, "eta": 0.1, "max_bin": 255, "nthread": os.cpu_count(),
    }
    t0 = time.perf_counter()
    dtr = xgb.DMatrix(x[: meta["train_rows"]], label=y, feature_types=types, enable_categorical=True)
    booster = xgb.train(params, dtr, num_boost_round=100)
    booster.save_model(os.path.join(d, "model.json"))
    return {"train_seconds": time.perf_counter() - t0, "trees": len(booster.get_dump())}


def predict(d):
    meta, x, types = load(d)
    booster = xgb.Booster(model_file=os.path.join(d, "model.json"))
    booster.set_param({"nthread": os.cpu_count()})
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        # The DMatrix is part of predicting from raw rows, as Lathe's numbers include its pipeline.
        dm = xgb.DMatrix(x, feature_types=types, enable_categorical=True, nthread=os.cpu_count())
        p = booster.predict(dm)
        times.append(time.perf_counter() - t0)
    assert len(p) == meta["rows"]
    return {"rows": meta["rows"], "seconds": sorted(times)[1], "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


if __name__ == "__main__":
    d, job = sys.argv[1], sys.argv[2]
    print(json.dumps(train(d) if job == "train" else predict(d)))
