import type { FastifyRequest } from 'fastify';
import type { Frame } from '../../core/index.js';
import { inputError } from '../decode/issues.js';
import type { Routed } from '../models/resolve-served.js';
import type { Scores, ServedModel } from '../models/served-model.js';
import type { ServeContext } from '../serve-context.js';
import { isClassifier } from './outputs.js';

/**
 * Scores a validated frame with the routed model, then, off the answer's
 * critical path: counts predictions in metrics, offers the rows to the
 * prediction log, and arranges the shadow copy for after the response.
 */
export async function runInference(ctx: ServeContext, req: FastifyRequest, routed: Routed, frame: Frame, requestId: string): Promise<Scores> {
  const m = routed.model;
  req.lathe.model = m.name;
  req.lathe.version = String(m.version);
  const t0 = performance.now();
  // Refusing unseen categories needs per-request counts, which a batch cannot give.
  const scores = ctx.batcher && !ctx.opts.rejectUnseen ? await ctx.batcher.score(m, frame) : await m.score(frame);
  const latencyMs = performance.now() - t0;
  if (ctx.opts.rejectUnseen) refuseUnseen(scores);
  countPredictions(ctx, m, scores);
  ctx.predictionLog?.offer({ requestId, model: m.name, version: m.version, role: 'primary', atMs: Date.now(), latencyMs, frame, prediction: scores.prediction, proba: scores.proba, classes: m.classes });
  if (routed.shadow) {
    const shadow = routed.shadow;
    req.lathe.after = () => void runShadow(ctx, shadow, frame, requestId);
  }
  return scores;
}

function refuseUnseen(s: Scores): void {
  const cols = Object.entries(s.unseen).filter(([, n]) => n > 0);
  if (cols.length === 0) return;
  throw inputError(
    cols.map(([c, n]) => `input "${c}" has ${n} row(s) with a category the model did not see in training`),
    'this server refuses unseen categories (--reject-unseen); send known categories, or retrain with them',
  );
}

function countPredictions(ctx: ServeContext, m: ServedModel, s: Scores): void {
  const labels = { model: m.name, version: String(m.version) };
  if (isClassifier(m) || m.task === 'clustering') {
    const counts = new Map<number, number>();
    for (let i = 0; i < s.prediction.length; i++) counts.set(s.prediction[i], (counts.get(s.prediction[i]) ?? 0) + 1);
    for (const [c, n] of counts) ctx.metrics.classes.inc({ ...labels, class: m.classes?.[c] ?? String(c) }, n);
    return;
  }
  for (let i = 0; i < s.prediction.length; i++) if (Number.isFinite(s.prediction[i])) ctx.metrics.values.observe(labels, s.prediction[i]);
}

/** Scores the challenger and logs it as `shadow`. Its failures are counted and logged, never surfaced. */
async function runShadow(ctx: ServeContext, m: ServedModel, frame: Frame, requestId: string): Promise<void> {
  try {
    const t0 = performance.now();
    const s = await m.score(frame);
    ctx.predictionLog?.offer({ requestId, model: m.name, version: m.version, role: 'shadow', atMs: Date.now(), latencyMs: performance.now() - t0, frame, prediction: s.prediction, proba: s.proba, classes: m.classes });
  } catch (e) {
    ctx.metrics.shadowErrors.inc({ model: m.name, version: String(m.version) });
    ctx.logger.warn({ reqId: requestId, model: m.name, version: m.version, err: e instanceof Error ? e.message : String(e) }, 'shadow prediction failed');
  }
}
