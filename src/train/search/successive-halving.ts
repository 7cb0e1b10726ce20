import { estimatorFactory } from '../../estimators/index.js';
import { better } from '../choose-algo.js';
import type { TrialSpec } from './evaluate-trial.js';
import { type Candidate, CandidateSampler, type SearchPlan } from './random-search.js';
import type { SearchSession, TrialResult } from './search-session.js';
import type { SearchSpace } from './space.js';

/** Each rung keeps a third of the candidates and gives them three times the budget, as scikit-learn's default. */
export const HALVING_FACTOR = 3;

/** The parameter that counts rounds (trees) for algorithms whose budget can be rounds. */
export const ROUNDS_PARAM: Readonly<Record<string, string>> = Object.freeze({ gbdt: 'iterations', forest: 'n_estimators' });

// The smallest budget a rung may give: fewer rounds or rows say little about the full fit.
const MIN_ROUNDS = 10;
const MIN_ROWS = 200;

/** What a rung spends on a candidate: boosting rounds / trees, or training rows. */
export type Resource = { kind: 'rounds'; param: string; max: number } | { kind: 'rows'; max: number };

/**
 * The resource of an algorithm: its rounds when it has a rounds parameter
 * that the user did not fix (the maximum is the top of its searched range,
 * else its default), otherwise the training rows.
 */
export function resourceFor(algo: string, space: SearchSpace, fixed: Record<string, unknown>, trainRows: number, mode: 'auto' | 'rows'): Resource {
  const param = ROUNDS_PARAM[algo];
  if (mode === 'auto' && param !== undefined && !(param in fixed)) {
    const spec = estimatorFactory(algo).params.find((s) => s.name === param);
    const dim = space[param];
    const max = dim && dim.type !== 'choice' ? dim.high : spec?.type === 'int' ? spec.default : null;
    if (spec && typeof max === 'number' && max >= 1) return { kind: 'rounds', param, max };
  }
  return { kind: 'rows', max: trainRows };
}

/** How many rungs a resource allows before a rung would fall under the minimum. */
export function maxRungs(r: Resource): number {
  const min = r.kind === 'rounds' ? MIN_ROUNDS : MIN_ROWS;
  if (r.max <= min) return 1;
  // The epsilon keeps exact powers of 3 (log 27 / log 3 = 2.9999…) on the right side of floor.
  return Math.floor(Math.log(r.max / min) / Math.log(HALVING_FACTOR) + 1e-9) + 1;
}

/**
 * Rungs and first-rung candidates for a trial budget: as many rungs as the
 * resource allows while the last rung still gets a candidate, then the most
 * candidates whose trials (n₀ + ⌈n₀/3⌉ + ⌈n₀/9⌉ …) fit the count. With a
 * time budget only, 3^rungs candidates (at most three rungs), as the time
 * allows.
 */
export function planHalving(trials: number, rungLimit: number): { rungs: number; n0: number } {
  if (trials <= 0) {
    const rungs = Math.min(rungLimit, 3);
    return { rungs, n0: HALVING_FACTOR ** rungs };
  }
  for (let rungs = rungLimit; rungs > 1; rungs--) {
    let n0 = 0;
    while (rungTrials(n0 + 1, rungs) <= trials) n0++;
    if (n0 >= HALVING_FACTOR ** (rungs - 1)) return { rungs, n0 };
  }
  return { rungs: 1, n0: trials };
}

function rungTrials(n0: number, rungs: number): number {
  let total = 0;
  for (let i = 0; i < rungs; i++) total += Math.ceil(n0 / HALVING_FACTOR ** i);
  return total;
}

/**
 * Successive halving (Jamieson & Talwalkar, 2016; scikit-learn's
 * HalvingRandomSearchCV): draw n₀ candidates, fit all on a small budget,
 * keep the best third, triple the budget, and so on until the last rung
 * fits the survivors on the full budget. Rungs are barriers: a rung's
 * trials run in parallel, and the next starts when all of them ended. The
 * budget is each algorithm's {@link Resource}; within a rung every
 * candidate gets the same fraction of its own maximum.
 */
export async function successiveHalving(
  session: SearchSession,
  plan: SearchPlan,
  o: { trainRows: number; resource: 'auto' | 'rows'; metric: string },
): Promise<TrialResult[]> {
  const resources = new Map(plan.algos.map((a) => [a, resourceFor(a, plan.spaces.get(a) ?? {}, plan.fixed.get(a) ?? {}, o.trainRows, o.resource)]));
  const { rungs, n0 } = planHalving(session.clock.budget.trials, Math.min(...[...resources.values()].map(maxRungs)));
  const drop = new Set([...resources.values()].flatMap((r) => (r.kind === 'rounds' ? [r.param] : [])));
  const sampler = new CandidateSampler(plan);
  let candidates: Candidate[] = Array.from({ length: n0 }, () => sampler.next(drop));
  const all: TrialResult[] = [];
  let index = 0;
  for (let rung = 0; rung < rungs && candidates.length > 0; rung++) {
    const fraction = HALVING_FACTOR ** (rung - (rungs - 1));
    const specs = candidates.map((c) => withResource(c, resources.get(c.algo)!, fraction));
    let k = 0;
    const done = await session.runAll(() => (k < specs.length ? { index: index++, ...specs[k++] } : null), rung);
    all.push(...done);
    // Out of budget mid-rung: the survivors of a partial rung would be chosen unfairly.
    if (done.length < specs.length) break;
    const keep = promote(done, Math.ceil(n0 / HALVING_FACTOR ** (rung + 1)), o.metric);
    candidates = keep.map((j) => candidates[j]);
  }
  return all;
}

/** The candidate with its rung's budget. */
function withResource(c: Candidate, r: Resource, fraction: number): Omit<TrialSpec, 'index'> {
  if (r.kind === 'rounds') return { algo: c.algo, params: { ...c.params, [r.param]: Math.max(1, Math.round(r.max * fraction)) } };
  return fraction >= 1 ? { ...c } : { ...c, rows: Math.max(1, Math.round(r.max * fraction)) };
}

/** Positions (in `done`) of the `keep` best trials with a score; ties go to the earlier trial. */
function promote(done: TrialResult[], keep: number, metric: string): number[] {
  return done
    .map((t, j) => ({ t, j }))
    .filter(({ t }) => t.score !== null)
    .sort((a, b) => (better(metric, a.t.score!, b.t.score!) ? -1 : better(metric, b.t.score!, a.t.score!) ? 1 : a.t.index - b.t.index))
    .slice(0, keep)
    .map(({ j }) => j);
}
