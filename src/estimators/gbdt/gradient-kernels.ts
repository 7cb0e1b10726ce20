/**
 * The expensive gradient loops of boosting (the ones with exp), over a row
 * range so the worker threads can share them. Elementwise, so any split of
 * the rows gives the same numbers. Scores are row-major n × k; `w` may be
 * empty (all weights 1).
 */

/** Binary log loss: g = w(p − y), h = w·p(1 − p) with p = σ(score), for rows [s, e). */
export function binaryGradients(scores: Float64Array, y: Float64Array, w: Float64Array, g: Float64Array, h: Float64Array, s: number, e: number): void {
  const weighted = w.length > 0;
  for (let i = s; i < e; i++) {
    const p = 1 / (1 + Math.exp(-scores[i]));
    const wi = weighted ? w[i] : 1;
    g[i] = wi * (p - y[i]);
    h[i] = wi * Math.max(p * (1 - p), 1e-16);
  }
}

/** Softmax of each row's k scores into `p`, for rows [s, e). */
export function softmaxRows(scores: Float64Array, p: Float64Array, k: number, s = 0, e = scores.length / k): void {
  for (let r = s; r < e; r++) {
    const o = r * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, scores[o + c]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += p[o + c] = Math.exp(scores[o + c] - max);
    for (let c = 0; c < k; c++) p[o + c] /= sum;
  }
}

/** Softmax gradients of class c from the probabilities: g = w(p_c − [y = c]), h = w·p_c(1 − p_c). */
export function softmaxGradients(prob: Float64Array, y: Float64Array, w: Float64Array, g: Float64Array, h: Float64Array, c: number, k: number, s: number, e: number): void {
  const weighted = w.length > 0;
  for (let i = s; i < e; i++) {
    const p = prob[i * k + c];
    const wi = weighted ? w[i] : 1;
    g[i] = wi * (p - (y[i] === c ? 1 : 0));
    h[i] = wi * Math.max(p * (1 - p), 1e-16);
  }
}
