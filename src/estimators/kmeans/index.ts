export { KMeans, kmeansFactory, KMEANS_PARAMS } from './kmeans.js';
export { sampleWeights } from './points.js';
