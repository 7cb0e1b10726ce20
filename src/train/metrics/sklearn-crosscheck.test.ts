// Cross-check against scikit-learn 1.2.1 (NumPy 1.24.2). The expected values
// below were computed once, by hand, with /usr/bin/python3 running this script
// (its JSON output is pasted as SK); the tests never run Python.
//
// import json, warnings
// import numpy as np
// from sklearn import metrics as M
// from sklearn.calibration import calibration_curve
// from sklearn.preprocessing import label_binarize
//
// def L(a): return [float(x) for x in np.asarray(a).ravel()]
// def I(a): return [int(x) for x in np.asarray(a).ravel()]
// out = {}
//
// # --- binary, 30 rows, scores rounded to 0.1 so they tie, 0 and 1 included, one zero weight
// rng = np.random.default_rng(7)
// y = rng.integers(0, 2, 30)
// p1 = np.clip(np.round(0.35 * y + rng.random(30) * 0.65, 1), 0, 1)
// p1[3], p1[4] = 0.0, 1.0
// yp = (p1 > 0.5).astype(int)
// w = np.round(rng.uniform(0.1, 2.0, 30), 2); w[5] = 0.0
// proba = np.column_stack([1 - p1, p1])
// def binary(sw):
//     r = {}
//     r['accuracy'] = M.accuracy_score(y, yp, sample_weight=sw)
//     r['balanced_accuracy'] = M.balanced_accuracy_score(y, yp, sample_weight=sw)
//     for avg, sfx in [('binary', ''), ('macro', '_macro'), ('weighted', '_weighted')]:
//         r['precision' + sfx] = M.precision_score(y, yp, average=avg, sample_weight=sw)
//         r['recall' + sfx] = M.recall_score(y, yp, average=avg, sample_weight=sw)
//         r['f1' + sfx] = M.f1_score(y, yp, average=avg, sample_weight=sw)
//     r['roc_auc'] = M.roc_auc_score(y, p1, sample_weight=sw)
//     r['average_precision'] = M.average_precision_score(y, p1, sample_weight=sw)
//     r['log_loss'] = M.log_loss(y, proba, sample_weight=sw, labels=[0, 1])
//     r['brier'] = M.brier_score_loss(y, p1, sample_weight=sw)
//     fpr, tpr, th = M.roc_curve(y, p1, sample_weight=sw)
//     pr, rc, pth = M.precision_recall_curve(y, p1, sample_weight=sw)
//     cm = M.confusion_matrix(y, yp, labels=[0, 1], sample_weight=sw)
//     return {'metrics': {k: float(v) for k, v in r.items()}, 'roc': [L(fpr), L(tpr), L(th)], 'pr': [L(pr), L(rc), L(pth)], 'confusion': cm.tolist()}
// pt, pp = calibration_curve(y, p1, n_bins=10)
// binid = np.searchsorted(np.linspace(0, 1, 11)[1:-1], p1)
// out['binary'] = {'y': I(y), 'p1': L(p1), 'yPred': I(yp), 'w': L(w), 'plain': binary(None), 'weighted': binary(w),
//                  'calibration': {'prob_true': L(pt), 'prob_pred': L(pp), 'counts': I(np.bincount(binid, minlength=10)[np.bincount(binid, minlength=10) > 0])}}
//
// # --- multiclass, 30 rows, 3 classes, probabilities on a 0.05 grid so they tie
// rng = np.random.default_rng(11)
// y3 = rng.integers(0, 3, 30)
// raw = rng.dirichlet([1, 1, 1], 30) + 0.6 * np.eye(3)[y3]
// raw = raw / raw.sum(1, keepdims=True)
// P = np.round(raw * 20) / 20
// P[:, 2] = 1 - P[:, 0] - P[:, 1]
// P = np.clip(P, 0, 1)
// P[0] = [0.0, 1.0, 0.0]  # a zero probability of the true class exercises the clipping
// y3p = P.argmax(1)
// w3 = np.round(rng.uniform(0.1, 3.0, 30), 2)
// def multi(sw):
//     r = {}
//     r['accuracy'] = M.accuracy_score(y3, y3p, sample_weight=sw)
//     r['balanced_accuracy'] = M.balanced_accuracy_score(y3, y3p, sample_weight=sw)
//     for avg in ['macro', 'weighted']:
//         r['precision_' + avg] = M.precision_score(y3, y3p, average=avg, sample_weight=sw)
//         r['recall_' + avg] = M.recall_score(y3, y3p, average=avg, sample_weight=sw)
//         r['f1_' + avg] = M.f1_score(y3, y3p, average=avg, sample_weight=sw)
//     r['roc_auc'] = M.roc_auc_score(y3, P, multi_class='ovr', average='macro', labels=[0, 1, 2], sample_weight=sw)
//     r['average_precision'] = M.average_precision_score(label_binarize(y3, classes=[0, 1, 2]), P, average='macro', sample_weight=sw)
//     r['log_loss'] = M.log_loss(y3, P, labels=[0, 1, 2], sample_weight=sw)
//     r['brier'] = np.average(((P - np.eye(3)[y3]) ** 2).sum(axis=1), weights=sw)
//     return {'metrics': {k: float(v) for k, v in r.items()}, 'confusion': M.confusion_matrix(y3, y3p, labels=[0, 1, 2], sample_weight=sw).tolist()}
// out['multiclass'] = {'y': I(y3), 'proba': L(P), 'yPred': I(y3p), 'w': L(w3), 'plain': multi(None), 'weighted': multi(w3)}
//
// # --- regression, 30 rows, two zero targets for MAPE's epsilon
// rng = np.random.default_rng(3)
// yt = np.round(rng.normal(10, 5, 30), 2); yt[2] = 0.0; yt[17] = 0.0
// ypr = np.round(yt + rng.normal(0, 2, 30), 2)
// wr = np.round(rng.uniform(0.1, 2.0, 30), 2)
// def reg(sw):
//     return {'rmse': float(M.mean_squared_error(yt, ypr, sample_weight=sw, squared=False)),
//             'mae': float(M.mean_absolute_error(yt, ypr, sample_weight=sw)),
//             'mape': float(M.mean_absolute_percentage_error(yt, ypr, sample_weight=sw)),
//             'r2': float(M.r2_score(yt, ypr, sample_weight=sw)),
//             'explained_variance': float(M.explained_variance_score(yt, ypr, sample_weight=sw))}
// out['regression'] = {'yTrue': L(yt), 'yPred': L(ypr), 'w': L(wr), 'plain': reg(None), 'weighted': reg(wr),
//                      'quantiles': L(np.percentile(yt - ypr, [5, 25, 50, 75, 95]))}
//
// # --- clustering, 30 rows × 2, three blobs plus a singleton cluster
// rng = np.random.default_rng(5)
// lab = np.repeat([0, 1, 2], 10); lab[29] = 3
// X = np.round(rng.normal(0, 1, (30, 2)) + np.array([[0, 0], [4, 0], [0, 4]])[np.minimum(lab, 2)], 2)
// C = np.array([X[lab == c].mean(0) for c in range(4)])
// wc = np.round(rng.uniform(0.5, 1.5, 30), 2)
// out['clustering'] = {'X': L(X), 'labels': I(lab), 'w': L(wc),
//                      'silhouette': float(M.silhouette_score(X, lab)),
//                      'inertia': float(((X - C[lab]) ** 2).sum()),
//                      'inertia_weighted_given_centres': float((wc * ((X - C[lab]) ** 2).sum(1)).sum()),
//                      'centres': L(C)}
// print(json.dumps(out))
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from './index.js';

