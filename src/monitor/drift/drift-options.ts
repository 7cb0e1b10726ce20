/** The drift tests, by their CLI names. */
export const DRIFT_TESTS = ['ks', 'chi2', 'psi', 'js', 'wasserstein', 'hellinger'] as const;

/** One drift test. */
export type DriftTest = (typeof DRIFT_TESTS)[number];

/** Tests whose score is a p-value: drift when the score is below the threshold. */
export const P_VALUE_TESTS: ReadonlySet<DriftTest> = new Set(['ks', 'chi2']);

/** Tests that need the raw numbers, not bins. */
export const NUMERIC_ONLY_TESTS: ReadonlySet<DriftTest> = new Set(['ks', 'wasserstein']);

/**
 * Default thresholds. p-value tests drift when p < threshold; the others when
 * the score is above it. PSI's 0.1 is the usual "some shift" line (0.2 is
 * often read as "major"); Hellinger's follows Evidently.
 */
export const DEFAULT_THRESHOLDS: Readonly<Record<DriftTest, number>> = {
  ks: 0.05,
  chi2: 0.05,
  psi: 0.1,
  js: 0.1,
  wasserstein: 0.1,
  hellinger: 0.1,
};

/** Options for {@link datasetDrift} and {@link columnDrift}; every one has a documented default. */
export interface DriftOptions {
  /** One test for every column, or `auto` (default) to choose per column by the table in the README. */
  test?: DriftTest | 'auto';
  /** Overrides of {@link DEFAULT_THRESHOLDS}. */
  thresholds?: Partial<Record<DriftTest, number>>;
  /** Bins for PSI, Jensen–Shannon and Hellinger on numeric columns, cut at reference quantiles. Default 10 (deciles). */
  bins?: number;
  /** Reference sizes up to this use the p-value tests in `auto`. Default 1000. */
  smallReference?: number;
  /** Numeric columns with at most this many distinct reference values count as discrete. Default 5. */
  discreteMaxDistinct?: number;
  /** The dataset drifts when at least this share of tested columns drift. Default 0.5. */
  driftShare?: number;
  /** `bh` adjusts the p-value tests for multiple testing (Benjamini–Hochberg). Default `none`. */
  correction?: 'none' | 'bh';
  /**
   * Numeric distances (Wasserstein, and the quantile cut points of PSI, JS and
   * Hellinger) use at most this many values per side, a seeded uniform sample
   * above it; p-value tests, bin counts, missing and range rates always use
   * every value. Default 100,000 (the size up to which monitoring windows are
   * exact); `Infinity` for exact distances on any size.
   */
  sampleSize?: number;
  /** Seed of that sample, so a report repeats. Default 1. */
  seed?: number;
}

/** Options with every default filled in. */
export type ResolvedDriftOptions = Required<Omit<DriftOptions, 'thresholds'>> & { thresholds: Record<DriftTest, number> };

/** Fills in the defaults and checks the values, throwing a RangeError naming the bad option. */
export function resolveDriftOptions(o: DriftOptions = {}): ResolvedDriftOptions {
  const r: ResolvedDriftOptions = {
    test: o.test ?? 'auto',
    thresholds: { ...DEFAULT_THRESHOLDS, ...o.thresholds },
    bins: o.bins ?? 10,
    smallReference: o.smallReference ?? 1000,
    discreteMaxDistinct: o.discreteMaxDistinct ?? 5,
    driftShare: o.driftShare ?? 0.5,
    correction: o.correction ?? 'none',
    sampleSize: o.sampleSize ?? 100_000,
    seed: o.seed ?? 1,
  };
  if (r.test !== 'auto' && !DRIFT_TESTS.includes(r.test)) throw new RangeError(`test must be auto or one of ${DRIFT_TESTS.join(', ')}, got ${r.test}`);
  if (!Number.isInteger(r.bins) || r.bins < 2 || r.bins > 1000) throw new RangeError(`bins must be an integer from 2 to 1000, got ${r.bins}`);
  if (!(r.driftShare > 0 && r.driftShare <= 1)) throw new RangeError(`driftShare must be in (0, 1], got ${r.driftShare}`);
  if (r.correction !== 'none' && r.correction !== 'bh') throw new RangeError(`correction must be none or bh, got ${r.correction}`);
  if (!(r.sampleSize >= 1000)) throw new RangeError(`sampleSize must be at least 1000 (or Infinity), got ${r.sampleSize}`);
  if (!Number.isInteger(r.seed)) throw new RangeError(`seed must be an integer, got ${r.seed}`);
  for (const [t, v] of Object.entries(r.thresholds)) {
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`threshold for ${t} must be a non-negative number, got ${v}`);
  }
  return r;
}
