import { readFileSync } from 'node:fs';
import { TARGET } from './context.js';

/** One penguins.json record: column → value, null when missing. */
export type PenguinRow = Record<string, string | number | null>;

/** The column the drifted batch shifts. */
export const DRIFT_COLUMN = 'Beak Length (mm)';
/** How far it shifts: a caliper re-zeroed 20 mm off reads every beak 20 mm long. */
export const DRIFT_OFFSET_MM = 20;

/** The records of penguins.json, in file order. */
export function readPenguins(file: string): PenguinRow[] {
  return JSON.parse(readFileSync(file, 'utf8')) as PenguinRow[];
}

/** The model's inputs: every column but the target. */
export function features(r: PenguinRow): PenguinRow {
  const { [TARGET]: _label, ...rest } = r;
  return rest;
}

/** The same penguin as the re-zeroed caliper measures it. */
export function drifted(r: PenguinRow): PenguinRow {
  const v = r[DRIFT_COLUMN];
  return { ...r, [DRIFT_COLUMN]: typeof v === 'number' ? Math.round((v + DRIFT_OFFSET_MM) * 10) / 10 : v };
}

/** True when no value is missing: the demonstration requests use such rows. */
export function complete(r: PenguinRow): boolean {
  return Object.values(r).every((v) => v !== null);
}

/** One complete penguin of each species, in the order the species first appear. */
export function onePerSpecies(rows: readonly PenguinRow[]): PenguinRow[] {
  const seen = new Map<string, PenguinRow>();
  for (const r of rows) if (complete(r) && !seen.has(String(r[TARGET]))) seen.set(String(r[TARGET]), r);
  return [...seen.values()];
}

/**
 * An Open Inference Protocol request: one tensor per input column, BYTES for
 * text and FP64 for numbers, as the README's curl example sends them.
 */
export function oipRequest(id: string, rows: readonly PenguinRow[]): { id: string; inputs: { name: string; datatype: string; shape: number[]; data: (string | number | null)[] }[] } {
  const names = Object.keys(rows[0]);
  return {
    id,
    inputs: names.map((name) => ({
      name,
      datatype: typeof rows[0][name] === 'string' ? 'BYTES' : 'FP64',
      shape: [rows.length],
      data: rows.map((r) => r[name]),
    })),
  };
}

/** Share of each value, as "Adelie 44%, Gentoo 36%, …", most frequent first. */
export function shares(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([v, c]) => `${v} ${Math.round((100 * c) / values.length)}%`)
    .join(', ');
}
