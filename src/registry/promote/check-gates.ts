import { LatheError } from '../../errors.js';
import type { Gate } from './gate-expression.js';

/** Metric values by key, as scoreModel reports them. */
export type Scores = Record<string, number>;

/** How one gate clause came out. */
export interface GateResult {
  gate: string;
  metric: string;
  /** The candidate's value. */
  value: number;
  /** What it was compared with (reference value plus offset); null when skipped. */
  threshold: number | null;
  passed: boolean;
  /** Why a clause was skipped (no champion yet) or failed oddly (NaN). */
  note?: string;
}

/** The score sets gates compare. */
export interface GateScores {
  candidate: Scores;
  champion: Scores | null;
  baseline: Scores | null;
}

/**
 * Checks every clause. A clause against the champion passes vacuously when
 * there is no champion yet (and says so), as does one against the baseline
 * when the task has none (clustering). NaN never passes. A metric the task
 * does not compute is BAD_USAGE, listing the ones it does.
 */
export function checkGates(gates: readonly Gate[], s: GateScores): GateResult[] {
  return gates.map((g) => {
    const value = s.candidate[g.metric];
    if (value === undefined) {
      throw new LatheError('BAD_USAGE', `--gate: the metric "${g.metric}" is not computed for this model`, {
        hint: `its metrics are: ${Object.keys(s.candidate).join(', ')}`,
      });
    }
    const base = { gate: g.text, metric: g.metric, value };
    let ref: number;
    if (typeof g.against === 'number') ref = g.against;
    else {
      const set = g.against === 'champion' ? s.champion : s.baseline;
      if (set === null) return { ...base, threshold: null, passed: true, note: g.against === 'champion' ? 'no champion yet' : 'no baseline for this task' };
      ref = set[g.metric];
    }
    const threshold = ref + g.offset;
    if (Number.isNaN(value) || Number.isNaN(threshold)) return { ...base, threshold, passed: false, note: 'NaN never passes' };
    return { ...base, threshold, passed: compare(value, g.op, threshold) };
  });
}

function compare(a: number, op: Gate['op'], b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '<':
      return a < b;
  }
}
