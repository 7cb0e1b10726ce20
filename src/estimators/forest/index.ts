export { ForestEstimator, forestFactory } from './forest.js';
export { FOREST_PARAMS } from './forest-params.js';
