import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LatheError, toLatheError } from '../errors.js';
import { Home } from '../store/index.js';
import type { QuickstartContext, Step } from './context.js';
import { Narrator } from './narrator.js';
import { assertPortFree } from './port-check.js';
import { prepareHome } from './prepare-home.js';
import { quickstartResult, type QuickstartResult, type StepOutcome } from './quickstart-result.js';
import { STEPS } from './steps/index.js';
import { closeServer } from './steps/serve-step.js';
import { printSummary } from './summary.js';
import { vegaDataFile } from './vega-data.js';

/** Options of {@link runQuickstart}. */
export interface QuickstartOptions {
  /** The home to use; default a new temporary folder. */
  home?: string;
  /** Delete an existing Lathe home first (otherwise an existing non-empty home is refused, untouched). */
  fresh?: boolean;
  /** Server port; default 0 (a free port). */
  port?: number;
  /** Trials of the first training run's search; default 6. */
  searchTrials?: number;
  /** Where the narration goes; default stdout. */
  out?: NodeJS.WritableStream;
}

/**
 * The whole loop on the penguins data, narrated: ingest, profile, schema and
 * validation, training with a search, registry and alias, an in-process
 * server answering real OIP v2 and V1 requests, a drifted batch, the drift
 * and monitoring reports, retraining through the promotion gate, and a clean
 * shutdown. A failing step stops the tour with an error naming it; the
 * server and the home are closed whatever happens.
 *
 * @example
 * ```ts
 * const r = await runQuickstart({ home: '/tmp/qs', fresh: true });
 * console.log(r.reports.drift, r.model.production);
 * ```
 */
export async function runQuickstart(opts: QuickstartOptions = {}): Promise<QuickstartResult> {
  const t0 = performance.now();
  const host = '127.0.0.1';
  const port = opts.port ?? 0;
  // Everything that can be refused is checked before the home is touched.
  const penguinsFile = vegaDataFile('penguins.json');
  await assertPortFree(host, port);
  const prepared = prepareHome(opts.home, opts.fresh ?? false);
  const narrator = new Narrator(opts.out ?? process.stdout);
  narrator.line(`Lathe quickstart: the whole loop on the penguins data, in ${prepared.dir}`);
  const work = join(prepared.dir, 'quickstart');
  mkdirSync(work, { recursive: true });
  // The stores are named explicitly so LATHE_METADATA_URI and friends cannot send the tour into someone's real stores.
  const home = await Home.open({ dir: prepared.dir, metadataUri: `sqlite:${join(prepared.dir, 'lathe.db')}`, artifactUri: `file:${join(prepared.dir, 'artifacts')}` });
  const ctx: QuickstartContext = {
    dir: prepared.dir, work, penguinsFile, host, port, searchTrials: opts.searchTrials ?? 6, home, narrator,
    state: { answers: {}, traffic: [], logged: 0, reports: {} },
  };
  const outcomes: StepOutcome[] = [];
  let url = '';
  try {
    for (const [i, step] of STEPS.entries()) {
      narrator.step(i + 1, STEPS.length, step.title);
      const t = performance.now();
      await runStep(ctx, step, i);
      url ||= ctx.state.server?.url ?? '';
      outcomes.push({ name: step.name, title: step.title, seconds: (performance.now() - t) / 1000, commands: step.commands(ctx) });
    }
  } finally {
    if (ctx.state.server) await closeServer(ctx.state.server).catch(() => {});
    await home.close();
  }
  const result = quickstartResult(ctx, prepared.temporary, (performance.now() - t0) / 1000, outcomes, url);
  printSummary(narrator, result);
  return result;
}

/** Runs one step; a failure becomes an error naming the step, keeping its code (and so its exit code) and hint. */
async function runStep(ctx: QuickstartContext, step: Step, i: number): Promise<void> {
  try {
    await step.run(ctx);
  } catch (e) {
    const err = toLatheError(e);
    throw new LatheError(err.code, `quickstart step ${i + 1}/${STEPS.length} (${step.name}) failed: ${err.message}`, {
      hint: `${err.hint ?? 'see the message'}; the home is kept at ${ctx.dir} for inspection`,
      cause: e,
    });
  }
}
