import type { Step } from '../context.js';
import { driftedBatchStep } from './drifted-batch-step.js';
import { ingestStep } from './ingest-step.js';
import { profileStep } from './profile-step.js';
import { registerStep } from './register-step.js';
import { reportStep } from './report-step.js';
import { requestsStep } from './requests-step.js';
import { retrainStep } from './retrain-step.js';
import { schemaStep } from './schema-step.js';
import { serveStep } from './serve-step.js';
import { shutdownStep } from './shutdown-step.js';
import { trainStep } from './train-step.js';

/** The tour, in order. */
export const STEPS: readonly Step[] = [
  ingestStep,
  profileStep,
  schemaStep,
  trainStep,
  registerStep,
  serveStep,
  requestsStep,
  driftedBatchStep,
  reportStep,
  retrainStep,
  shutdownStep,
];
