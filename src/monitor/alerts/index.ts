export { readMonitorConfig, parseMonitorSection, DEFAULT_MONITOR_CONFIG, RULE_NAMES, type MonitorConfig, type AlertRule, type AlertSink } from './monitor-config.js';
export { sendWebhook, signBody, SIGNATURE_HEADER, WEBHOOK_DEADLINE_MS, WEBHOOK_MAX_RETRIES, type Delivery, type WebhookOptions } from './webhook.js';
export { evaluateRules, type WindowFacts, type RuleResult } from './evaluate-rules.js';
export { dispatchAlerts, allowPrivateSinks, type AlertEvent, type DispatchResult } from './dispatch-alerts.js';
