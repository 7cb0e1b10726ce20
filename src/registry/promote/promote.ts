import type { Frame } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { Task } from '../../estimators/index.js';
import { Predictor } from '../../predict/index.js';
import type { AliasAuditEntry, Home, ModelVersionRecord } from '../../store/index.js';
import { fitModel, scoreModel, type ModelDocument } from '../../train/index.js';
import { isMetricKey, PRIMARY_METRIC, type MetricKey } from '../../train/metrics/index.js';
import { currentActor } from '../actor.js';
import { assertAliasName, formatVersionRef } from '../model-ref.js';
import { loadVerifiedPackage } from '../package-integrity.js';
import { resolveModelVersion } from '../resolve-version.js';
import { checkGates, type GateResult, type Scores } from './check-gates.js';
import { evaluationData } from './evaluation-data.js';
import { defaultGates, parseGate } from './gate-expression.js';

/** What {@link promote} needs. */
export interface PromoteOptions {
  /** The candidate: `name:N` (or any ref that resolves to a version). */
  ref: string;
  /** The alias to move; default `production`. */
  alias?: string;
  /** A gate expression; default: primary metric not worse than the champion's, and better than the baseline. */
  gate?: string;
  /** Score on this dataset version instead of the candidate's own test split. */
  dataset?: string;
  message?: string;
  actor?: string;
}

/** The outcome of a promotion, as stored in the audit entry and printed by `lathe promote --json`. */
export interface PromotionResult {
  model: string;
  alias: string;
  candidate: number;
  /** The version the alias pointed at before; null when it pointed nowhere. */
  champion: number | null;
  passed: boolean;
  /** False when refused, or when the candidate already held the alias. */
  moved: boolean;
  primary_metric: string;
  gates: GateResult[];
  dataset: { label: string; name: string; version: number; rows: number };
  scores: { candidate: Scores; champion: Scores | null; baseline: Scores | null };
  audit: AliasAuditEntry | null;
  warnings: string[];
}

/**
 * Scores the candidate and the current champion (the version the alias
 * points at) on the same rows, checks the gate, and moves the alias only if
 * it holds. Either way the decision and the score sets go into the audit
 * trail. The move is refused (CONFLICT) if the alias moved while scoring.
 *
 * @example
 * ```ts
 * const r = await promote(home, { ref: 'churn:4', alias: 'production', gate: 'auc >= champion - 0.005' });
 * if (!r.passed) console.table(r.scores);
 * ```
 */
export async function promote(home: Home, o: PromoteOptions): Promise<PromotionResult> {
  const alias = assertAliasName(o.alias ?? 'production');
  const { model, version: cand } = await resolveModelVersion(home, o.ref);
  // A bad gate should fail before minutes of scoring.
  const userGates = o.gate !== undefined ? parseGate(o.gate) : null;
  if (cand.status === 'ARCHIVED') {
    throw new LatheError('CONFLICT', `${formatVersionRef(cand.model, cand.version)} is archived and cannot take the alias "${alias}"`, { hint: 'promote a version that is not archived' });
  }
  const championNo = model.aliases[alias] ?? null;
  const { scores, data, task, warnings } = await scoreAll(home, cand, championNo, o.dataset);
  const primary = await primaryMetric(home, cand, task);
  const gates = checkGates(userGates ?? defaultGates(primary), scores);
  const result: PromotionResult = {
    model: cand.model, alias, candidate: cand.version, champion: championNo,
    passed: gates.every((g) => g.passed), moved: false, primary_metric: primary, gates,
    dataset: { ...data.dataset, label: data.label, rows: data.frame.rows }, scores, audit: null, warnings,
  };
  // Already there: nothing moves and nothing is worth an audit line.
  if (championNo === cand.version) return result;
  // The audit line stores what was decided and on what scores; the move itself is the line.
  const { audit: _audit, warnings: _warnings, moved: _moved, ...decision } = result;
  const actor = o.actor ?? currentActor();
  const message = o.message ?? null;
  if (result.passed) {
    result.audit = await home.meta.moveAlias({ model: cand.model, alias, version: cand.version, action: 'promote', actor, message, decision, expect: championNo });
    result.moved = true;
  } else {
    result.audit = await home.meta.recordAliasDecision({ model: cand.model, alias, candidate: cand.version, actor, message, decision });
  }
  return result;
}

