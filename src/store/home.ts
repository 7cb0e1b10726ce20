import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { newId } from '../core/index.js';
import type { ArtifactStore } from './artifact-store.js';
import { FsArtifactStore } from './fs/fs-artifact-store.js';
import type { MetadataStore } from './metadata-store.js';
import { processAlive, writerGone } from './process-alive.js';
import { openArtifactStore, openMetadataStore } from './registry.js';

/** Options for {@link Home.open}. */
export interface HomeOptions {
  /** The home folder; default `$LATHE_HOME` or `./.lathe`. */
  dir?: string;
  /** Metadata store URI; default `$LATHE_METADATA_URI` or `sqlite:<home>/lathe.db`. */
  metadataUri?: string;
  /** Artifact store URI; default `$LATHE_ARTIFACT_URI` or `file:<home>/artifacts`. */
  artifactUri?: string;
}

/**
 * The home folder: all of Lathe's state. Opening it opens both stores and
 * sweeps what crashed writers left behind (temp folders, pending artifacts).
 *
 * @example
 * ```ts
 * const home = await Home.open({ dir: '.lathe' });
 * try { console.log(await home.meta.listDatasets()); } finally { await home.close(); }
 * ```
 */
export class Home {
  readonly dir: string;
  readonly meta: MetadataStore;
  readonly artifacts: ArtifactStore;
  private readonly staging: string[] = [];

  private constructor(dir: string, meta: MetadataStore, artifacts: ArtifactStore) {
    this.dir = dir;
    this.meta = meta;
    this.artifacts = artifacts;
  }

  static async open(opts: HomeOptions = {}): Promise<Home> {
    const dir = resolve(opts.dir ?? process.env.LATHE_HOME ?? '.lathe');
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    const meta = await openMetadataStore(opts.metadataUri ?? process.env.LATHE_METADATA_URI ?? `sqlite:${join(dir, 'lathe.db')}`);
    let artifacts: ArtifactStore;
    try {
      artifacts = await openArtifactStore(opts.artifactUri ?? process.env.LATHE_ARTIFACT_URI ?? `file:${join(dir, 'artifacts')}`);
    } catch (e) {
      await meta.close();
      throw e;
    }
    const home = new Home(dir, meta, artifacts);
    await home.sweep();
    return home;
  }

  /** A fresh private temp folder under the home, removed by {@link close}. */
  stagingDir(): string {
    const d = join(this.dir, 'tmp', `${process.pid}-${randomBytes(6).toString('hex')}`);
    mkdirSync(d, { recursive: true });
    this.staging.push(d);
    return d;
  }

  /** Removes a staging folder now. */
  releaseStaging(d: string): void {
    rmSync(d, { recursive: true, force: true });
    const i = this.staging.indexOf(d);
    if (i >= 0) this.staging.splice(i, 1);
  }

  /**
   * Records that an artifact is about to be stored before its row commits.
   * Returns the pending id to pass to the commit (or to {@link abandon}).
   */
  async beginPending(artifactSha256: string): Promise<string> {
    const id = newId();
    await this.meta.addPending({ id, artifact: artifactSha256, pid: process.pid, host: hostname(), created: new Date().toISOString() });
    return id;
  }

  /** Undoes a pending write whose commit failed: the artifact goes unless another row uses it. */
  async abandon(pendingId: string, artifactSha256: string): Promise<void> {
    if (!(await this.inUse(artifactSha256, pendingId))) await this.artifacts.delete(artifactSha256);
    await this.meta.removePending(pendingId);
  }

  /**
   * Stores bytes as an artifact and runs `commit` to point a row at it, with
   * the pending protocol: the artifact is recorded as pending first, so a
   * crash before `commit` finishes leaves nothing the sweep keeps. `commit`
   * must clear the pending record in its own transaction (the stores'
   * write methods take a `pendingId` for that).
   */
  async commitBytes<T>(bytes: Uint8Array, commit: (sha256: string, pendingId: string) => Promise<T>): Promise<T> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const pending = await this.beginPending(sha256);
    try {
      await this.artifacts.putBytes(bytes);
      return await commit(sha256, pending);
    } catch (e) {
      await this.abandon(pending, sha256);
      throw e;
    }
  }

  /**
   * Deletes an artifact a row no longer points to, unless another committed
   * row or a live writer's pending record still needs it. Returns whether it went.
   */
  async releaseArtifact(sha256: string): Promise<boolean> {
    if (await this.inUse(sha256, '')) return false;
    await this.artifacts.delete(sha256);
    return true;
  }

  /** Removes what writers that died left: temp folders and uncommitted artifacts. */
  async sweep(): Promise<{ tempDirs: number; artifacts: number; runs: number }> {
    let tempDirs = 0;
    let artifacts = 0;
    let runs = 0;
    // Runs first: a run's pending package must be swept once its run is KILLED.
    for (const r of await this.meta.runningRuns()) {
      const dead = (r.host === hostname() && !processAlive(r.pid)) || Date.parse(r.lease_until) < Date.now();
      if (!dead) continue;
      await this.meta.finishRun(r.id, 'KILLED', { code: 'KILLED', message: 'the process running it stopped without finishing it' });
      runs++;
    }
    for (const name of readdirSync(join(this.dir, 'tmp'))) {
      const pid = Number(name.split('-')[0]);
      if (!processAlive(pid)) {
        rmSync(join(this.dir, 'tmp', name), { recursive: true, force: true });
        tempDirs++;
      }
    }
    if (this.artifacts instanceof FsArtifactStore) {
      for (const f of this.artifacts.strayTempFiles()) {
        if (!processAlive(Number(basename(f).split('-')[1]))) rmSync(f, { force: true });
      }
    }
    for (const p of await this.meta.listPending()) {
      if (!writerGone(p.pid, p.host, p.created)) continue;
      if (!(await this.inUse(p.artifact, p.id))) {
        await this.artifacts.delete(p.artifact);
        artifacts++;
      }
      await this.meta.removePending(p.id);
    }
    return { tempDirs, artifacts, runs };
  }

  /** True when a committed row, or another live writer's pending record, needs the artifact. */
  private async inUse(sha256: string, exceptPendingId: string): Promise<boolean> {
    if (await this.meta.isArtifactReferenced(sha256)) return true;
    const others = await this.meta.listPending();
    return others.some((o) => o.id !== exceptPendingId && o.artifact === sha256 && !writerGone(o.pid, o.host, o.created));
  }

  async close(): Promise<void> {
    for (const d of [...this.staging]) this.releaseStaging(d);
    await this.meta.close();
  }
}
