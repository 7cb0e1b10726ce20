import type Database from 'better-sqlite3';
import { LatheError } from '../../errors.js';
import type {
  AliasAuditEntry,
  AliasDecision,
  AliasMove,
  ModelPatch,
  ModelRecord,
  ModelVersionRecord,
  ModelVersionStatus,
  NewModelVersion,
} from '../model-record.js';

interface ModelRow {
  name: string;
  description: string;
  tags: string;
  last_version: number;
  created: string;
  updated: string;
}

interface VersionRow {
  model: string;
  version: number;
  artifact: string;
  format: 'lathe' | 'onnx';
  task: string | null;
  signature: string | null;
  metrics: string;
  lineage: string;
  source: string;
  status: ModelVersionStatus;
  created: string;
  created_by: string;
}

interface AuditRow extends Omit<AliasAuditEntry, 'decision'> {
  decision: string | null;
}

/**
 * The model registry of the SQLite metadata store: models, versions,
 * aliases and the alias audit trail. Every write is one IMMEDIATE
 * transaction, so concurrent processes serialise on SQLite's lock: the last
 * alias move wins and every move has its audit line.
 */
export class SqliteRegistry {
  constructor(private readonly db: Database.Database) {}

  addVersion(v: NewModelVersion, patch: ModelPatch, pendingId?: string): { record: ModelVersionRecord; created: boolean } {
    return this.db.transaction(() => {
      const now = new Date().toISOString();
      const model = this.db.prepare('SELECT * FROM models WHERE name = ?').get(v.model) as ModelRow | undefined;
      if (!model) {
        this.db
          .prepare('INSERT INTO models (name, description, tags, last_version, created, updated) VALUES (?, ?, ?, 0, ?, ?)')
          .run(v.model, patch.description ?? '', JSON.stringify(patch.tags ?? {}), now, now);
      } else if (patch.description !== undefined || patch.tags !== undefined) {
        const tags = { ...JSON.parse(model.tags), ...(patch.tags ?? {}) };
        this.db
          .prepare('UPDATE models SET description = ?, tags = ?, updated = ? WHERE name = ?')
          .run(patch.description ?? model.description, JSON.stringify(tags), now, v.model);
      }
      if (pendingId) this.db.prepare('DELETE FROM pending_writes WHERE id = ?').run(pendingId);
      // The same package registered again under the same name (a retry) is the same version.
      const same = this.db.prepare('SELECT * FROM model_versions WHERE model = ? AND artifact = ?').get(v.model, v.artifact) as VersionRow | undefined;
      if (same) return { record: toVersion(same), created: false };
      // Numbers come from a counter, never MAX(version): a deleted number is never given again,
      // so the audit trail's version numbers keep meaning one package.
      const next = (model?.last_version ?? 0) + 1;
      this.db
        .prepare(
          `INSERT INTO model_versions (model, version, artifact, format, task, signature, metrics, lineage, source, status, created, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'READY', ?, ?)`,
        )
        .run(v.model, next, v.artifact, v.format, v.task, json(v.signature), JSON.stringify(v.metrics), JSON.stringify(v.lineage),
          JSON.stringify(v.source), now, v.created_by);
      this.db.prepare('UPDATE models SET last_version = ?, updated = ? WHERE name = ?').run(next, now, v.model);
      return { record: this.version(v.model, next)!, created: true };
    }).immediate();
  }

