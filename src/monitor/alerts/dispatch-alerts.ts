import type { MonitorStore } from '../store/monitor-store.js';
import type { RuleResult } from './evaluate-rules.js';
import type { AlertSink, MonitorConfig } from './monitor-config.js';
import { type Delivery, sendWebhook } from './webhook.js';
import { redactText, redactUrl } from '../../core/index.js';
import { firstLine } from '../../errors.js';

/** An alert event: the webhook body and the log line. */
export interface AlertEvent {
  type: 'lathe.alert';
  model: string;
  rule: string;
  value: number | null;
  threshold: number | null;
  message: string;
  window: { start_ms: number; end_ms: number };
  fired_at: string;
}

/** What {@link dispatchAlerts} did for one window. */
export interface DispatchResult {
  fired: AlertEvent[];
  /** Rules whose open alert cleared on this window. */
  cleared: string[];
  /** Rules still firing, already alerted: not sent again. */
  ongoing: string[];
}

/**
 * Turns rule results into alerts, deduplicated: a rule that starts firing
 * opens one alert and sends it to every sink; while it keeps firing nothing
 * more is sent; when it stops, the alert is cleared, and a later firing is a
 * new alert. Webhook deliveries (with retries) are recorded on the alert;
 * a failed delivery is recorded, never thrown.
 *
 * @example
 * ```ts
 * await dispatchAlerts(store, 'churn', results, { start_ms, end_ms }, config.sinks);
 * ```
 */
export async function dispatchAlerts(
  store: MonitorStore,
  model: string,
  results: readonly RuleResult[],
  window: { start_ms: number; end_ms: number },
  sinks: readonly AlertSink[],
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  nowMs = Date.now(),
): Promise<DispatchResult> {
  const out: DispatchResult = { fired: [], cleared: [], ongoing: [] };
  for (const r of results) {
    if (r.firing === null) continue;
    const active = store.activeAlert(model, r.key);
    if (!r.firing) {
      if (active) {
        store.clearAlert(active.seq, nowMs);
        out.cleared.push(r.key);
      }
      continue;
    }
    if (active) {
      out.ongoing.push(r.key);
      continue;
    }
    const event: AlertEvent = {
      type: 'lathe.alert',
      model,
      rule: r.key,
      value: r.value,
      threshold: r.threshold,
      message: r.message,
      window,
      fired_at: new Date(nowMs).toISOString(),
    };
    const seq = store.fireAlert(model, r.key, nowMs, event);
    // Keyed by sink URL, a user's string: no prototype for a name like __proto__ to land on.
    const deliveries: Record<string, Delivery | { status: 'logged' }> = Object.create(null);
    try {
      for (const s of sinks) {
        const key = s.sink === 'log' ? 'log' : redactUrl(s.url);
        try {
          if (s.sink === 'log') {
            log(JSON.stringify(event));
            deliveries.log = { status: 'logged' };
          } else {
            deliveries[key] = await sendWebhook(s.url, event, { secret: s.secret, retries: s.retries, timeoutMs: s.timeout_ms, allowPrivateHosts: s.allow_private_hosts === true });
          }
        } catch (e) {
          // sendWebhook does not throw, but whatever does must not leave the alert pending.
          deliveries[key] = { status: 'failed', attempts: 0, error: redactText(firstLine((e as Error)?.message ?? String(e))) };
        }
        const d = deliveries[key];
        // Said where alerts are seen, in the same JSON-lines form, so a failed sink is noticed.
        if (d.status === 'failed') log(JSON.stringify({ type: 'lathe.alert_delivery_failed', model, rule: r.key, sink: key, attempts: d.attempts, error: d.error ?? null }));
      }
    } finally {
      // Written even when a sink threw: an alert's delivery is delivered or failed, never left pending.
      store.setDelivery(seq, deliveries);
    }
    out.fired.push(event);
  }
  return out;
}

/** The config with every webhook sink allowed to reach private hosts: what `--allow-private-hosts` on `monitor run` and `serve` does. */
export function allowPrivateSinks(config: MonitorConfig): MonitorConfig {
  return { ...config, sinks: config.sinks.map((s) => (s.sink === 'webhook' ? { ...s, allow_private_hosts: true } : s)) };
}
