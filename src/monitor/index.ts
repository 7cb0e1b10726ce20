export * from './drift/index.js';
export * from './sketches/index.js';
export * from './windows/index.js';
export { loadTarget, type LoadedTarget } from './load-target.js';
export { driftHtml } from './drift-html.js';
