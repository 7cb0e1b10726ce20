export { GbdtEstimator, gbdtFactory } from './gbdt.js';
export { GBDT_PARAMS } from './gbdt-params.js';
