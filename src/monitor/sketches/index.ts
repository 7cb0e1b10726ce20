export { Moments, type MomentsJSON } from './moments.js';
export { KllSketch, type KllJSON } from './kll.js';
export { FrequentItems, type FrequentItemsJSON } from './frequent-items.js';
export { HyperLogLog, hash32 } from './hyperloglog.js';