/** Scores the candidate, the champion and the baseline on the same evaluation rows. */
async function scoreAll(home: Home, cand: ModelVersionRecord, championNo: number | null, datasetRef: string | undefined) {
  const candDoc = await packageOf(home, cand);
  const champ = championNo !== null ? await home.meta.getModelVersion(cand.model, championNo) : undefined;
  const champDoc = champ ? (champ.version === cand.version ? candDoc : await packageOf(home, champ)) : null;
  if (champ && champDoc) sameProblem(cand, candDoc, champ, champDoc);
  const data = await evaluationData(home, cand, candDoc.target, datasetRef);
  const warnings: string[] = [];
  const scores = {
    candidate: score(candDoc, data.frame, warnings, 'candidate'),
    champion: champDoc ? score(champDoc, data.frame, warnings, 'champion') : null,
    baseline: await baselineScores(candDoc, data.train ?? data.frame, data.frame),
  };
  if (!data.train && scores.baseline) warnings.push('the baseline was fitted on the evaluation rows: the candidate has no recorded training rows');
  return { scores, data, task: candDoc.task, warnings };
}

async function packageOf(home: Home, v: ModelVersionRecord): Promise<ModelDocument> {
  if (v.format !== 'lathe') {
    throw new LatheError('UNSUPPORTED_FORMAT', `${formatVersionRef(v.model, v.version)} is an ${v.format} import, which promote cannot score yet`, {
      hint: `move the alias without a gate: lathe alias set ${v.model} <alias> ${v.version} --message <why>`,
    });
  }
  return loadVerifiedPackage(home, v.artifact, `the model package of ${formatVersionRef(v.model, v.version)}`);
}

/** Two models compete only on the same task and target. */
function sameProblem(cand: ModelVersionRecord, a: ModelDocument, champ: ModelVersionRecord, b: ModelDocument): void {
  if (a.task === b.task && a.target === b.target) return;
  throw new LatheError('BAD_INPUT', `${formatVersionRef(champ.model, champ.version)} is a ${b.task} model of "${b.target}", ${formatVersionRef(cand.model, cand.version)} a ${a.task} model of "${a.target}"`, {
    hint: 'a gate compares models of the same task and target; register this one under another name',
  });
}

function score(doc: ModelDocument, frame: Frame, warnings: string[], who: string): Scores {
  const target = doc.target && frame.has(doc.target) ? frame.column(doc.target) : null;
  if (doc.target && !target) throw new LatheError('BAD_INPUT', `the evaluation data has no target column "${doc.target}"`, { hint: 'pass a --dataset that has it' });
  const { result } = scoreModel(Predictor.fromDocument(doc), frame, target);
  warnings.push(...result.warnings.map((w) => `${who}: ${w}`));
  return result.metrics;
}

/** The baseline (class prior or target mean) fitted on the training rows and scored on the evaluation rows. */
async function baselineScores(doc: ModelDocument, train: Frame, evalFrame: Frame): Promise<Scores | null> {
  if (doc.task === 'clustering' || !doc.target) return null;
  const fitted = await fitModel({ frame: train, target: doc.target, task: doc.task, algo: 'baseline', params: { seed: 0 } });
  // Its warnings (no predicted samples of a class, by design) are left out: they say nothing about the candidate.
  return scoreModel(fitted.predictor, evalFrame, evalFrame.column(doc.target)).result.metrics;
}

/** The metric the candidate's run ranked by (`--metric`), else the task's primary metric. */
async function primaryMetric(home: Home, v: ModelVersionRecord, task: Task): Promise<MetricKey> {
  const run = v.lineage.run_id ? await home.meta.getRun(v.lineage.run_id) : undefined;
  const chosen = run?.params.metric;
  return typeof chosen === 'string' && isMetricKey(chosen) ? chosen : PRIMARY_METRIC[task];
}
