export {
  type Anomaly,
  type AnomalyReason,
  type Severity,
  type SampleValue,
  type ValidationResult,
  ANOMALY_REASONS,
  SAMPLE_SIZE,
  assertValid,
} from './validation-result.js';
export { validateRelation } from './validate-relation.js';
export { validateDataset, validateTarget } from './validate-dataset.js';
export { withTarget, type OpenedTarget, type TargetOptions } from './open-target.js';
export { compatibility } from './column-checks.js';
