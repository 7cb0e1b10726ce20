/** `accuracy 0.986, log_loss 0.049` from a metrics map, for the keys given that it has. */
export function metricsText(metrics: Record<string, number>, keys: readonly string[] = ['accuracy', 'f1_macro', 'log_loss']): string {
  return keys.filter((k) => typeof metrics[k] === 'number').map((k) => `${k} ${round3(metrics[k])}`).join(', ');
}

/** Three decimals, as text. */
export function round3(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : String(x);
}
