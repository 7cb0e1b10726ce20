import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MonitorStore } from '../../monitor/index.js';
import { HttpError } from '../http/http-error.js';
import type { ServeContext } from '../serve-context.js';

/** Most labels one request may carry; larger backfills go through `lathe labels ingest`. */
const MAX_LABELS = 10_000;
const ID = /^[\x21-\x7e]{1,128}$/;

/**
 * Delayed ground truth: `POST /v1/models/{name}/feedback` with
 * `{"id": "...", "label": ...}` or an array of them (or `{"labels": [...]}`),
 * joined later to the logged predictions by request id. Answers what was
 * stored: received, stored, duplicates (last label wins) and unknown ids
 * (stored and counted, never dropped).
 */
export function feedbackRoutes(app: FastifyInstance, ctx: ServeContext): void {
  // One connection for the server's life, opened on first use: most servers never get feedback.
  let store: MonitorStore | null = null;
  app.addHook('onClose', async () => store?.close());
  app.post('/v1/models/:name/feedback', { config: { scope: 'predict', family: 'problem' } }, async (req: FastifyRequest<{ Params: { name: string } }>) => {
    const model = req.params.name;
    if (!ctx.pool.models.has(model)) throw new HttpError(404, 'NOT_FOUND', 'no such model', 'GET /v1/admin/models lists the served models');
    const labels = parseLabels(req.body);
    store ??= MonitorStore.open(ctx.home);
    return { model, ...store.putLabels(model, labels) };
  });
}

function parseLabels(body: unknown): { id: string; label: string | number | boolean }[] {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { labels?: unknown }).labels) ? (body as { labels: unknown[] }).labels : [body];
  if (list.length === 0) throw new HttpError(400, 'BAD_INPUT', 'no labels in the body', 'send {"id": "...", "label": ...} or an array of them');
  if (list.length > MAX_LABELS) throw new HttpError(400, 'BAD_INPUT', `more than ${MAX_LABELS} labels in one request`, 'split the batch, or use lathe labels ingest for a file');
  return list.map((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new HttpError(400, 'BAD_INPUT', `label ${i} is not an object`, 'each label is {"id": "...", "label": ...}');
    const { id, label } = r as { id?: unknown; label?: unknown };
    if (typeof id !== 'string' || !ID.test(id)) throw new HttpError(400, 'BAD_INPUT', `label ${i} has no valid "id"`, 'id is the request id of the prediction: 1–128 printable ASCII characters');
    const ok = typeof label === 'string' ? label.length <= 1000 : typeof label === 'boolean' || (typeof label === 'number' && Number.isFinite(label));
    if (!ok) throw new HttpError(400, 'BAD_INPUT', `label ${i} has no valid "label"`, 'label is a class (string or boolean) or a finite number');
    return { id, label: label as string | number | boolean };
  });
}
