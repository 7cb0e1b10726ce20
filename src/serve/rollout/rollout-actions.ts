import { assertValidName } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import { DEFAULT_ALIAS, assertAliasName, needModel } from '../../registry/index.js';
import type { AliasAuditEntry, Home } from '../../store/index.js';
import type { RolloutKind, RolloutRecord, ServeStore } from '../store/serve-store.js';

/** Who asks, and why: kept in the server audit log (and the alias audit trail on promote). */
export interface Actor {
  actor: string;
  message?: string | null;
}

/** A request to start a canary or a shadow on `model@alias`. */
export interface StartRollout extends Actor {
  model: string;
  alias?: string;
  kind: RolloutKind;
  version: number;
  percent: number;
}

/**
 * Starts (or re-aims) a canary or shadow. The alias must exist and the
 * version must be READY and differ from the alias's version. Running
 * servers pick it up on their next poll, once the version is loaded.
 *
 * @example
 * ```ts
 * await startRollout(home, store, { model: 'churn', kind: 'canary', version: 4, percent: 10, actor: 'ci' });
 * ```
 */
export async function startRollout(home: Home, store: ServeStore, r: StartRollout): Promise<RolloutRecord> {
  const alias = assertAliasName(r.alias ?? DEFAULT_ALIAS);
  const model = await needModel(home, assertValidName('model', r.model));
  if (!Number.isFinite(r.percent) || r.percent < 0 || r.percent > 100) {
    throw new LatheError('BAD_USAGE', `--percent ${r.percent} is not between 0 and 100`, { hint: 'pass a percentage such as --percent 10' });
  }
  const current = model.aliases[alias];
  if (current === undefined) {
    throw new LatheError('NOT_FOUND', `model "${r.model}" has no alias "${alias}" to roll out on`, { hint: `set it first: \`lathe alias set ${r.model} ${alias} <version>\`` });
  }
  const v = await home.meta.getModelVersion(r.model, r.version);
  if (!v) throw new LatheError('NOT_FOUND', `model "${r.model}" has no version ${r.version}`, { hint: `see \`lathe model show ${r.model}\`` });
  if (v.status !== 'READY') throw new LatheError('CONFLICT', `${r.model}:${r.version} is archived`, { hint: `unarchive it first, or pick a READY version` });
  if (current === r.version) throw new LatheError('CONFLICT', `${r.model}@${alias} already points at version ${r.version}`, { hint: 'a rollout needs a version other than the one the alias serves' });
  const rec: RolloutRecord = { model: r.model, alias, kind: r.kind, version: r.version, percent: r.percent, started: new Date().toISOString(), actor: r.actor };
  await store.putRollout(rec);
  await store.appendAudit({ at: rec.started, actor: r.actor, action: `rollout.${r.kind}`, target: `${r.model}@${alias}`, detail: { version: r.version, percent: r.percent, from: current, message: r.message ?? null } });
  return rec;
}

/**
 * Ends a canary by moving the alias to the canary's version (an audited
 * `promote` move, guarded against a concurrent move) and removing the canary.
 */
export async function promoteCanary(home: Home, store: ServeStore, model: string, aliasName: string | undefined, who: Actor): Promise<AliasAuditEntry> {
  const alias = assertAliasName(aliasName ?? DEFAULT_ALIAS);
  const rec = await needModel(home, assertValidName('model', model));
  const canary = (await store.listRollouts(model)).find((r) => r.alias === alias && r.kind === 'canary');
  if (!canary) throw new LatheError('NOT_FOUND', `no canary runs on ${model}@${alias}`, { hint: `start one with \`lathe rollout ${model} --canary <version> --percent 10\`` });
  const entry = await home.meta.moveAlias({
    model, alias, version: canary.version, action: 'promote', actor: who.actor, message: who.message ?? `canary promoted after ${canary.percent}%`,
    decision: { via: 'rollout', canary_percent: canary.percent, started: canary.started }, expect: rec.aliases[alias] ?? null,
  });
  await store.deleteRollouts(model, alias, 'canary');
  await store.appendAudit({ at: entry.at, actor: who.actor, action: 'rollout.promote', target: `${model}@${alias}`, detail: { from: entry.old_version, to: entry.new_version, message: who.message ?? null } });
  return entry;
}

/** Ends the canary, the shadow, or both (`kind` undefined) on `model@alias`; NOT_FOUND when none runs. */
export async function abortRollout(home: Home, store: ServeStore, model: string, aliasName: string | undefined, who: Actor, kind?: RolloutKind): Promise<RolloutRecord[]> {
  const alias = assertAliasName(aliasName ?? DEFAULT_ALIAS);
  await needModel(home, assertValidName('model', model));
  const removed = await store.deleteRollouts(model, alias, kind);
  if (removed.length === 0) throw new LatheError('NOT_FOUND', `no ${kind ?? 'rollout'} runs on ${model}@${alias}`, { hint: `\`lathe rollout ${model} --status\` shows what runs` });
  await store.appendAudit({ at: new Date().toISOString(), actor: who.actor, action: 'rollout.abort', target: `${model}@${alias}`, detail: { ended: removed.map((r) => ({ kind: r.kind, version: r.version, percent: r.percent })), message: who.message ?? null } });
  return removed;
}
