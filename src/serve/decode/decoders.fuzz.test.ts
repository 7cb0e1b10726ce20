// Fuzz: random and mutated bodies through the OIP and V1 decoders. Every
// input ends in a decoded frame or a LatheError: no other exception, no hang.
// Seeded (LATHE_FUZZ_SEED), bounded in time (LATHE_FUZZ_MS, default 20 s for both).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Rng } from '../../core/index.js';
import { LatheError } from '../../errors.js';
import type { SignatureInput } from '../../train/package/index.js';
import { decodeOipRequest } from './oip-request.js';
import { decodeInstances } from './v1-instances.js';

const INPUTS: SignatureInput[] = [
  { name: 'Island', type: 'categorical', nullable: false, required: true },
  { name: 'mass', type: 'integer', nullable: true, required: true },
  { name: 'beak', type: 'numeric', nullable: true, required: false },
  { name: 'male', type: 'boolean', nullable: true, required: false },
  { name: 'seen', type: 'datetime', nullable: true, required: false },
  { name: 'constructor', type: 'numeric', nullable: true, required: false },
];

/** Lathe's own seeded generator, as a plain function. */
function rng(seed: number): () => number {
  const g = new Rng(seed);
  return () => g.next();
}

const NAMES = [...INPUTS.map((i) => i.name), '__proto__', 'toString', 'hasOwnProperty', '', 'x'.repeat(300), '\u0000', 'inputs', 'data'];
const DATATYPES = ['BOOL', 'INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'FP16', 'FP32', 'FP64', 'BYTES', 'FP128', '', 'int64'];
const NUMBERS = [0, 1, -1, 1.5, 127, 128, 255, 256, -129, 65535, 2 ** 31, 2 ** 32, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, 3.4e38, 70000];

function value(r: () => number, depth: number): unknown {
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  switch (Math.floor(r() * (depth > 3 ? 6 : 9))) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return pick(NUMBERS);
    case 3: return pick(NAMES);
    case 4: return '2024-01-0' + Math.floor(r() * 12);
    case 5: return Math.floor(r() * 1000) - 500;
    case 6: return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    case 7: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 4); i > 0; i--) Object.defineProperty(o, pick(NAMES), { value: value(r, depth + 1), enumerable: true, configurable: true, writable: true });
      return o;
    }
    default: return undefined;
  }
}

function tensor(r: () => number): unknown {
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const n = Math.floor(r() * 4);
  const dt = pick(DATATYPES);
  const data = Array.from({ length: n }, () => (r() < 0.7 ? (dt === 'BYTES' ? pick(NAMES) : dt === 'BOOL' ? r() < 0.5 : pick(NUMBERS)) : value(r, 2)));
  const t: Record<string, unknown> = { name: pick(NAMES), datatype: dt, shape: r() < 0.8 ? [n] : r() < 0.5 ? [n, 1] : value(r, 2), data: r() < 0.9 ? data : value(r, 2) };
  if (r() < 0.2) delete t[pick(['name', 'datatype', 'shape', 'data'])];
  return t;
}

function oipBody(r: () => number): unknown {
  if (r() < 0.1) return value(r, 0);
  const inputs = Array.from({ length: Math.floor(r() * 7) }, () => tensor(r));
  const body: Record<string, unknown> = { inputs };
  if (r() < 0.2) body.id = value(r, 1);
  if (r() < 0.2) body.outputs = value(r, 1);
  if (r() < 0.1) body.parameters = value(r, 1);
  return body;
}

function v1Body(r: () => number): unknown {
  if (r() < 0.1) return value(r, 0);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const instances = Array.from({ length: Math.floor(r() * 4) }, () => {
    if (r() < 0.1) return value(r, 1);
    const rec: Record<string, unknown> = {};
    for (const name of NAMES.slice(0, 8)) if (r() < 0.7) Object.defineProperty(rec, name, { value: r() < 0.6 ? pick([...NUMBERS, 'Biscoe', true, null]) : value(r, 2), enumerable: true, writable: true, configurable: true });
    return rec;
  });
  return { instances };
}

/** Flips, drops or duplicates characters of a valid body's JSON, then parses what is still JSON. */
function mutated(r: () => number, body: unknown): unknown {
  let s = JSON.stringify(body) ?? 'null';
  for (let k = Math.floor(r() * 4) + 1; k > 0; k--) {
    const i = Math.floor(r() * s.length);
    const c = '{}[]":,0-e.1truefalsnul'[Math.floor(r() * 23)];
    const op = r();
    s = op < 0.4 ? s.slice(0, i) + c + s.slice(i + 1) : op < 0.7 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + s.slice(i, i + 5) + s.slice(i);
  }
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function valid(r: () => number): unknown {
  const rows = 1 + Math.floor(r() * 3);
  const rep = (v: unknown) => Array.from({ length: rows }, () => v);
  return { inputs: [
    { name: 'Island', datatype: 'BYTES', shape: [rows], data: rep('Biscoe') },
    { name: 'mass', datatype: 'INT64', shape: [rows], data: rep(3750) },
    { name: 'male', datatype: 'BOOL', shape: [rows], data: rep(true) },
  ] };
}

it('OIP and V1 decoders: every fuzzed body decodes or is a LatheError', () => {
  const seed = Number(process.env.LATHE_FUZZ_SEED ?? Date.now() % 2 ** 31);
  const budget = Number(process.env.LATHE_FUZZ_MS ?? 20_000);
  const r = rng(seed);
  const until = performance.now() + budget;
  const counts = { decoded: 0, refused: 0 };
  let n = 0;
  while (performance.now() < until || n < 200) {
    const kind = n % 4;
    const body = kind === 0 ? oipBody(r) : kind === 1 ? mutated(r, valid(r)) : kind === 2 ? v1Body(r) : mutated(r, v1Body(r));
    n++;
    try {
      const frame = kind < 2 ? decodeOipRequest(body, INPUTS).frame : decodeInstances(body, INPUTS);
      assert.ok(frame.rows >= 1);
      counts.decoded++;
    } catch (e) {
      if (e instanceof LatheError && e.code === 'BAD_INPUT' && !e.message.includes('\n')) {
        counts.refused++;
        continue;
      }
      assert.fail(`seed ${seed}, input ${n} (${kind < 2 ? 'OIP' : 'V1'}): ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} for ${JSON.stringify(body)?.slice(0, 300)}`);
    }
  }
  assert.ok(counts.refused > 0, `seed ${seed}: nothing was refused`);
  assert.ok(counts.decoded > 0, `seed ${seed}: nothing decoded`);
});
