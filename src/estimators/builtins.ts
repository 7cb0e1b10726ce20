/**
 * Registers the built-in estimators, explicitly, once.
 */
import { linearFactory } from './linear/index.js';
import { logisticFactory } from './logistic/index.js';
import { registerEstimator } from './registry.js';

registerEstimator(linearFactory);
registerEstimator(logisticFactory);
