import { Rng } from '../../core/index.js';
import type { ParamValue } from '../../estimators/index.js';
import type { SearchSession, TrialResult } from './search-session.js';
import { type SearchSpace, sampleSpace } from './space.js';

/** What to search: the algorithms, each one's space, and the parameters every trial keeps. */
export interface SearchPlan {
  /** Registered algorithms that do the task, in the caller's order. */
  algos: string[];
  /** The (filtered) space of each algorithm. */
  spaces: ReadonlyMap<string, SearchSpace>;
  /** Parameters set on every trial of an algorithm (its seed, and the user's own). */
  fixed: ReadonlyMap<string, Record<string, ParamValue>>;
  seed: number;
  /** Whether the first trial of each algorithm uses its default parameters. */
  defaults: boolean;
}

/** An algorithm and the parameters to fit it with. */
export interface Candidate {
  algo: string;
  params: Record<string, ParamValue>;
}

/**
 * Draws candidates from a plan: algorithms in turn, so every algorithm gets
 * its share of a small budget, and parameters from one seeded generator in
 * draw order, so a seed gives the same sequence however trials are timed.
 * With `defaults`, each algorithm's first candidate is its default
 * configuration: the search then never reports a best that is worse on
 * validation than not searching at all.
 */
export class CandidateSampler {
  private drawn = 0;
  private readonly rng: Rng;

  constructor(private readonly plan: SearchPlan) {
    this.rng = new Rng(plan.seed);
  }

  /** The next candidate; `drop` names parameters left to the caller (a halving budget). */
  next(drop: ReadonlySet<string> = new Set()): Candidate {
    const i = this.drawn++;
    const algo = this.plan.algos[i % this.plan.algos.length];
    const space = Object.fromEntries(Object.entries(this.plan.spaces.get(algo) ?? {}).filter(([k]) => !drop.has(k)));
    const sampled = this.plan.defaults && i < this.plan.algos.length ? {} : sampleSpace(space, this.rng);
    return { algo, params: { ...sampled, ...this.plan.fixed.get(algo) } };
  }
}

/**
 * Random search (Bergstra & Bengio, 2012): independent draws from the
 * spaces until the trial count or the seconds are used up.
 *
 * @example
 * ```ts
 * const trials = await randomSearch(session, plan);
 * ```
 */
export async function randomSearch(session: SearchSession, plan: SearchPlan): Promise<TrialResult[]> {
  const sampler = new CandidateSampler(plan);
  let index = 0;
  return session.runAll(() => ({ index: index++, ...sampler.next() }));
}
