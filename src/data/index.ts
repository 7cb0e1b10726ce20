export * from './profile/index.js';
export * from './schema/index.js';
export * from './validate/index.js';
export * from './split/index.js';
export * from './pipeline/index.js';
