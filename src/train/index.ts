export { train, type TrainResult } from './train.js';
export { type TrainConfig, defaultConfig, readTrainConfig, checkConfig, SPLIT_METHODS, TASKS } from './train-config.js';
export { fitModel, type FittedModel, type FitRequest } from './fit-model.js';
export { scoreModel, scorePredictions, flatten, type Scored } from './score-model.js';
export { crossValidate, type CvResult } from './cross-validate.js';
export { candidates, chooseAlgo, better } from './choose-algo.js';
export { referenceProfile, type ReferenceProfile, type ReferenceColumn } from './reference-profile.js';
export { writePackage, loadPackage, PACKAGE_FORMAT, type ModelDocument, type StoredPackage } from './package/index.js';
export { evaluationFiles, recordEvaluation, type EvaluationFile } from './run-artifacts.js';
