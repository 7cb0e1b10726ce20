export { RunTracker, type StartRun, HEARTBEAT_MS, LEASE_MS } from './run-tracker.js';
export { latheVersion, gitCommit } from './provenance.js';
export { listRuns, sortByMetric, sortValue, metricKeyOf, metricOf, lowerIsBetter, isTrial, primaryMetric, type ListRunsOptions } from './list-runs.js';
