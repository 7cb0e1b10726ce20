import { assertValidName } from '../core/index.js';
import type { AliasAuditEntry, Home } from '../store/index.js';
import { currentActor } from './actor.js';
import { assertAliasName } from './model-ref.js';
import { needModel } from './resolve-version.js';

/** Why and by whom an alias moves. */
export interface AliasMoveOptions {
  /** Why (`--message`), kept in the audit trail. */
  message?: string;
  /** Who; default {@link currentActor}. */
  actor?: string;
}

/**
 * Points `model@alias` at a version and appends the move to the audit trail,
 * in one transaction. Concurrent moves from several processes serialise: the
 * last writer wins and each move has its line. An archived version is refused.
 *
 * @example
 * ```ts
 * await setAlias(home, 'churn', 'staging', 4, { message: 'candidate for Monday' });
 * ```
 */
export async function setAlias(home: Home, model: string, alias: string, version: number, o: AliasMoveOptions = {}): Promise<AliasAuditEntry> {
  assertValidName('model', model);
  assertAliasName(alias);
  await needModel(home, model);
  return home.meta.moveAlias({ model, alias, version, action: 'set', actor: o.actor ?? currentActor(), message: o.message ?? null });
}

/** Removes `model@alias`, with an audit line; NOT_FOUND when the alias is not set. */
export async function removeAlias(home: Home, model: string, alias: string, o: AliasMoveOptions = {}): Promise<AliasAuditEntry> {
  assertValidName('model', model);
  assertAliasName(alias);
  await needModel(home, model);
  return home.meta.moveAlias({ model, alias, version: null, action: 'remove', actor: o.actor ?? currentActor(), message: o.message ?? null });
}
