export { readRetrainPolicy, parseRetrainSection, triggers, type RetrainPolicy } from './retrain-policy.js';
export { startRetrain, approveJob, advanceCanary, CANARY_LATENCY_SLACK } from './retrain-job.js';
