export { LinearRegression, LINEAR_PARAMS, linearFactory, type LinearSolver } from './linear-regression.js';
export { elasticNetCD, type ElasticNetOptions, type ElasticNetResult } from './coordinate-descent.js';
export { prepareData, interceptOf, solveNormalEquations, symmetricSolver, type PreparedData, type SymmetricSolver } from './least-squares.js';
export { numericFeatures, checkSampleWeight, linearPredictor, weightedMean, dot, gram } from './design.js';
