/**
 * Registers the built-in estimators, explicitly, once.
 */
import { baselineFactory } from './baseline/index.js';
import { kmeansFactory } from './kmeans/index.js';
import { linearFactory } from './linear/index.js';
import { logisticFactory } from './logistic/index.js';
import { registerEstimator } from './registry.js';

registerEstimator(linearFactory);
registerEstimator(logisticFactory);
registerEstimator(kmeansFactory);
registerEstimator(baselineFactory);
