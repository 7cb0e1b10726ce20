export { runSearch, bestTrial, type SearchOptions, type SearchResult } from './run-search.js';
export type { TrialResult, SearchProgress } from './search-session.js';
export { DEFAULT_SPACES, spaceFor, sampleSpace, sampleDimension, type Dimension, type SearchSpace } from './space.js';
export { checkBudget, type Budget } from './budget.js';
export { HALVING_FACTOR, ROUNDS_PARAM, planHalving } from './successive-halving.js';
