export { ksTwoSample, ksStatistic, KS_MAX_EXACT_N, type KsResult } from './ks.js';
export { wassersteinDistance } from './wasserstein.js';
export { psi, jensenShannon, hellinger, proportions, PSI_FLOOR } from './divergences.js';
export { chiSquareGoodnessOfFit, type ChiSquareResult } from './chi-square.js';
export { benjaminiHochberg } from './benjamini-hochberg.js';
export { quantileSorted, quantileEdges, binCountsSorted, binCounts } from './bins.js';
export { chiSquareSf, gammaP, gammaQ, logGamma } from './special/gamma.js';
export { kolmogorovSf } from './special/kolmogorov.js';
export { smirnovSf } from './special/smirnov.js';
export {
  DRIFT_TESTS,
  DEFAULT_THRESHOLDS,
  P_VALUE_TESTS,
  resolveDriftOptions,
  type DriftTest,
  type DriftOptions,
  type ResolvedDriftOptions,
} from './drift-options.js';
export { sampleColumn, sortedValues, sortedSample, alignCategories, type ColumnSample, type NumericSample, type CategoricalSample } from './column-sample.js';
export { columnDrift, untestedColumn, WASSERSTEIN_STD_FLOOR, type ColumnDrift, type SideSummary } from './column-drift.js';
export { datasetDrift, summarize, resolveOptions, type DatasetDrift } from './dataset-drift.js';