const SK = {
  binary: {
    y: [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1],
    p1: [0.7, 1.0, 0.9, 0.0, 1.0, 0.5, 0.5, 0.4, 0.0, 0.0, 0.3, 0.7, 0.9, 0.4, 0.3, 0.7, 0.2, 0.4, 0.1, 0.4, 0.5, 0.2, 0.0, 0.5, 0.5, 0.2, 0.9, 0.3, 0.6, 0.8],
    yPred: [1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1],
    w: [1.51, 0.27, 1.13, 1.06, 1.76, 0.0, 1.24, 0.21, 0.84, 0.71, 0.39, 1.65, 0.82, 1.96, 1.22, 1.25, 1.31, 1.39, 0.39, 0.94, 0.56, 0.86, 0.28, 1.94, 0.51, 1.38, 0.67, 1.76, 1.36, 0.35],
    plain: {
      metrics: {
        accuracy: 0.7666666666666667,
        balanced_accuracy: 0.7666666666666666,
        precision: 0.9,
        recall: 0.6,
        f1: 0.7200000000000001,
        precision_macro: 0.8,
        recall_macro: 0.7666666666666666,
        f1_macro: 0.76,
        precision_weighted: 0.8,
        recall_weighted: 0.7666666666666667,
        f1_weighted: 0.76,
        roc_auc: 0.8977777777777778,
        average_precision: 0.9135672514619881,
        log_loss: 1.5442837852827902,
        brier: 0.13966666666666666,
      },
      roc: [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.06666666666666667, 0.13333333333333333, 0.3333333333333333, 0.7333333333333333, 0.8, 1.0],
        [0.0, 0.13333333333333333, 0.3333333333333333, 0.4, 0.6, 0.6, 0.8666666666666667, 0.9333333333333333, 0.9333333333333333, 0.9333333333333333, 1.0],
        [2.0, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.2, 0.1, 0.0],
      ],
      pr: [
        [0.5, 0.5384615384615384, 0.56, 0.6363636363636364, 0.7368421052631579, 0.8666666666666667, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0],
        [1.0, 0.9333333333333333, 0.9333333333333333, 0.9333333333333333, 0.9333333333333333, 0.8666666666666667, 0.6, 0.6, 0.4, 0.3333333333333333, 0.13333333333333333, 0.0],
        [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
      ],
      confusion: [[14, 1], [6, 9]],
    },
    weighted: {
      metrics: {
        accuracy: 0.7940780619111709,
        balanced_accuracy: 0.7883096165759371,
        precision: 0.8737233054781802,
        recall: 0.6640790402258292,
        f1: 0.7546110665597433,
        precision_macro: 0.8112679851929159,
        recall_macro: 0.7883096165759371,
        f1_macro: 0.7886098811059586,
        precision_weighted: 0.8083679736857267,
        recall_weighted: 0.7940780619111708,
        f1_weighted: 0.7901885609200157,
        roc_auc: 0.8745420218885513,
        average_precision: 0.8928311370649427,
        log_loss: 1.6562227920090486,
        brier: 0.15129205921938088,
      },
      roc: [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.08745980707395498, 0.21221864951768488, 0.4122186495176849, 0.6289389067524116, 0.8572347266881029, 0.8823151125401929, 1.0],
        [0.0, 0.1432604093154552, 0.3281580804516584, 0.3528581510232886, 0.6640790402258292, 0.6640790402258292, 0.8270995059985885, 0.9251940719830628, 0.9251940719830628, 0.9251940719830628, 0.9251940719830628, 1.0],
        [2.0, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0],
      ],
      pr: [
        [0.4767833109017497, 0.48863212821468505, 0.49583963691376703, 0.5727391874180865, 0.6716188524590163, 0.7802929427430094, 0.8737233054781802, 1.0, 1.0, 1.0, 1.0, 1.0],
        [1.0, 0.9251940719830628, 0.9251940719830628, 0.9251940719830628, 0.9251940719830628, 0.8270995059985885, 0.6640790402258292, 0.6640790402258292, 0.3528581510232886, 0.3281580804516584, 0.1432604093154552, 0.0],
        [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
      ],
      confusion: [[14.189999999999996, 1.36], [4.76, 9.41]],
    },
    calibration: {
      prob_true: [0.2, 0.0, 0.0, 0.25, 0.8, 0.0, 1.0, 1.0, 1.0, 1.0],
      prob_pred: [0.02, 0.20000000000000004, 0.3, 0.4, 0.5, 0.6, 0.6999999999999998, 0.8, 0.9, 1.0],
      counts: [5, 3, 3, 4, 5, 1, 3, 1, 3, 2],
    },
  },
  multiclass: {
    y: [0, 0, 2, 1, 1, 1, 2, 0, 1, 0, 1, 2, 1, 0, 1, 0, 2, 2, 2, 1, 2, 1, 0, 1, 1, 1, 2, 0, 2, 0],
    proba: [0.0, 1.0, 0.0, 0.7, 0.2, 0.10000000000000003, 0.2, 0.2, 0.6000000000000001, 0.15, 0.75, 0.09999999999999998, 0.15, 0.85, 0.0, 0.15, 0.75, 0.09999999999999998, 0.5, 0.1, 0.4, 0.75, 0.05, 0.2, 0.15, 0.45, 0.39999999999999997, 0.5, 0.3, 0.2, 0.55, 0.45, 0.0, 0.3, 0.25, 0.44999999999999996, 0.0, 0.4, 0.6, 0.6, 0.35, 0.050000000000000044, 0.1, 0.4, 0.5, 0.55, 0.15, 0.29999999999999993, 0.05, 0.15, 0.7999999999999999, 0.25, 0.0, 0.75, 0.55, 0.0, 0.44999999999999996, 0.05, 0.7, 0.25, 0.55, 0.05, 0.39999999999999997, 0.25, 0.5, 0.25, 0.5, 0.4, 0.09999999999999998, 0.6, 0.4, 0.0, 0.25, 0.4, 0.35, 0.15, 0.7, 0.15000000000000002, 0.15, 0.05, 0.7999999999999999, 0.55, 0.35, 0.09999999999999998, 0.25, 0.1, 0.65, 0.8, 0.0, 0.19999999999999996],
    yPred: [1, 0, 2, 1, 1, 1, 0, 0, 1, 0, 0, 2, 2, 0, 2, 0, 2, 2, 0, 1, 0, 1, 0, 0, 1, 1, 2, 0, 2, 0],
    w: [0.57, 3.0, 0.52, 0.81, 1.14, 0.28, 2.62, 1.95, 0.56, 1.54, 0.33, 1.87, 0.77, 0.21, 0.43, 1.71, 1.95, 1.04, 1.97, 1.12, 0.48, 1.01, 1.25, 2.75, 0.44, 0.35, 1.73, 2.89, 2.73, 2.13],
    plain: {
      metrics: {
        accuracy: 0.7333333333333333,
        balanced_accuracy: 0.7407407407407406,
        precision_macro: 0.7514245014245015,
        recall_macro: 0.7407407407407406,
        f1_macro: 0.7316866140395554,
        precision_weighted: 0.7651709401709401,
        recall_weighted: 0.7333333333333333,
        f1_weighted: 0.734708428826076,
        roc_auc: 0.9016754850088183,
        average_precision: 0.8123682901460679,
        log_loss: 1.7505226992370801,
        brier: 0.38966666666666666,
      },
      confusion: [[8, 1, 0], [2, 8, 2], [3, 0, 6]],
    },
    weighted: {
      metrics: {
        accuracy: 0.7529265255292652,
        balanced_accuracy: 0.7313847603141839,
        precision_macro: 0.8145178650801709,
        recall_macro: 0.7313847603141839,
        f1_macro: 0.7437650845054741,
        precision_weighted: 0.801458760431446,
        recall_weighted: 0.7529265255292653,
        f1_weighted: 0.749125299589773,
        roc_auc: 0.9371798762965674,
        average_precision: 0.8681929306700592,
        log_loss: 1.0552330371183536,
        brier: 0.3459813200498132,
      },
      confusion: [[14.68, 0.57, 0.0], [3.08, 5.71, 1.2], [5.07, 0.0, 9.84]],
    },
  },
  regression: {
    yTrue: [20.2, -2.78, 0.0, 7.16, 7.74, 8.92, -0.1, 8.84, 5.67, 26.61, 11.13, 8.24, 8.59, 6.66, 4.72, 8.05, 12.41, 0.0, 14.79, 9.0, 10.12, 17.73, 12.73, 7.47, 9.09, 12.7, 19.68, 8.65, 8.78, 15.01],
    yPred: [18.43, -3.36, 1.77, 8.32, 7.92, 10.26, -5.76, 10.88, 3.75, 23.27, 11.68, 9.64, 7.7, 4.51, 4.77, 7.94, 15.22, 1.49, 15.18, 11.22, 9.71, 15.88, 13.9, 8.64, 8.66, 11.13, 20.14, 3.66, 10.16, 15.99],
    w: [1.52, 1.53, 1.18, 1.85, 0.49, 1.72, 0.42, 1.93, 1.29, 1.25, 1.94, 1.6, 1.6, 0.2, 0.8, 0.26, 0.47, 0.51, 1.73, 0.34, 0.66, 1.04, 1.71, 1.93, 1.45, 0.51, 1.14, 1.44, 0.2, 1.39],
    plain: {
      rmse: 2.0054766681930425,
      mae: 1.5410000000000001,
      mape: 489391159507595.94,
      r2: 0.8957647204004413,
      explained_variance: 0.8965166528012863,
    },
    weighted: {
      rmse: 1.8399891543094868,
      mae: 1.4409706744868036,
      mape: 376202449811286.94,
      r2: 0.9129462167248827,
      explained_variance: 0.9129927414517276,
    },
    quantiles: [-2.1390000000000007, -1.2975, -0.28500000000000014, 1.3999999999999988, 4.247499999999995],
  },
  clustering: {
    X: [-0.8, -1.32, -0.25, 0.42, 1.14, 0.11, -0.55, -0.78, 0.75, 1.63, 0.27, -1.23, -0.96, 1.6, 0.2, -1.73, -0.08, -1.16, -0.63, -0.49, 3.29, 0.55, 3.94, -0.59, 4.41, 0.83, 2.36, -0.26, 3.02, -0.17, 2.71, 0.02, 3.96, -0.3, 2.95, -0.4, 2.91, -1.36, 4.22, -1.11, 1.17, 4.72, -2.0, 4.27, -1.1, 4.03, 0.04, 2.01, -0.23, 3.74, 0.96, 2.82, 0.74, 2.9, -0.33, 3.16, 1.45, 4.57, 2.43, 4.64],
    labels: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3],
    w: [1.18, 0.96, 0.72, 1.14, 0.61, 1.19, 1.14, 0.88, 1.3, 0.69, 0.89, 1.3, 0.88, 1.21, 1.11, 1.44, 1.49, 1.22, 1.31, 0.65, 1.21, 1.35, 0.9, 1.05, 0.98, 1.46, 0.82, 0.9, 0.5, 0.92],
    silhouette: 0.41722646622561016,
    inertia: 42.56319555555556,
    inertia_weighted_given_centres: 42.9052340328395,
    centres: [-0.09100000000000001, -0.29500000000000004, 3.3770000000000002, -0.279, 0.07777777777777775, 3.58, 2.43, 4.64],
  },
};

