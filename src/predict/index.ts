export { Predictor, type Predictions } from './predictor.js';
export { resolveModelPackage } from './resolve-model.js';
