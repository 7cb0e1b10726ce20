import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertValidName } from '../core/index.js';
import { LatheError } from '../errors.js';
import type { Home, ModelLineage, NewModelVersion, RunRecord } from '../store/index.js';
import type { ModelDocument } from '../train/package/index.js';
import { currentActor } from './actor.js';
import { datasetParents } from './lineage.js';
import { loadVerifiedPackage } from './package-integrity.js';
import { registerOnnx } from './register-onnx.js';
import { patchOf, type Registered, type RegisterOptions } from './register-options.js';
import { stagePackageFolder } from './stage-package.js';

/**
 * Registers a new version from a run id (or unique prefix), a package folder
 * (a directory with manifest.json, copied in with every hash checked), or
 * an `.onnx` file.
 *
 * @example
 * ```ts
 * const { record } = await registerModel(home, runId, { name: 'churn', description: 'who leaves' });
 * record.version; // 1
 * ```
 */
export async function registerModel(home: Home, source: string, opts: RegisterOptions): Promise<Registered> {
  assertValidName('model', opts.name);
  if (existsSync(source)) {
    const st = statSync(source);
    if (st.isDirectory()) return registerPackageFolder(home, source, opts);
    if (/\.onnx$/i.test(source)) return registerOnnx(home, source, opts);
    throw new LatheError('BAD_INPUT', `${source} is a file but not an .onnx model`, { hint: 'register a run id, a model package folder, or a file.onnx' });
  }
  if (/\.onnx$/i.test(source) || source.includes('/')) {
    throw new LatheError('NOT_FOUND', `${source} does not exist`, { hint: 'check the path' });
  }
  return registerRun(home, source, opts);
}

/**
 * Registers the model package a train run produced. This is what
 * `lathe train --register <name>` calls once the run has finished.
 */
export async function registerRun(home: Home, runRef: string, opts: RegisterOptions): Promise<Registered> {
  const run = await findRun(home, runRef);
  const pkg = run.artifacts.find((a) => a.kind === 'package');
  if (!pkg) {
    // A search trial is scored on validation rows and keeps no package: its parent train run refitted the winner.
    if (run.kind === 'trial' && run.parent) {
      throw new LatheError('BAD_USAGE', `run ${run.id} is a search trial of train run ${run.parent}; trials keep no model package`, {
        hint: `register the train run: \`lathe model register ${run.parent} --name <name>\``,
      });
    }
    throw new LatheError('NOT_FOUND', `run ${run.id} has no model package (status ${run.status})`, { hint: 'register a FINISHED train run' });
  }
  const doc = await loadVerifiedPackage(home, pkg.sha256, `the model package of run ${run.id}`);
  const dataset = run.dataset ?? doc.lineage.dataset;
  const lineage: ModelLineage = { run_id: run.id, dataset, parents: dataset ? await datasetParents(home, dataset.name, dataset.version) : [] };
  // The run already references the package, so no pending record is needed: it cannot be swept.
  return home.meta.addModelVersion(fromDocument(doc, pkg.sha256, { kind: 'run', location: run.id }, lineage, opts), patchOf(opts));
}

/** Copies a package folder into the store, verifying each file against its manifest, and registers it. */
export async function registerPackageFolder(home: Home, dir: string, opts: RegisterOptions): Promise<Registered> {
  const staging = home.stagingDir();
  try {
    const staged = stagePackageFolder(dir, staging);
    await checkLoads(staged.doc, dir);
    const dataset = staged.doc.lineage.dataset;
    // Parents are known only when this home holds the very dataset version the package names.
    const here = dataset ? await home.meta.getDatasetVersion(dataset.name, dataset.version) : undefined;
    const parents = here && dataset && here.hash === dataset.hash ? await datasetParents(home, dataset.name, dataset.version) : [];
    // A manifest can be rehashed by anyone: the run's lineage is believed only if that run stored this very package.
    const claimed = staged.doc.lineage.run_id ?? null;
    const run = claimed ? await home.meta.getRun(claimed) : undefined;
    const own = run?.artifacts.some((a) => a.kind === 'package' && a.sha256 === staged.sha256) === true;
    const lineage: ModelLineage = own ? { run_id: claimed, dataset, parents } : { run_id: null, dataset, parents, imported: { claimed_run_id: claimed } };
    const v = fromDocument(staged.doc, staged.sha256, { kind: 'package', location: resolve(dir) }, lineage, opts);
    const pending = await home.beginPending(staged.sha256);
    try {
      await home.artifacts.putDirectory(staged.path);
      return await home.meta.addModelVersion(v, patchOf(opts), pending);
    } catch (e) {
      await home.abandon(pending, staged.sha256);
      throw e;
    }
  } finally {
    home.releaseStaging(staging);
  }
}

/**
 * The load-and-check serving does (the verified document rebuilt into a
 * Predictor), run before a version exists: a version that is registered loads.
 */
async function checkLoads(doc: ModelDocument, dir: string): Promise<void> {
  // Loaded on demand, as the server's loader does: predict imports the registry.
  const { Predictor } = await import('../predict/index.js');
  try {
    Predictor.fromDocument(doc);
  } catch (cause) {
    const msg = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new LatheError('BAD_INPUT', `${dir}: the model package does not load: ${msg}`, { hint: 'register a package written by `lathe train` or `lathe model export`, unedited', cause });
  }
}

/** Finds a run by id or unique prefix. */
async function findRun(home: Home, ref: string): Promise<RunRecord> {
  const exact = await home.meta.getRun(ref);
  if (exact) return exact;
  const matches = ref === '' ? [] : (await home.meta.listRuns()).filter((r) => r.id.startsWith(ref));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw new LatheError('BAD_REF', `run id "${ref}" is ambiguous: it matches ${matches.length} runs`, { hint: 'give more characters of the id' });
  throw new LatheError('NOT_FOUND', `"${ref}" is not a run id, a package folder or an .onnx file`, {
    hint: 'pass a run id from `lathe runs`, a folder with manifest.json, or a path to file.onnx',
  });
}

function fromDocument(doc: ModelDocument, artifact: string, source: NewModelVersion['source'], lineage: ModelLineage, opts: RegisterOptions): NewModelVersion {
  return {
    model: opts.name,
    artifact,
    format: 'lathe',
    task: doc.task,
    signature: doc.signature,
    metrics: doc.metrics,
    lineage,
    source,
    created_by: opts.actor ?? currentActor(),
  };
}
