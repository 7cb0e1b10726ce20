/**
 * `lathe quickstart`: the whole system, start to finish, on the penguins
 * data — one file per step under `steps/`, the shared pieces beside them.
 */
export { runQuickstart, type QuickstartOptions } from './run-quickstart.js';
export { type QuickstartResult, type StepOutcome } from './quickstart-result.js';
export { parsePort } from './port-check.js';
export { vegaDataFile } from './vega-data.js';
export { requestJson, expectOk, inParallel, type JsonAnswer } from './http-client.js';
export { closeServer } from './steps/serve-step.js';
