import type { ActiveRollout, ModelPool } from './model-pool.js';
import { DEFAULT_SERVE_ALIAS } from './model-pool.js';
import type { ServedModel } from './served-model.js';
import { inSplit, trafficBucket } from '../rollout/traffic-split.js';

/** Which loaded model answers a request, and what else sees it. */
export interface Routed {
  ok: true;
  model: ServedModel;
  /** The alias the request was routed by, or null for an explicit version. */
  alias: string | null;
  /** `canary` when a canary split took the request. */
  role: 'primary' | 'canary';
  /** A shadow to mirror the request to after the response, when its split took it. */
  shadow: ServedModel | null;
}

/** Why no model answers: 404 unknown, 503 known but not loaded. */
export interface NotRouted {
  ok: false;
  status: 404 | 503;
  message: string;
  hint: string;
}

const VERSION_RE = /^[1-9][0-9]{0,8}$/;

/**
 * Routes `name[/versions/<segment>]` to a loaded model. The segment is a
 * version number or an alias; without one, the `production` alias, or the
 * newest loaded version when the model has no `production` alias. Canary and
 * shadow splits apply to alias routes only: an explicit version is what the
 * caller asked for.
 */
export function resolveServed(pool: ModelPool, name: string, segment: string | undefined, routingId: string | null): Routed | NotRouted {
  const s = pool.models.get(name);
  if (!s) return { ok: false, status: 404, message: `model "${name}" is not served here`, hint: 'GET /v1/admin/models (admin) or `lathe models` lists the models; the server picks up new ones within seconds' };
  if (segment !== undefined && VERSION_RE.test(segment)) {
    const n = Number(segment);
    const m = s.versions.get(n);
    if (m) return { ok: true, model: m, alias: null, role: 'primary', shadow: null };
    const p = s.pending.get(n);
    if (p) return { ok: false, status: 503, message: `model "${name}" version ${n} is not loaded${p.error ? ' (its load failed)' : ' yet'}`, hint: 'retry shortly, or use another version; the server log and lathe_model_load_failures_total say why' };
    return { ok: false, status: 404, message: `model "${name}" has no version ${n} served here`, hint: `served versions: ${[...s.versions.keys()].join(', ') || 'none'}` };
  }
  const alias = segment ?? DEFAULT_SERVE_ALIAS;
  const v = s.aliases.get(alias) ?? (segment === undefined ? newest(s.versions) : undefined);
  const m = v === undefined ? undefined : s.versions.get(v);
  if (!m) {
    if (segment === undefined && s.pending.size > 0) return { ok: false, status: 503, message: `model "${name}" has no loaded version yet`, hint: 'retry shortly; the server log says why a load failed' };
    return { ok: false, status: 404, message: `model "${name}" has no alias "${alias}" served here`, hint: `aliases: ${[...s.aliases.keys()].join(', ') || 'none'}; name a version as /versions/N` };
  }
  if (!s.aliases.has(alias)) return { ok: true, model: m, alias: null, role: 'primary', shadow: null };
  const canary = s.canary.get(alias);
  const shadow = s.shadow.get(alias);
  let model = m;
  let role: Routed['role'] = 'primary';
  if (canary && canary.model !== m && inSplit(trafficBucket(routingId), canary.percent)) {
    model = canary.model;
    role = 'canary';
  }
  return { ok: true, model, alias, role, shadow: pickShadow(shadow, model) };
}

function pickShadow(shadow: ActiveRollout | undefined, answering: ServedModel): ServedModel | null {
  if (!shadow || shadow.model === answering) return null;
  // Shadow traffic is sampled independently of the canary split, at random.
  return inSplit(trafficBucket(null), shadow.percent) ? shadow.model : null;
}

function newest(versions: Map<number, ServedModel>): number | undefined {
  let best: number | undefined;
  for (const v of versions.keys()) if (best === undefined || v > best) best = v;
  return best;
}
