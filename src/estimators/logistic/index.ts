export { LogisticRegression, LOGISTIC_PARAMS, logisticFactory } from './logistic-regression.js';
export { LogisticLoss, softmaxInPlace } from './logistic-loss.js';
export { lbfgs, type Objective, type LbfgsOptions, type LbfgsResult } from './lbfgs.js';
export { newton, type NewtonOptions, type NewtonResult } from './newton.js';
export { DesignMatrix, BLOCK_ROWS } from './design-matrix.js';
