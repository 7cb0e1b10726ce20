import { LOGICAL_TYPES, type LogicalType } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { Task } from '../../estimators/index.js';

/** A signature as the user declares it for an ONNX import (`--signature sig.yaml`). */
export interface DeclaredSignature {
  inputs: { name: string; type: LogicalType; required: boolean | null }[];
  /** Graph output names with a logical type, or null to take the graph's. */
  outputs: { name: string; type: LogicalType }[] | null;
  task: Task | null;
  classes: string[] | null;
  target: string | null;
}

const TASKS: readonly string[] = ['regression', 'binary', 'multiclass', 'clustering'];

/**
 * Checks a declared signature (already parsed from YAML or JSON): input and
 * output types must be logical types, `task` one of the tasks, `classes` a
 * list of distinct strings, `target` a string. Each problem names its key.
 */
export function readDeclaredSignature(value: unknown): DeclaredSignature {
  const bad = (what: string) =>
    new LatheError('BAD_INPUT', `the declared signature: ${what}`, {
      hint: `write inputs: [{name, type}] with types among ${LOGICAL_TYPES.join(', ')}; optional: outputs (graph output names), task, classes, target`,
    });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad('it must be a mapping');
  const s = value as Record<string, unknown>;
  const columns = (key: string, list: unknown) => {
    if (!Array.isArray(list) || list.length === 0) throw bad(`"${key}" must be a non-empty list`);
    return list.map((c: unknown, i) => {
      const o = c as Record<string, unknown> | null;
      if (!o || typeof o.name !== 'string' || typeof o.type !== 'string') throw bad(`${key}[${i}] needs a string name and type`);
      if (!(LOGICAL_TYPES as readonly string[]).includes(o.type)) throw bad(`${key}[${i}] ("${o.name}") has type "${o.type}", not one of ${LOGICAL_TYPES.join(', ')}`);
      if (o.required !== undefined && typeof o.required !== 'boolean') throw bad(`${key}[${i}].required must be true or false`);
      return { name: o.name, type: o.type as LogicalType, required: typeof o.required === 'boolean' ? o.required : null };
    });
  };
  const inputs = columns('inputs', s.inputs);
  const dup = inputs.find((c, i) => inputs.findIndex((d) => d.name === c.name) !== i);
  if (dup) throw bad(`input "${dup.name}" is listed twice`);
  const outputs = s.outputs === undefined || s.outputs === null ? null : columns('outputs', s.outputs).map(({ name, type }) => ({ name, type }));
  if (s.task !== undefined && !(typeof s.task === 'string' && TASKS.includes(s.task))) throw bad(`"task" must be one of ${TASKS.join(', ')}`);
  let classes: string[] | null = null;
  if (s.classes !== undefined && s.classes !== null) {
    if (!Array.isArray(s.classes) || s.classes.length < 2) throw bad('"classes" must list at least two class labels');
    classes = s.classes.map(String);
    if (new Set(classes).size !== classes.length) throw bad('"classes" has a label twice');
  }
  if (s.target !== undefined && s.target !== null && typeof s.target !== 'string') throw bad('"target" must be a column name');
  return { inputs, outputs, task: (s.task as Task | undefined) ?? null, classes, target: (s.target as string | undefined) ?? null };
}
