export { profileDataset } from './profile-dataset.js';
export { computeProfile, semanticOf, distinctIsEstimate, type ComputeProfileOptions } from './compute-profile.js';
export type { ProfileColumn } from './column-plan.js';
export { binEdges } from './histogram-pass.js';
export {
  type Profile,
  type RelationProfile,
  type ColumnProfile,
  type SemanticType,
  type Quantiles,
  type Histogram,
  type TopValue,
  type LengthStats,
  EXACT_ROW_LIMIT,
  TOP_K,
  HISTOGRAM_BINS,
  QUANTILES,
} from './types.js';
