export { promote, type PromoteOptions, type PromotionResult } from './promote.js';
export { parseGate, defaultGates, METRIC_ALIASES, type Gate, type GateOp } from './gate-expression.js';
export { checkGates, type GateResult, type GateScores, type Scores } from './check-gates.js';
export { evaluationData, type EvaluationData } from './evaluation-data.js';
