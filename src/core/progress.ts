/** What a long task reports as it goes. All fields are optional and cumulative. */
export interface ProgressUpdate {
  rows?: number;
  bytes?: number;
  totalBytes?: number;
  /** Fraction done in [0, 1] when known. */
  fraction?: number;
  /** What is happening now, e.g. `trial 4/20, best roc_auc 0.712` or `round 40/100`. */
  message?: string;
}

/** A sink for progress; the CLI draws it on a TTY, everything else ignores it. */
export interface Progress {
  update(u: ProgressUpdate): void;
  done(): void;
}

/** A progress sink that does nothing: for `--json`, pipes and library use. */
export const silentProgress: Progress = { update() {}, done() {} };
