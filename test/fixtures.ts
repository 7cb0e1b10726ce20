import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Bool, DateMillisecond, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from "apache-arrow";
import { DuckDBEngine, quoteLiteral } from '../src/engine/index.js';

/** The known table every format fixture holds. */
export const EXPECTED = {
  id: [1, 2, 3, 4],
  name: ['alpha', 'beta, "gamma"', 'δelta', null],
  score: [1.5, -2.25, null, 1e10],
  flag: [true, false, null, true],
  day: ['2024-01-02', '2024-02-29', null, '1999-12-31'],
};

const csvCell = (v: unknown) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function rows(): Record<string, unknown>[] {
  return EXPECTED.id.map((_, i) => ({
    id: EXPECTED.id[i],
    name: EXPECTED.name[i],
    score: EXPECTED.score[i],
    flag: EXPECTED.flag[i],
    day: EXPECTED.day[i],
  }));
}

/** The fixture as CSV text with the given delimiter. */
export function csvText(delim = ','): string {
  const cols = Object.keys(EXPECTED);
  const cell = delim === ',' ? csvCell : (v: unknown) => (v === null ? '' : String(v));
  return [cols.join(delim), ...rows().map((r) => cols.map((c) => cell(r[c])).join(delim))].join('\n') + '\n';
}

/** Writes the fixture in every format into `dir`; returns the paths by format. */
export async function writeFixtures(dir: string): Promise<Record<string, string>> {
  const p = (f: string) => join(dir, f);
  writeFileSync(p('t.csv'), csvText());
  writeFileSync(p('t.tsv'), csvText('\t'));
  writeFileSync(p('t.csv.gz'), gzipSync(csvText()));
  writeFileSync(p('t.json'), JSON.stringify(rows()));
  writeFileSync(p('t.ndjson'), rows().map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(p('t.ndjson.gz'), gzipSync(rows().map((r) => JSON.stringify(r)).join('\n') + '\n'));
  const e = await DuckDBEngine.open();
  try {
    await e.run(
      `COPY (SELECT id::INTEGER AS id, name, score, flag, day::DATE AS day FROM read_csv(${quoteLiteral(p('t.csv'))}, delim=',', quote='"')) TO ${quoteLiteral(p('t.parquet'))} (FORMAT parquet)`,
    );
  } finally {
    e.close();
  }
  const table = new Table({
    id: vectorFromArray(EXPECTED.id, new Int32()),
    name: vectorFromArray(EXPECTED.name, new Utf8()),
    score: vectorFromArray(EXPECTED.score, new Float64()),
    flag: vectorFromArray(EXPECTED.flag, new Bool()),
    day: vectorFromArray(EXPECTED.day.map((d) => (d === null ? null : new Date(`${d}T00:00:00Z`))), new DateMillisecond()),
  });
  writeFileSync(p('t.arrow'), tableToIPC(table, 'file'));
  return {
    csv: p('t.csv'),
    tsv: p('t.tsv'),
    'csv.gz': p('t.csv.gz'),
    json: p('t.json'),
    ndjson: p('t.ndjson'),
    'ndjson.gz': p('t.ndjson.gz'),
    parquet: p('t.parquet'),
    arrow: p('t.arrow'),
  };
}
