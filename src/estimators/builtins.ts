/**
 * Registers the built-in estimators, explicitly, once.
 */
import { baselineFactory } from './baseline/index.js';
import { forestFactory } from './forest/index.js';
import { gbdtFactory } from './gbdt/index.js';
import { kmeansFactory } from './kmeans/index.js';
import { linearFactory } from './linear/index.js';
import { logisticFactory } from './logistic/index.js';
import { registerEstimator } from './registry.js';

registerEstimator(gbdtFactory);
registerEstimator(forestFactory);
registerEstimator(linearFactory);
registerEstimator(logisticFactory);
registerEstimator(kmeansFactory);
registerEstimator(baselineFactory);