  model(name: string): ModelRecord | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE name = ?').get(name) as ModelRow | undefined;
    return row ? this.toModel(row) : undefined;
  }

  models(): ModelRecord[] {
    return (this.db.prepare('SELECT * FROM models ORDER BY name').all() as ModelRow[]).map((r) => this.toModel(r));
  }

  version(name: string, version: number): ModelVersionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM model_versions WHERE model = ? AND version = ?').get(name, version) as VersionRow | undefined;
    return row ? toVersion(row) : undefined;
  }

  versions(name: string): ModelVersionRecord[] {
    return (this.db.prepare('SELECT * FROM model_versions WHERE model = ? ORDER BY version').all(name) as VersionRow[]).map(toVersion);
  }

  setStatus(name: string, version: number, status: ModelVersionStatus): ModelVersionRecord {
    return this.db.transaction(() => {
      this.need(name, version);
      const held = this.aliasesOf(name, version);
      if (status === 'ARCHIVED' && held.length > 0) {
        throw new LatheError('CONFLICT', `${name}:${version} cannot be archived while ${aliasList(name, held)} point${held.length > 1 ? '' : 's'} at it`, {
          hint: `move or remove the alias first: lathe alias set ${name} ${held[0]} <version>, or lathe alias rm ${name} ${held[0]}`,
        });
      }
      this.db.prepare('UPDATE model_versions SET status = ? WHERE model = ? AND version = ?').run(status, name, version);
      return this.version(name, version)!;
    }).immediate();
  }

  deleteVersion(name: string, version: number): ModelVersionRecord {
    return this.db.transaction(() => {
      const rec = this.need(name, version);
      const held = this.aliasesOf(name, version);
      if (held.length > 0) {
        throw new LatheError('CONFLICT', `${name}:${version} cannot be deleted while ${aliasList(name, held)} point${held.length > 1 ? '' : 's'} at it`, {
          hint: `move or remove the alias first: lathe alias set ${name} ${held[0]} <version>, or lathe alias rm ${name} ${held[0]}`,
        });
      }
      this.db.prepare('DELETE FROM model_versions WHERE model = ? AND version = ?').run(name, version);
      return rec;
    }).immediate();
  }

  moveAlias(m: AliasMove): AliasAuditEntry {
    return this.db.transaction(() => {
      const old = this.aliasVersion(m.model, m.alias);
      if (m.expect !== undefined && m.expect !== old) {
        throw new LatheError('CONFLICT', `${m.model}@${m.alias} moved to ${old === null ? 'nothing' : `version ${old}`} while this command ran`, {
          hint: 'run the command again to decide against the new state',
        });
      }
      if (m.version === null) {
        if (old === null) throw new LatheError('NOT_FOUND', `model "${m.model}" has no alias "${m.alias}"`, { hint: `see the aliases with \`lathe model show ${m.model}\`` });
        this.db.prepare('DELETE FROM model_aliases WHERE model = ? AND alias = ?').run(m.model, m.alias);
      } else {
        const rec = this.need(m.model, m.version);
        if (rec.status === 'ARCHIVED') {
          throw new LatheError('CONFLICT', `${m.model}:${m.version} is archived and cannot take the alias "${m.alias}"`, {
            hint: 'pick a version that is not archived (see `lathe model show`)',
          });
        }
        this.db
          .prepare('INSERT INTO model_aliases (model, alias, version, updated) VALUES (?, ?, ?, ?) ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version, updated = excluded.updated')
          .run(m.model, m.alias, m.version, new Date().toISOString());
      }
      return this.audit(m.model, m.alias, m.action, old, m.version, m.actor, m.message, m.decision);
    }).immediate();
  }

  recordDecision(d: AliasDecision): AliasAuditEntry {
    return this.db.transaction(() => {
      this.need(d.model, d.candidate);
      const current = this.aliasVersion(d.model, d.alias);
      return this.audit(d.model, d.alias, 'promote_refused', current, current, d.actor, d.message, d.decision);
    }).immediate();
  }

  auditTrail(name: string, alias?: string): AliasAuditEntry[] {
    const rows = (alias === undefined
      ? this.db.prepare('SELECT * FROM alias_audit WHERE model = ? ORDER BY seq').all(name)
      : this.db.prepare('SELECT * FROM alias_audit WHERE model = ? AND alias = ? ORDER BY seq').all(name, alias)) as AuditRow[];
    return rows.map((r) => ({ ...r, decision: r.decision === null ? null : JSON.parse(r.decision) }));
  }

  /** True when any registered version stores this artifact. */
  references(sha256: string): boolean {
    return this.db.prepare('SELECT 1 FROM model_versions WHERE artifact = ? LIMIT 1').get(sha256) !== undefined;
  }

  private audit(
    model: string, alias: string, action: AliasAuditEntry['action'], old: number | null, next: number | null,
    actor: string, message: string | null, decision: unknown,
  ): AliasAuditEntry {
    const at = new Date().toISOString();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO alias_audit (model, alias, action, old_version, new_version, actor, at, message, decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(model, alias, action, old, next, actor, at, message, json(decision));
    return { seq: Number(lastInsertRowid), model, alias, action, old_version: old, new_version: next, actor, at, message, decision: decision ?? null };
  }

  private need(name: string, version: number): ModelVersionRecord {
    const rec = this.version(name, version);
    if (rec) return rec;
    if (!this.db.prepare('SELECT 1 FROM models WHERE name = ?').get(name)) {
      throw new LatheError('NOT_FOUND', `model "${name}" does not exist`, { hint: 'run `lathe models` to list registered models' });
    }
    throw new LatheError('NOT_FOUND', `model "${name}" has no version ${version}`, { hint: `see its versions with \`lathe model show ${name}\`` });
  }

  private aliasVersion(name: string, alias: string): number | null {
    const row = this.db.prepare('SELECT version FROM model_aliases WHERE model = ? AND alias = ?').get(name, alias) as { version: number } | undefined;
    return row?.version ?? null;
  }

  private aliasesOf(name: string, version: number): string[] {
    return (this.db.prepare('SELECT alias FROM model_aliases WHERE model = ? AND version = ? ORDER BY alias').all(name, version) as { alias: string }[]).map(
      (r) => r.alias,
    );
  }

  private toModel(r: ModelRow): ModelRecord {
    const stats = this.db.prepare('SELECT COUNT(*) AS n, MAX(version) AS latest FROM model_versions WHERE model = ?').get(r.name) as {
      n: number;
      latest: number | null;
    };
    const aliases = this.db.prepare('SELECT alias, version FROM model_aliases WHERE model = ? ORDER BY alias').all(r.name) as { alias: string; version: number }[];
    return {
      name: r.name,
      description: r.description,
      tags: JSON.parse(r.tags),
      created: r.created,
      updated: r.updated,
      latest: stats.latest,
      versions: stats.n,
      // Null prototype: an alias named constructor or __proto__ must not find Object.prototype's members.
      aliases: Object.assign(Object.create(null) as Record<string, number>, Object.fromEntries(aliases.map((a) => [a.alias, a.version]))),
    };
  }
}

function aliasList(name: string, aliases: string[]): string {
  return aliases.map((a) => `${name}@${a}`).join(', ');
}

function json(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

function toVersion(r: VersionRow): ModelVersionRecord {
  const metrics = JSON.parse(r.metrics) as Record<string, number | null>;
  return {
    ...r,
    signature: r.signature === null ? null : JSON.parse(r.signature),
    // JSON has no NaN: a metric that was NaN comes back as null and is restored.
    metrics: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, v ?? NaN])),
    lineage: JSON.parse(r.lineage),
    source: JSON.parse(r.source),
  };
}
