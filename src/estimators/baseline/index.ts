export { BaselineRegressor, BaselineClassifier, baselineFactory, BASELINE_PARAMS } from './baseline.js';
