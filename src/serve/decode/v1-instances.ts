import { Frame, type Column } from '../../core/index.js';
import type { SignatureInput } from '../../train/package/index.js';
import { buildColumn } from './column-builder.js';
import { inputError, shownName } from './issues.js';

const HINT = 'send {"instances": [{"<column>": value, ...}, ...]} with the columns of GET /v2/models/<name>';

/**
 * Decodes a V1 `{"instances": [{col: value, ...}, ...]}` body against a
 * model's signature: every record must have the required columns and no
 * others; `null` or an absent optional column is a missing value.
 */
export function decodeInstances(body: unknown, inputs: readonly SignatureInput[]): Frame {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw inputError(['the body is not a JSON object'], HINT);
  const instances = (body as { instances?: unknown }).instances;
  if (!Array.isArray(instances) || instances.length === 0) throw inputError(['"instances" is not a non-empty array'], HINT);
  const known = new Set(inputs.map((i) => i.name));
  const issues: string[] = [];
  const extra = new Set<string>();
  for (let r = 0; r < instances.length; r++) {
    const rec = instances[r];
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      issues.push(`instances[${r}] is not an object of column → value`);
      break;
    }
    for (const k of Object.keys(rec)) if (!known.has(k)) extra.add(shownName(k));
  }
  if (extra.size > 0) issues.push(`unknown column(s) ${[...extra].slice(0, 10).join(', ')}: the model has no such input`);
  if (issues.length > 0) throw inputError(issues, HINT);
  const records = instances as Record<string, unknown>[];
  const columns: Column[] = [];
  for (const input of inputs) {
    const values = new Array<unknown>(records.length);
    let present = 0;
    for (let r = 0; r < records.length; r++) {
      const v = records[r][input.name];
      if (v !== undefined) present++;
      values[r] = v === undefined ? null : v;
    }
    if (present === 0 && !input.required) continue;
    if (present < records.length && input.required) {
      issues.push(`required column "${input.name}" is missing from ${records.length - present} instance(s)`);
      continue;
    }
    const c = buildColumn(input, values, 'any', issues);
    if (c) columns.push(c);
  }
  if (issues.length > 0) throw inputError(issues, HINT);
  return Frame.of(columns, records.length);
}
