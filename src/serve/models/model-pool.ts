import { DEFAULT_ALIAS } from '../../registry/index.js';
import { type LatheError, toLatheError } from '../../errors.js';
import type { Home, ModelVersionRecord } from '../../store/index.js';
import type { RolloutRecord, ServeStore } from '../store/serve-store.js';
import { loadServedModel } from './model-loaders.js';
import type { ServedModel } from './served-model.js';

/** A canary or shadow in force: its version is loaded. */
export interface ActiveRollout {
  model: ServedModel;
  percent: number;
}

/** What the server knows of one model: only loaded versions are ever routed to. */
export interface ModelState {
  name: string;
  versions: Map<number, ServedModel>;
  /** Alias → loaded version. An alias moves only once its new version is loaded. */
  aliases: Map<string, number>;
  /** Versions in the registry that are not (yet) loaded: loading, or failed. */
  pending: Map<number, { error: LatheError | null; retryAt: number; failures: number }>;
  /** Canary and shadow per alias, when their versions are loaded. */
  canary: Map<string, ActiveRollout>;
  shadow: Map<string, ActiveRollout>;
}

/** Callbacks the pool reports through (metrics and logs). */
export interface PoolEvents {
  loaded(m: ServedModel, ms: number): void;
  loadFailed(model: string, version: number, err: LatheError): void;
  aliasMoved(model: string, alias: string, from: number | null, to: number | null): void;
}

/** Options of a {@link ModelPool}. */
export interface ModelPoolOptions {
  /** Model names to serve, or null for every registered model (new ones included). */
  models: readonly string[] | null;
  events: PoolEvents;
  /** Injected for tests of the retry backoff. */
  loader?: (home: Home, v: ModelVersionRecord) => Promise<ServedModel>;
}

/**
 * The models the server answers with. {@link refresh} reads the registry and
 * the rollouts, loads and warms any new version, and only then moves aliases
 * to it, so no request ever waits for a load. A version that fails to load
 * is retried with backoff while the alias keeps its old, loaded version.
 */
export class ModelPool {
  readonly models = new Map<string, ModelState>();
  private refreshing: Promise<void> | null = null;
  private rerun = false;

  constructor(
    private readonly home: Home,
    private readonly store: ServeStore,
    private readonly opts: ModelPoolOptions,
  ) {}

  /** Brings the pool up to date with the registry; concurrent calls share one pass (plus one more if asked during it). */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.rerun = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.rerun = false;
          await this.pass();
        } while (this.rerun);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** True when every served model that has versions has at least one loaded. */
  allReady(): boolean {
    for (const s of this.models.values()) if (s.versions.size === 0 && s.pending.size > 0) return false;
    return true;
  }

  private async pass(): Promise<void> {
    const names = this.opts.models ?? (await this.home.meta.listModels()).map((m) => m.name);
    const rollouts = await this.store.listRollouts();
    for (const name of names) await this.refreshModel(name, rollouts.filter((r) => r.model === name));
    if (this.opts.models === null) for (const name of this.models.keys()) if (!names.includes(name)) this.models.delete(name);
  }

  private async refreshModel(name: string, rollouts: RolloutRecord[]): Promise<void> {
    const record = await this.home.meta.getModel(name);
    let s = this.models.get(name);
    if (!record) {
      if (s) this.models.delete(name);
      return;
    }
    if (!s) {
      s = { name, versions: new Map(), aliases: new Map(), pending: new Map(), canary: new Map(), shadow: new Map() };
      this.models.set(name, s);
    }
    const ready = (await this.home.meta.listModelVersions(name)).filter((v) => v.status === 'READY');
    const wanted = new Set(ready.map((v) => v.version));
    for (const v of ready) if (!s.versions.has(v.version)) await this.load(s, v);
    this.moveAliases(s, record.aliases);
    for (const [n, m] of [...s.versions]) {
      if (wanted.has(n) || [...s.aliases.values()].includes(n)) continue;
      s.versions.delete(n);
      // In-flight requests hold their own reference; a native session is freed once they are done.
      setTimeout(() => void m.close?.().catch(() => {}), 30_000).unref();
    }
    for (const n of [...s.pending.keys()]) if (!wanted.has(n)) s.pending.delete(n);
    s.canary = active(s, rollouts, 'canary');
    s.shadow = active(s, rollouts, 'shadow');
  }

  private async load(s: ModelState, v: ModelVersionRecord): Promise<void> {
    const p = s.pending.get(v.version) ?? { error: null, retryAt: 0, failures: 0 };
    if (Date.now() < p.retryAt) return;
    s.pending.set(v.version, p);
    const t0 = performance.now();
    try {
      const m = await (this.opts.loader ?? loadServedModel)(this.home, v);
      s.versions.set(v.version, m);
      s.pending.delete(v.version);
      this.opts.events.loaded(m, performance.now() - t0);
    } catch (e) {
      p.error = toLatheError(e);
      p.failures++;
      // 1 s, 2 s, 4 s ... up to a minute: a damaged package is not hammered, a transient error heals.
      p.retryAt = Date.now() + Math.min(60_000, 1000 * 2 ** (p.failures - 1));
      this.opts.events.loadFailed(v.model, v.version, p.error);
    }
  }

  private moveAliases(s: ModelState, aliases: Record<string, number>): void {
    for (const [alias, version] of Object.entries(aliases)) {
      const now = s.aliases.get(alias);
      if (now === version || !s.versions.has(version)) continue;
      s.aliases.set(alias, version);
      this.opts.events.aliasMoved(s.name, alias, now ?? null, version);
    }
    for (const alias of [...s.aliases.keys()]) {
      // Own keys only: a store may hand back a plain object, whose prototype answers to "constructor" or "toString".
      if (Object.hasOwn(aliases, alias)) continue;
      this.opts.events.aliasMoved(s.name, alias, s.aliases.get(alias) ?? null, null);
      s.aliases.delete(alias);
    }
  }
}

function active(s: ModelState, rollouts: RolloutRecord[], kind: 'canary' | 'shadow'): Map<string, ActiveRollout> {
  const out = new Map<string, ActiveRollout>();
  for (const r of rollouts) {
    const m = s.versions.get(r.version);
    if (r.kind === kind && m) out.set(r.alias, { model: m, percent: r.percent });
  }
  return out;
}

/** The alias a request without a version segment is routed by. */
export const DEFAULT_SERVE_ALIAS = DEFAULT_ALIAS;
