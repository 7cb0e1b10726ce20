import type { DatasetDrift, MonitorRunResult, RetrainJob } from '../monitor/index.js';
import type { RunningServer } from '../serve/index.js';
import type { Home } from '../store/index.js';
import type { TrainResult } from '../train/index.js';
import type { Narrator } from './narrator.js';

/** The model name the quickstart registers. */
export const MODEL = 'pen';
/** The dataset name the quickstart ingests. */
export const DATASET = 'penguins';
/** The column the model predicts. */
export const TARGET = 'Species';

/** What the steps learn and hand on, filled in as they run. */
export interface QuickstartState {
  /** `penguins@1`. */
  dataset?: string;
  rows?: number;
  schemaFile?: string;
  /** The schema without the target: what a request's rows must satisfy. */
  featuresSchemaFile?: string;
  validation?: { valid: boolean; errors: number; warnings: number };
  train?: TrainResult;
  version?: number;
  server?: RunningServer;
  /** Raw answers of the demonstration requests. */
  answers: { ready?: unknown; metadata?: unknown; oip?: unknown; v1?: unknown; after_retrain?: unknown };
  /** Request ids and true labels of the traffic sent, for the delayed labels. */
  traffic: { id: string; species: string; drifted: boolean }[];
  /** Prediction rows the server has been asked for so far (each logged once). */
  logged: number;
  driftedFile?: string;
  driftedAnomalies?: { column: string | null; reason: string; percent: number }[];
  drift?: DatasetDrift;
  monitor?: MonitorRunResult;
  /** The labelled batch appended to the training data: `penguins@2`. */
  newDataset?: string;
  /** The closed-loop retrain job, as the last monitor run left it. */
  job?: RetrainJob;
  reports: { profile?: string; drift?: string; monitor?: string };
}

/** What every step sees. */
export interface QuickstartContext {
  /** The home folder, absolute. */
  readonly dir: string;
  /** `<home>/quickstart`: the reports and the files the steps write. */
  readonly work: string;
  /** The penguins data file. */
  readonly penguinsFile: string;
  readonly host: string;
  readonly port: number;
  /** Hyper-parameter search trials of the first training run. */
  readonly searchTrials: number;
  readonly home: Home;
  readonly narrator: Narrator;
  readonly state: QuickstartState;
}

/** One step of the tour: what it does, and the CLI commands that do the same by hand. */
export interface Step {
  /** Short stable name, used in errors and the JSON result. */
  readonly name: string;
  /** The header line. */
  readonly title: string;
  run(ctx: QuickstartContext): Promise<void>;
  /** The same step with the CLI (paths relative to `$LATHE_HOME`), for the closing summary. */
  commands(ctx: QuickstartContext): string[];
}

/** A value an earlier step must have set; its absence is a bug in the step order. */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`quickstart: ${what} is not set (the steps ran out of order)`);
  return value;
}
