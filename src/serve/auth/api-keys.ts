import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { assertValidName } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { ApiKeyRecord, Scope, ServeStore } from '../store/serve-store.js';

/** The scopes a key can have, weakest first. */
export const SCOPES: readonly Scope[] = ['read', 'predict', 'admin'];

const KEY_RE = /^lk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** A key as `lathe keys create` prints it once: the secret is never stored. */
export interface CreatedKey {
  record: ApiKeyRecord;
  /** `lk_<key_id>_<secret>`; show it once, then forget it. */
  key: string;
}

/** Checks a scope name from the command line or a route declaration. */
export function parseScope(text: string): Scope {
  if ((SCOPES as readonly string[]).includes(text)) return text as Scope;
  throw new LatheError('BAD_USAGE', `scope "${text.slice(0, 40)}" is not one of ${SCOPES.join(', ')}`, { hint: 'pass --scope read, --scope predict or --scope admin' });
}

/** True when a key of scope `has` may call a route that needs `needs` (admin ⊇ predict ⊇ read). */
export function scopeAllows(has: Scope, needs: Scope): boolean {
  return SCOPES.indexOf(has) >= SCOPES.indexOf(needs);
}

/**
 * Creates a key and stores only its salted hash. Keys carry 256 random
 * bits, so a plain salted sha256 is as strong as a slow hash would be, and it
 * lets the server check a key on every request without a cache of secrets.
 */
export async function createKey(store: ServeStore, name: string, scope: Scope, actor: string): Promise<CreatedKey> {
  assertValidName('key', name);
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  const record: ApiKeyRecord = { name, key_id: keyId, scope, salt, hash: hashSecret(salt, secret), created: new Date().toISOString(), created_by: actor, revoked: null };
  await store.addKey(record);
  return { record, key: `lk_${keyId}_${secret}` };
}

function hashSecret(salt: string, secret: string): string {
  return createHash('sha256').update(Buffer.from(salt, 'hex')).update(secret).digest('hex');
}

/**
 * The valid keys, held in memory by key id and refreshed from the store, so
 * checking a presented key costs one map lookup and one hash.
 */
export class KeyRing {
  private byId = new Map<string, ApiKeyRecord>();

  /** Replaces the keys with the store's valid ones. */
  set(records: readonly ApiKeyRecord[]): void {
    this.byId = new Map(records.filter((r) => r.revoked === null).map((r) => [r.key_id, r]));
  }

  get size(): number {
    return this.byId.size;
  }

  /** The record of a presented key, or null when it is malformed, unknown, revoked or wrong. */
  verify(presented: string): ApiKeyRecord | null {
    const m = KEY_RE.exec(presented);
    if (!m) return null;
    const rec = this.byId.get(m[1]);
    if (!rec) return null;
    const want = Buffer.from(rec.hash, 'hex');
    const got = Buffer.from(hashSecret(rec.salt, m[2]), 'hex');
    return want.length === got.length && timingSafeEqual(want, got) ? rec : null;
  }
}
