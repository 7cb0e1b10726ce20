import type { Command } from 'commander';
import type { AliasAuditEntry, DatasetLineageNode, ModelRecord, ModelVersionRecord } from '../../store/index.js';
import { clip, formatMetric, formatStarted } from '../format-run.js';
import { printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe models`: the registered models with their aliases. */
export function registerModels(program: Command): void {
  program
    .command('models')
    .description('list registered models: versions, aliases, description')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const models = await withHome(g, (home) => home.meta.listModels());
      if (g.json) return printJson({ models });
      if (models.length === 0) return println('no registered models yet: run `lathe model register <run-id> --name <name>`');
      printTable(['name', 'versions', 'latest', 'aliases', 'updated', 'description'],
        models.map((m) => [m.name, m.versions, m.latest ?? '-', clip(aliasText(m.aliases), 40), formatStarted(m.updated), clip(m.description, 40)]));
    });
}

/** `production=3, staging=4`. */
export function aliasText(aliases: Record<string, number>): string {
  return Object.entries(aliases).map(([a, v]) => `${a}=${v}`).join(', ');
}

/** Prints `lathe model show`: the model, its versions with lineage, and the alias audit trail. */
export function printModel(m: ModelRecord, versions: ModelVersionRecord[], audit: AliasAuditEntry[]): void {
  println(`model        ${m.name}`);
  if (m.description) println(`description  ${m.description}`);
  if (Object.keys(m.tags).length > 0) println(`tags         ${Object.entries(m.tags).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  println(`aliases      ${aliasText(m.aliases) || '(none)'}`);
  println(`created      ${m.created}`);
  println();
  if (versions.length === 0) println('no versions (every version was deleted)');
  else printVersions(m, versions);
  if (audit.length === 0) return;
  println();
  println('alias audit trail:');
  printTable(['at', 'alias', 'action', 'from', 'to', 'by', 'message'],
    audit.map((e) => [e.at.replace('T', ' ').slice(0, 19), e.alias, actionText(e), e.old_version ?? '-', e.new_version ?? '-', e.actor, clip(e.message ?? '', 50)]));
}

function printVersions(m: ModelRecord, versions: ModelVersionRecord[]): void {
  const held = new Map<number, string[]>();
  for (const [a, v] of Object.entries(m.aliases)) held.set(v, [...(held.get(v) ?? []), a]);
  printTable(['version', 'status', 'format', 'task', 'metric', 'aliases', 'created', 'by', 'lineage'],
    versions.map((v) => [v.version, v.status, v.format, v.task ?? '-', headline(v), (held.get(v.version) ?? []).join(','), formatStarted(v.created), v.created_by, lineageText(v)]));
}

/** The primary test metric a package recorded, as `roc_auc=0.97`. */
function headline(v: ModelVersionRecord): string {
  for (const k of ['test.roc_auc', 'test.log_loss', 'test.rmse', 'test.silhouette', 'test.accuracy']) {
    if (k in v.metrics) return `${k.slice(5)}=${formatMetric(v.metrics[k])}`;
  }
  return '';
}

/** `run abc… ← cars@2 ← raw@1`. */
export function lineageText(v: ModelVersionRecord): string {
  const parts: string[] = [];
  if (v.lineage.run_id) parts.push(`run ${v.lineage.run_id.slice(0, 10)}`);
  else parts.push(v.source.kind);
  if (v.lineage.dataset) parts.push(`${v.lineage.dataset.name}@${v.lineage.dataset.version}`);
  const parents = flatParents(v.lineage.parents);
  if (parents.length > 0) parts.push(parents.join(' + '));
  return parts.join(' ← ');
}

function flatParents(nodes: DatasetLineageNode[]): string[] {
  return nodes.flatMap((p) => {
    const up = flatParents(p.parents);
    return [`${p.name}@${p.version}${up.length ? ` (← ${up.join(' + ')})` : ''}`];
  });
}

function actionText(e: AliasAuditEntry): string {
  if (e.action !== 'promote_refused') return e.action;
  const candidate = (e.decision as { candidate?: unknown } | null)?.candidate;
  return typeof candidate === 'number' ? `refused :${candidate}` : 'refused';
}
