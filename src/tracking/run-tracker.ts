import { hostname } from 'node:os';
import { newId } from '../core/index.js';
import { type LatheError, toLatheError } from '../errors.js';
import type { Home, RunArtifact, RunPatch, RunRecord } from '../store/index.js';
import { gitCommit, latheVersion } from './provenance.js';

/** How often a run renews its lease, and how long a lease lasts. */
export const HEARTBEAT_MS = 10_000;
export const LEASE_MS = 60_000;

/** Options of {@link RunTracker.start}. */
export interface StartRun {
  experiment?: string;
  kind: string;
  parent?: string | null;
  params?: Record<string, unknown>;
  dataset?: RunRecord['dataset'];
  tags?: Record<string, string>;
}

/**
 * One tracked run: it holds a lease renewed by a heartbeat while the
 * process lives, and on SIGINT/SIGTERM it is marked KILLED before the
 * process exits. A run whose process dies without either is marked KILLED
 * by the next command's sweep.
 *
 * @example
 * ```ts
 * const run = await RunTracker.start(home, { kind: 'train', params: { algo: 'gbdt' } });
 * try { … await run.log({ metrics: { 'test.rmse': 1.2 } }); await run.finish(); }
 * catch (e) { await run.fail(e); throw e; }
 * ```
 */
export class RunTracker {
  private timer: NodeJS.Timeout | undefined;
  private readonly onSignal: (sig: NodeJS.Signals) => void;
  private readonly cleanups: (() => Promise<void> | void)[] = [];
  private ended = false;

  private constructor(private readonly home: Home, readonly id: string) {
    this.onSignal = (sig) => void this.killed(sig);
  }

  static async start(home: Home, o: StartRun): Promise<RunTracker> {
    const id = newId();
    await home.meta.createRun({
      id,
      experiment: o.experiment ?? 'default',
      parent: o.parent ?? null,
      kind: o.kind,
      params: o.params ?? {},
      dataset: o.dataset ?? null,
      tags: o.tags ?? {},
      lathe_version: latheVersion(),
      git_commit: gitCommit(),
      host: hostname(),
      pid: process.pid,
      lease_until: new Date(Date.now() + LEASE_MS).toISOString(),
    });
    const t = new RunTracker(home, id);
    t.timer = setInterval(() => {
      void home.meta.heartbeatRun(id, new Date(Date.now() + LEASE_MS).toISOString()).catch(() => {});
    }, HEARTBEAT_MS);
    t.timer.unref();
    process.on('SIGINT', t.onSignal);
    process.on('SIGTERM', t.onSignal);
    return t;
  }

  /** Merges params, metrics, tags; appends artifacts. */
  async log(patch: RunPatch): Promise<void> {
    await this.home.meta.updateRun(this.id, patch);
  }

  /** Appends step-wise values of one metric. */
  async logSteps(key: string, steps: readonly (readonly [number, number])[]): Promise<void> {
    if (steps.length > 0) await this.home.meta.logRunSteps(this.id, key, steps);
  }

  /** Adds an artifact already in the artifact store. */
  async addArtifact(a: RunArtifact): Promise<void> {
    await this.home.meta.updateRun(this.id, { artifacts: [a] });
  }

  /** Registers work to undo if the run is killed (e.g. removing a staging folder). */
  onKill(fn: () => Promise<void> | void): void {
    this.cleanups.push(fn);
  }

  /** Marks the run FINISHED; `pendingId` clears a pending package in the same transaction. */
  async finish(pendingId?: string): Promise<RunRecord> {
    this.stop();
    return this.home.meta.finishRun(this.id, 'FINISHED', null, pendingId);
  }

  /** Marks the run FAILED with the error (and details, such as an anomaly report). */
  async fail(e: unknown, details?: unknown): Promise<RunRecord> {
    this.stop();
    const err: LatheError = toLatheError(e);
    return this.home.meta.finishRun(this.id, 'FAILED', { code: err.code, message: err.message, details });
  }

  private async killed(sig: NodeJS.Signals): Promise<void> {
    if (this.ended) return;
    this.stop();
    try {
      for (const fn of this.cleanups.reverse()) await fn();
      await this.home.meta.finishRun(this.id, 'KILLED', { code: 'KILLED', message: `stopped by ${sig}` });
    } finally {
      process.exit(sig === 'SIGINT' ? 130 : 143);
    }
  }

  private stop(): void {
    this.ended = true;
    if (this.timer) clearInterval(this.timer);
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}
