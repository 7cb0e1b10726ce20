export { parseWindow, type WindowSpec } from './window-spec.js';
export { ColumnAccumulator, RAW_LIMIT, type WindowValue } from './column-accumulator.js';
export { MonitorWindow, type LoggedRow } from './window.js';
export { buildWindows, type PredictionSource, type BuildWindowsOptions } from './build-windows.js';
export { windowDrift, WINDOW_TESTS, type WindowDrift } from './window-drift.js';
export { predictionLogSource } from './log-source.js';
