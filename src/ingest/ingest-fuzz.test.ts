import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Rng, silentProgress } from '../core/index.js';
import { DuckDBEngine } from '../engine/index.js';
import { LatheError } from '../errors.js';
import { decodeHead, detectDelimiter, guessHeader, readHead, splitRecords } from './csv-dialect.js';
import { openFile } from './file-source.js';
import type { FileFormat } from './formats.js';
import { writeSnapshot } from './snapshot.js';

/**
 * Fuzz tests of the parsers a stranger reaches through `lathe ingest`: the
 * CSV sniffer and the CSV and JSON readers through a real DuckDB engine.
 * Seeded and bounded in time (LATHE_FUZZ_MS, default 20 s per test); every
 * input must end in a result or a LatheError.
 */
const BUDGET_MS = Number(process.env.LATHE_FUZZ_MS ?? 20_000);
const SEED = Number(process.env.LATHE_FUZZ_SEED ?? Date.now() % 1_000_000);

/** Lathe's own seeded generator, as a plain function. */
function rng(seed: number): () => number {
  const g = new Rng(seed);
  return () => g.next();
}

const ALPHABET = ['a', 'b', '1', '2', '.', ',', ';', '\t', '|', '"', "'", '\\', '\n', '\r\n', ' ', '-', 'é', '\u0000', '[', ']', '{', '}', ':', 'null', 'true', '1e9', 'NaN'];

function randomText(r: () => number, max: number): string {
  let s = '';
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

function randomCsv(r: () => number): string {
  const d = [',', ';', '\t', '|'][Math.floor(r() * 4)];
  const cols = 1 + Math.floor(r() * 5);
  const rows = Math.floor(r() * 20);
  const cell = () => (r() < 0.2 ? `"${randomText(r, 6).replace(/"/g, '""')}"` : r() < 0.5 ? String(Math.floor(r() * 1000) / 10) : randomText(r, 5).replace(/[\n\r"]/g, ''));
  const lines = [Array.from({ length: cols }, (_, i) => `c${i}`).join(d)];
  for (let i = 0; i < rows; i++) lines.push(Array.from({ length: r() < 0.1 ? cols + 1 : cols }, cell).join(d));
  return `${lines.join('\n')}\n`;
}

function randomJson(r: () => number, depth = 0): unknown {
  const k = r();
  if (depth > 4 || k < 0.3) return [null, true, 1.5, -3, 'x', '', 'é"\\'][Math.floor(r() * 7)];
  if (k < 0.6) return Array.from({ length: Math.floor(r() * 4) }, () => randomJson(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 4); i > 0; i--) o[['a', 'b', 'A', 'c d', ''][Math.floor(r() * 5)]] = randomJson(r, depth + 1);
  return o;
}

/** Flips, deletes, duplicates or inserts a few bytes. */
function mutate(r: () => number, b: Buffer): Buffer {
  const out = Array.from(b);
  for (let m = 1 + Math.floor(r() * 4); m > 0; m--) {
    const i = Math.floor(r() * (out.length + 1));
    const op = r();
    if (op < 0.3 && out.length > 0) out[Math.min(i, out.length - 1)] = Math.floor(r() * 256);
    else if (op < 0.5) out.splice(i, 1);
    else if (op < 0.7) out.splice(i, 0, ...out.slice(i, i + Math.floor(r() * 8)));
    else out.splice(i, 0, [0x5b, 0x7b, 0x22, 0xff, 0x0a][Math.floor(r() * 5)]);
  }
  return Buffer.from(out);
}

/** Runs `body` with fresh inputs until the budget is spent; a failure names the seed and the case. */
async function fuzz(name: string, body: (r: () => number, i: number) => Promise<void>): Promise<number> {
  const r = rng(SEED);
  const end = Date.now() + BUDGET_MS;
  let i = 0;
  for (; Date.now() < end; i++) {
    try {
      await body(r, i);
    } catch (e) {
      assert.fail(`${name}: case ${i} with LATHE_FUZZ_SEED=${SEED} threw ${(e as Error)?.stack ?? e}`);
    }
  }
  return i;
}

/** True for an outcome the contract allows: a LatheError. Anything else is rethrown. */
function allowed(e: unknown): void {
  if (!(e instanceof LatheError)) throw e;
  assert.ok(!e.message.includes('\n'), `one-line message: ${e.message}`);
}

describe(`ingest fuzz (seed ${SEED}, ${BUDGET_MS} ms each)`, () => {
  let dir: string;
  let engine: DuckDBEngine;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lathe-fuzz-'));
    engine = await DuckDBEngine.open({ tempDir: join(dir, 'spill') });
  });
  after(() => engine.close());

  async function readThrough(path: string, format: FileFormat, onError: 'fail' | 'skip'): Promise<void> {
    try {
      const ctx = { engine, stagingDir: dir, progress: silentProgress };
      const opened = await openFile([path], format, { onError }, ctx, path);
      await writeSnapshot(engine, opened, join(dir, 'out.parquet'), path, silentProgress);
    } catch (e) {
      allowed(e);
    }
  }

  test('the CSV sniffer never throws on random text', async () => {
    const n = await fuzz('sniffer', async (r) => {
      const text = r() < 0.5 ? randomCsv(r) : randomText(r, 200);
      const d = detectDelimiter(text);
      assert.ok([',', '\t', ';', '|'].includes(d));
      const recs = splitRecords(text, d);
      assert.ok(Array.isArray(recs));
      assert.equal(typeof guessHeader(recs), 'boolean');
      try {
        decodeHead(mutate(r, Buffer.from(text)), 'utf-8', 'x.csv');
      } catch (e) {
        allowed(e);
      }
    });
    assert.ok(n > 0);
  });

  test('random and mutated CSV files (plain and gzipped) end in a dataset or a LatheError', async () => {
    const n = await fuzz('csv', async (r, i) => {
      let bytes: Buffer = Buffer.from(randomCsv(r));
      if (r() < 0.5) bytes = mutate(r, bytes);
      const gz = r() < 0.2;
      const p = join(dir, `f${i % 4}.csv${gz ? '.gz' : ''}`);
      writeFileSync(p, gz ? (r() < 0.5 ? gzipSync(bytes) : mutate(r, gzipSync(bytes))) : bytes);
      if (bytes.length > 0) {
        const head = await readHead(p);
        assert.ok(Buffer.isBuffer(head));
      }
      await readThrough(p, 'csv', r() < 0.3 ? 'skip' : 'fail');
    });
    assert.ok(n > 0);
  });

  test('random and mutated JSON and NDJSON files end in a dataset or a LatheError', async () => {
    const n = await fuzz('json', async (r, i) => {
      const nd = r() < 0.4;
      const recs = Array.from({ length: Math.floor(r() * 6) }, () => randomJson(r));
      let text = nd ? recs.map((x) => JSON.stringify(x)).join('\n') : JSON.stringify(r() < 0.8 ? recs : randomJson(r));
      if (r() < 0.1) text = `${'['.repeat(1200)}${text}${']'.repeat(1200)}`;
      const bytes = r() < 0.5 ? mutate(r, Buffer.from(text)) : Buffer.from(text);
      const p = join(dir, `j${i % 4}.${nd ? 'ndjson' : 'json'}`);
      writeFileSync(p, bytes);
      await readThrough(p, nd ? 'ndjson' : 'json', r() < 0.3 ? 'skip' : 'fail');
    });
    assert.ok(n > 0);
  });
});
