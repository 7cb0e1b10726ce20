export { readMonitorConfig, parseMonitorSection, DEFAULT_MONITOR_CONFIG, RULE_NAMES, type MonitorConfig, type AlertRule, type AlertSink } from './monitor-config.js';
export { sendWebhook, signBody, SIGNATURE_HEADER, type Delivery, type WebhookOptions } from './webhook.js';
export { evaluateRules, type WindowFacts, type RuleResult } from './evaluate-rules.js';
export { dispatchAlerts, type AlertEvent, type DispatchResult } from './dispatch-alerts.js';
