import { LatheError } from '../../errors.js';

/** How much a search may spend: a trial count and wall seconds; 0 means no limit of that kind. */
export interface Budget {
  trials: number;
  seconds: number;
}

/**
 * Checks a search budget: at least one of the two must be positive, and
 * neither may be negative (a zero budget would run nothing, which is
 * never what was meant). Throws BAD_USAGE naming the flags.
 */
export function checkBudget(b: Budget): void {
  const hint = 'pass --search N (trials) and/or --search-time S (seconds), at least one above 0';
  if (!Number.isInteger(b.trials) || b.trials < 0) {
    throw new LatheError('BAD_USAGE', `search trial budget ${b.trials} is not a whole number ≥ 0`, { hint });
  }
  if (!Number.isFinite(b.seconds) || b.seconds < 0) {
    throw new LatheError('BAD_USAGE', `search time budget ${b.seconds} s is not a number ≥ 0`, { hint });
  }
  if (b.trials === 0 && b.seconds === 0) throw new LatheError('BAD_USAGE', 'the search has a zero budget', { hint });
}

/**
 * The budget being spent. A search asks {@link BudgetClock.canStart} before
 * each trial: trials already running finish, but no new one starts once the
 * count or the seconds are used up.
 */
export class BudgetClock {
  private readonly t0 = performance.now();
  private started = 0;

  constructor(readonly budget: Budget) {}

  /** Wall seconds since the search began. */
  elapsed(): number {
    return (performance.now() - this.t0) / 1000;
  }

  /** Trials started so far. */
  get trials(): number {
    return this.started;
  }

  /**
   * Whether another trial may start. The first always may, even when
   * starting the worker threads used up a tiny time budget: a search that
   * ran nothing could not name a best configuration.
   */
  canStart(): boolean {
    if (this.started === 0) return true;
    if (this.budget.trials > 0 && this.started >= this.budget.trials) return false;
    return !(this.budget.seconds > 0 && this.elapsed() >= this.budget.seconds);
  }

  /** Counts a trial as started. */
  take(): void {
    this.started++;
  }

  /** Trials left by count (Infinity when only seconds limit the search). */
  trialsLeft(): number {
    return this.budget.trials > 0 ? this.budget.trials - this.started : Infinity;
  }
}
