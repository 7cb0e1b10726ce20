import { Frame, LOGICAL_TYPES, type Column, type ColumnSchema, type LogicalType } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { ColumnAllocator } from './allocator.js';
import type { PipelineInput, PipelineJSON, PipelineOptions, PipelineOutput } from './pipeline.js';
import { badState } from './state-json.js';

/**
 * The pipeline's input schema at fit. A column that had missing values in
 * training is optional by default (the fitted steps already handle a
 * missing value there); one that never did is required. `options` override
 * both ways and must name real columns.
 */
export function checkInputs(schema: readonly ColumnSchema[], options: PipelineOptions): PipelineInput[] {
  const names = new Set(schema.map((c) => c.name));
  const required = new Set(options.required ?? []);
  const optional = new Set(options.optional ?? []);
  for (const name of [...required, ...optional]) {
    if (!names.has(name)) {
      throw new LatheError('BAD_INPUT', `column "${name}" is listed as required or optional but is not in the training frame`, {
        hint: `the training frame has: ${[...names].join(', ')}`,
      });
    }
    if (required.has(name) && optional.has(name)) {
      throw new LatheError('BAD_PARAM', `column "${name}" is listed as both required and optional`, { hint: 'list it in one of them' });
    }
  }
  return schema.map((c) => ({ ...c, required: required.has(c.name) || (!optional.has(c.name) && !c.nullable) }));
}

/** numeric and integer are both plain numbers in a Frame, and files often disagree on which one a column is. */
function compatible(fitted: LogicalType, given: LogicalType): boolean {
  if (fitted === given) return true;
  const plain = (t: LogicalType) => t === 'numeric' || t === 'integer';
  return plain(fitted) && plain(given);
}

/**
 * The prediction frame reshaped to the fitted inputs, in the fitted order:
 * extra columns dropped, absent optional columns filled with missing values.
 * Every absent required column and every type mismatch is reported in one
 * BAD_INPUT error naming the columns.
 */
export function conformInputs(frame: Frame, inputs: readonly PipelineInput[], alloc: ColumnAllocator): { frame: Frame; absent: string[] } {
  const problems: string[] = [];
  const absent: string[] = [];
  const columns: Column[] = [];
  for (const input of inputs) {
    if (!frame.has(input.name)) {
      if (input.required) problems.push(`required column "${input.name}" (${input.type}) is missing`);
      else {
        absent.push(input.name);
        columns.push(missingColumn(input, frame.rows, alloc));
      }
      continue;
    }
    const col = frame.column(input.name);
    if (!compatible(input.type, col.type)) problems.push(`column "${input.name}" is ${col.type}, but the pipeline was fitted on ${input.type}`);
    columns.push(col);
  }
  if (problems.length > 0) {
    throw new LatheError('BAD_INPUT', problems.join('; '), {
      hint: `the pipeline needs: ${inputs.map((i) => `${i.name} (${i.type}${i.required ? '' : ', optional'})`).join(', ')}`,
    });
  }
  return { frame: Frame.of(columns, frame.rows), absent };
}

function missingColumn(input: PipelineInput, rows: number, alloc: ColumnAllocator): Column {
  if (input.type === 'categorical' || input.type === 'text') return { name: input.name, type: input.type, codes: alloc.i32(rows).fill(-1), dictionary: [] };
  return { name: input.name, type: input.type, values: alloc.f64(rows, false).fill(NaN) };
}

/** Checks the shape of parsed pipeline JSON; steps are checked by the registry. */
export function readPipelineJSON(json: unknown): PipelineJSON {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw badState('a pipeline must be an object');
  const o = json as Record<string, unknown>;
  if (o.format !== 1) {
    throw new LatheError('BAD_INPUT', `pipeline JSON format ${JSON.stringify(o.format)} is not supported`, {
      hint: 'this Lathe reads pipeline format 1; refit the pipeline or upgrade Lathe',
    });
  }
  if (o.target !== null && typeof o.target !== 'string') throw badState('"target" must be a string or null');
  if (!Array.isArray(o.steps)) throw badState('"steps" must be a list');
  const inputs = readColumns(o.inputs, 'inputs').map((c, i) => {
    const raw = (o.inputs as Record<string, unknown>[])[i];
    if (typeof raw.nullable !== 'boolean' || typeof raw.required !== 'boolean') throw badState(`input "${c.name}" needs "nullable" and "required" booleans`);
    return { ...c, nullable: raw.nullable, required: raw.required };
  });
  return { format: 1, target: o.target as string | null, inputs, outputs: readColumns(o.outputs, 'outputs'), steps: o.steps as PipelineJSON['steps'] };
}

function readColumns(v: unknown, what: string): PipelineOutput[] {
  if (!Array.isArray(v)) throw badState(`"${what}" must be a list`);
  return v.map((c) => {
    if (typeof c !== 'object' || c === null || typeof c.name !== 'string' || !(LOGICAL_TYPES as readonly string[]).includes(c.type)) {
      throw badState(`each of "${what}" needs a "name" and a "type" among ${LOGICAL_TYPES.join(', ')}`);
    }
    return { name: c.name as string, type: c.type as LogicalType };
  });
}