const i32 = (a: number[]) => Int32Array.from(a);
const f64 = (a: number[]) => Float64Array.from(a);

/** |actual − expected| ≤ tol · max(1, |expected|), element-wise; NaN only matches NaN. */
function near(actual: number | number[], expected: number | number[], tol: number, what: string): void {
  const a = Array.isArray(actual) ? actual : [actual];
  const e = Array.isArray(expected) ? expected : [expected];
  assert.equal(a.length, e.length, `${what}: length`);
  a.forEach((x, i) => {
    const ok = Number.isNaN(e[i]) ? Number.isNaN(x) : Math.abs(x - e[i]) <= tol * Math.max(1, Math.abs(e[i]));
    assert.ok(ok, `${what}[${i}]: ${x} vs sklearn ${e[i]}`);
  });
}

/** Exact to rounding: every value here is bit-identical today; 1e-12 leaves room for libm's log. */
const EXACT = 1e-12;

for (const mode of ['plain', 'weighted'] as const) {
  test(`binary, 30 rows with tied scores, p = 0 and 1, a zero weight (${mode})`, () => {
    const b = SK.binary;
    const sk = b[mode];
    const r = evaluate('binary', {
      yTrue: i32(b.y),
      yPred: i32(b.yPred),
      proba: f64(b.p1.flatMap((p) => [1 - p, p])),
      k: 2,
      sampleWeight: mode === 'weighted' ? f64(b.w) : undefined,
    });
    for (const [key, v] of Object.entries(sk.metrics)) near(r.metrics[key], v, EXACT, key);
    near(r.curves!.roc.fpr, sk.roc[0], EXACT, 'roc fpr');
    near(r.curves!.roc.tpr, sk.roc[1], EXACT, 'roc tpr');
    near(r.curves!.roc.thresholds, sk.roc[2], EXACT, 'roc thresholds');
    near(r.curves!.pr.precision, sk.pr[0], EXACT, 'pr precision');
    near(r.curves!.pr.recall, sk.pr[1], EXACT, 'pr recall');
    near(r.curves!.pr.thresholds, sk.pr[2], EXACT, 'pr thresholds');
    near(r.confusion!.flat(), sk.confusion.flat(), EXACT, 'confusion');
    // calibration_curve takes no weights, so the table is the same in both modes
    near(r.calibration!.map((c) => c.fraction_positive), b.calibration.prob_true, EXACT, 'prob_true');
    near(r.calibration!.map((c) => c.mean_predicted), b.calibration.prob_pred, EXACT, 'prob_pred');
    assert.deepEqual(r.calibration!.map((c) => c.count), b.calibration.counts);
    assert.deepEqual(r.warnings, []);
  });

  test(`multiclass, 30 rows × 3 classes with tied probabilities and a zero one (${mode})`, () => {
    const m = SK.multiclass;
    const sk = m[mode];
    const input = { yTrue: i32(m.y), proba: f64(m.proba), k: 3, sampleWeight: mode === 'weighted' ? f64(m.w) : undefined };
    const r = evaluate('multiclass', input);
    for (const [key, v] of Object.entries(sk.metrics)) near(r.metrics[key], v, EXACT, key);
    near(r.confusion!.flat(), sk.confusion.flat(), EXACT, 'confusion');
    // the argmax default matches numpy's P.argmax(1)
    assert.deepEqual(evaluate('multiclass', { ...input, yPred: i32(m.yPred) }).metrics, r.metrics);
  });

  test(`regression, 30 rows with zero targets (${mode})`, () => {
    const g = SK.regression;
    const r = evaluate('regression', { yTrue: f64(g.yTrue), yPred: f64(g.yPred), sampleWeight: mode === 'weighted' ? f64(g.w) : undefined });
    for (const [key, v] of Object.entries(g[mode])) near(r.metrics[key], v, EXACT, key);
    const q = r.residual_quantiles!;
    near([q.p05, q.p25, q.p50, q.p75, q.p95], g.quantiles, EXACT, 'residual quantiles');
  });
}

test('clustering, 30 rows × 2 in three blobs and a singleton', () => {
  const c = SK.clustering;
  const r = evaluate('clustering', { X: f64(c.X), d: 2, labels: i32(c.labels) });
  // sklearn measures distances as √(‖x‖² − 2x·y + ‖y‖²); we take √Σ(x − y)², so agreement is to rounding, not bits
  near(r.metrics.silhouette, c.silhouette, 1e-9, 'silhouette');
  near(r.metrics.inertia, c.inertia, EXACT, 'inertia');
  assert.deepEqual(r.cluster_sizes, [10, 10, 9, 1]);
  assert.equal(r.sample_size, 30);
  const w = evaluate('clustering', { X: f64(c.X), d: 2, labels: i32(c.labels), centres: f64(c.centres), sampleWeight: f64(c.w) });
  near(w.metrics.inertia, c.inertia_weighted_given_centres, EXACT, 'weighted inertia');
});
