export { type Split, type SplitRecord, type SplitMethod, type Folds, type FoldsRecord } from './split-record.js';
export { randomSplit } from './random-split.js';
export { stratifiedSplit } from './stratified-split.js';
export { groupSplit } from './group-split.js';
export { timeSplit } from './time-split.js';
export { kFold, stratifiedKFold } from './k-fold.js';
export { splitFrame, foldFrame, labelCodes, type SplitSpec, type FoldSpec } from './split-frame.js';
