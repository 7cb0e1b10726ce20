import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import '../src/ingest/builtins.js';
import { type ColumnProfile, type Profile, computeProfile, profileDataset } from '../src/data/profile/index.js';
import { DuckDBEngine, quoteIdent, quoteLiteral } from '../src/engine/index.js';
import { derive, ingest, resolveDataset } from '../src/ingest/index.js';
import { isLatheError } from '../src/errors.js';
import { Home } from '../src/store/index.js';
import { filesUnder, tempDir, VEGA } from './helpers.js';

const col = (p: { columns: ColumnProfile[] }, name: string): ColumnProfile => {
  const c = p.columns.find((x) => x.name === name);
  assert.ok(c, `column ${name}`);
  return c;
};
const close = (actual: number | null | undefined, expected: number, msg?: string) => {
  assert.ok(actual !== null && actual !== undefined, `${msg ?? ''}: got ${actual}`);
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${msg ?? ''}: ${actual} ≠ ${expected}`);
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// Six rows, every logical type, values chosen so each statistic is easy by hand.
const SMALL_CSV = [
  'id,score,city,flag,day,k',
  '1,1.0,Paris,true,2024-01-01,7',
  '2,2.0,Paris,false,2024-01-02,7',
  '3,,Rome,true,2024-01-03,7',
  '4,4.0,,true,,7',
  '5,10.0,Oslo,,2024-01-05,7',
  '6,0.0,Paris,true,2024-01-01,7',
].join('\n');

describe('profileDataset on a small hand-computed dataset', () => {
  let home: Home;
  let p: Profile;
  before(async () => {
    home = await Home.open({ dir: tempDir() });
    const file = join(tempDir('lathe-prof-'), 'small.csv');
    writeFileSync(file, `${SMALL_CSV}\n`);
    await ingest(home, file, 'small');
    p = await profileDataset(home, 'small');
  });
  after(() => home.close());

  test('rows, types and missing counts', () => {
    assert.equal(p.dataset, 'small');
    assert.equal(p.version, 1);
    assert.equal(p.rows, 6);
    assert.equal(p.approximate, false);
    assert.deepEqual(
      p.columns.map((c) => [c.name, c.type, c.count, c.missing]),
      [
        ['id', 'integer', 6, 0],
        ['score', 'numeric', 5, 1],
        ['city', 'categorical', 5, 1],
        ['flag', 'boolean', 5, 1],
        ['day', 'datetime', 5, 1],
        ['k', 'integer', 6, 0],
      ],
    );
    close(col(p, 'score').missing_rate, 1 / 6);
  });

  test('numeric statistics: mean, sample std, linear quantiles, zeros', () => {
    // Present values sorted: 0 1 2 4 10. Mean 17/5; squared deviations sum to 63.2.
    const s = col(p, 'score');
    assert.equal(s.min, 0);
    assert.equal(s.max, 10);
    close(s.mean, 3.4, 'mean');
    close(s.std, Math.sqrt(63.2 / 4), 'std');
    assert.equal(s.zeros, 1);
    assert.equal(s.distinct, 5);
    // Quantile p sits at rank 4p between sorted values (pandas' linear rule).
    const q = s.quantiles!;
    close(q.p01, 0.04, 'p01');
    close(q.p05, 0.2, 'p05');
    close(q.p25, 1, 'p25');
    close(q.p50, 2, 'p50');
    close(q.p75, 4, 'p75');
    close(q.p95, 8.8, 'p95');
    close(q.p99, 9.76, 'p99');
    assert.deepEqual(s.top, []);
    assert.equal(s.other_count, null);
  });

  test('histogram: 20 equal-width bins from min to max, counts sum to the present values', () => {
    const h = col(p, 'score').histogram!;
    assert.equal(h.edges.length, 21);
    assert.equal(h.counts.length, 20);
    assert.equal(h.edges[0], 0);
    assert.equal(h.edges[20], 10);
    close(h.edges[1], 0.5);
    const expected = new Array(20).fill(0);
    // Bins are closed on the right: 0, 1, 2, 4 and 10 fall in (0.5·i, 0.5·(i+1)] for i = 0, 1, 3, 7, 19.
    for (const bin of [0, 1, 3, 7, 19]) expected[bin] = 1;
    assert.deepEqual(h.counts, expected);
    for (const c of p.columns.filter((x) => x.histogram)) assert.equal(sum(c.histogram!.counts), c.count, c.name);
  });

  test('categorical top values with counts, ties by value, and other_count', () => {
    const c = col(p, 'city');
    assert.deepEqual(c.top, [
      { value: 'Paris', count: 3 },
      { value: 'Oslo', count: 1 },
      { value: 'Rome', count: 1 },
    ]);
    assert.equal(c.distinct, 3);
    assert.equal(c.other_count, 0);
    assert.deepEqual(c.length, { min: 4, mean: 4.6, max: 5 });
    assert.equal(c.mean, null);
    assert.equal(c.quantiles, null);
  });

  test('boolean counts as top; datetime range as ISO strings', () => {
    assert.deepEqual(col(p, 'flag').top, [
      { value: true, count: 4 },
      { value: false, count: 1 },
    ]);
    assert.equal(col(p, 'flag').distinct, 2);
    const d = col(p, 'day');
    assert.equal(d.min, '2024-01-01T00:00:00.000Z');
    assert.equal(d.max, '2024-01-05T00:00:00.000Z');
    assert.equal(d.distinct, 4);
    assert.deepEqual(d.histogram!.counts.filter((x) => x > 0), [2, 1, 1, 1]);
    assert.equal(d.histogram!.edges[0], Date.UTC(2024, 0, 1));
  });

  test('semantic types: identifier, constant, else the logical type', () => {
    assert.deepEqual(
      p.columns.map((c) => [c.name, c.semantic]),
      [
        ['id', 'identifier'],
        ['score', 'numeric'],
        ['city', 'categorical'],
        ['flag', 'boolean'],
        ['day', 'datetime'],
        ['k', 'constant'],
      ],
    );
  });

  test('the stable JSON shape: every contract key, in order, nulls where not applicable', () => {
    const keys = ['name', 'type', 'count', 'missing', 'distinct', 'min', 'max', 'mean', 'std', 'quantiles', 'top'];
    assert.deepEqual(Object.keys(p).slice(0, 3), ['dataset', 'version', 'rows']);
    for (const c of p.columns) assert.deepEqual(Object.keys(c).slice(0, keys.length), keys);
    assert.deepEqual(Object.keys(col(p, 'score').quantiles!), ['p01', 'p05', 'p25', 'p50', 'p75', 'p95', 'p99']);
  });
});

describe('computeProfile on any relation', () => {
  test('keeps the 50 most frequent values and counts the rest as other_count', async () => {
    const dir = tempDir('lathe-prof-');
    const file = join(dir, 'many.csv');
    // "a" three times, then 60 values once each: top = a + the 49 smallest singles.
    const values = ['a', 'a', 'a', ...Array.from({ length: 60 }, (_, i) => `v${String(i).padStart(2, '0')}`)];
    writeFileSync(file, `cat\n${values.join('\n')}\n`);
    const engine = await DuckDBEngine.open();
    try {
      const p = await computeProfile(engine, `read_csv(${quoteLiteral(file)})`);
      const c = col(p, 'cat');
      assert.equal(c.top.length, 50);
      assert.deepEqual(c.top[0], { value: 'a', count: 3 });
      assert.deepEqual(c.top[1], { value: 'v00', count: 1 });
      assert.deepEqual(c.top[49], { value: 'v48', count: 1 });
      assert.equal(c.other_count, 63 - 3 - 49);
      assert.equal(c.distinct, 61);
    } finally {
      engine.close();
    }
  });

  test('above 100k rows: estimates are flagged, identifiers are still counted exactly', async () => {
    const engine = await DuckDBEngine.open();
    try {
      const rel = `(SELECT range AS id, md5(CAST(range AS VARCHAR)) AS code, range % 7 AS k, random() AS x FROM range(150000))`;
      const p = await computeProfile(engine, rel);
      assert.equal(p.approximate, true);
      assert.deepEqual([col(p, 'id').semantic, col(p, 'id').distinct], ['identifier', 150000]);
      assert.deepEqual([col(p, 'code').semantic, col(p, 'code').distinct], ['identifier', 150000]);
      assert.equal(col(p, 'k').semantic, 'integer');
      assert.equal(col(p, 'x').semantic, 'numeric', 'all-distinct floats are continuous, not identifiers');
      const median = col(p, 'id').quantiles!.p50;
      assert.ok(Math.abs(median - 74999.5) < 1500, `t-digest median ${median} within 1% of rank`);
      for (const c of p.columns.filter((x) => x.histogram)) assert.equal(sum(c.histogram!.counts), 150000, c.name);
    } finally {
      engine.close();
    }
  });

  test('a column that is not there is NOT_FOUND, naming the columns that are', async () => {
    const engine = await DuckDBEngine.open();
    try {
      await assert.rejects(computeProfile(engine, '(SELECT 1 AS a)', [{ name: 'b' }]), (e: unknown) => {
        assert.ok(isLatheError(e, 'NOT_FOUND'));
        assert.match(e.oneLine(), /column "b" .* its columns are: a/);
        return true;
      });
    } finally {
      engine.close();
    }
  });

  test('NaN and ±Infinity count as missing; weird names are quoted', async () => {
    const engine = await DuckDBEngine.open();
    try {
      await engine.run(`CREATE TABLE t AS SELECT * FROM (VALUES (1.5::DOUBLE), ('nan'::DOUBLE), ('inf'::DOUBLE), (0.5)) v("a ""b"" c")`);
      const c = (await computeProfile(engine, 't')).columns[0];
      assert.equal(c.name, 'a "b" c');
      assert.deepEqual([c.count, c.missing, c.min, c.max, c.mean], [2, 2, 0.5, 1.5, 1]);
    } finally {
      engine.close();
    }
  });
});

describe('profile of penguins.json against DuckDB aggregates', () => {
  let home: Home;
  let engine: DuckDBEngine;
  let p: Profile;
  const src = `read_json(${quoteLiteral(join(VEGA, 'penguins.json'))})`;
  before(async () => {
    home = await Home.open({ dir: tempDir() });
    await ingest(home, join(VEGA, 'penguins.json'), 'penguins');
    p = await profileDataset(home, 'penguins@1');
    engine = await DuckDBEngine.open();
  });
  after(async () => {
    engine.close();
    await home.close();
  });

  for (const name of ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)']) {
    test(name, async () => {
      const q = quoteIdent(name);
      const [r] = await engine.rows<Record<string, number | bigint>>(
        `SELECT count(${q}) AS n, count(*) - count(${q}) AS miss, avg(${q}) AS mean, stddev_samp(${q}) AS std,
                min(${q}) AS lo, max(${q}) AS hi, median(${q}) AS med FROM ${src}`,
      );
      const c = col(p, name);
      assert.equal(c.count, Number(r.n));
      assert.equal(c.missing, Number(r.miss));
      assert.ok(c.missing > 0, 'penguins has real missing values');
      close(c.mean, Number(r.mean), 'mean');
      close(c.std, Number(r.std), 'std');
      assert.equal(c.min, Number(r.lo));
      assert.equal(c.max, Number(r.hi));
      close(c.quantiles!.p50, Number(r.med), 'median');
      assert.equal(sum(c.histogram!.counts), c.count);
    });
  }

  test('Species top counts and Sex missing count', async () => {
    const species = await engine.rows<{ v: string; n: bigint }>(`SELECT Species AS v, count(*) AS n FROM ${src} GROUP BY 1 ORDER BY 2 DESC`);
    assert.deepEqual(col(p, 'Species').top, species.map((r) => ({ value: r.v, count: Number(r.n) })));
    const [sex] = await engine.rows<{ miss: bigint; d: bigint }>(`SELECT count(*) - count(Sex) AS miss, count(DISTINCT Sex) AS d FROM ${src}`);
    assert.equal(col(p, 'Sex').missing, Number(sex.miss));
    assert.equal(col(p, 'Sex').distinct, Number(sex.d));
    assert.equal(p.rows, 344);
  });
});

describe('the profile is stored once and reused', () => {
  test('a second call returns the identical stored object and writes nothing', async () => {
    const dir = tempDir();
    const home = await Home.open({ dir });
    try {
      await ingest(home, join(VEGA, 'penguins.json'), 'penguins');
      assert.equal((await resolveDataset(home, 'penguins')).profile, null);
      const first = await profileDataset(home, 'penguins');
      const sha = (await resolveDataset(home, 'penguins')).profile;
      assert.match(sha ?? '', /^[0-9a-f]{64}$/);
      const files = filesUnder(join(dir, 'artifacts'));
      const second = await profileDataset(home, 'penguins@1');
      assert.deepEqual(second, first);
      assert.equal((await resolveDataset(home, 'penguins')).profile, sha);
      assert.deepEqual(filesUnder(join(dir, 'artifacts')), files);
      assert.deepEqual(await home.meta.listPending(), []);
    } finally {
      await home.close();
    }
  });

  test('two concurrent first calls agree and leave one profile artifact, nothing pending', async () => {
    const dir = tempDir();
    const home = await Home.open({ dir });
    try {
      await ingest(home, join(VEGA, 'penguins.json'), 'penguins');
      const before = filesUnder(join(dir, 'artifacts')).length;
      const [a, b] = await Promise.all([profileDataset(home, 'penguins'), profileDataset(home, 'penguins')]);
      assert.deepEqual(a, b);
      assert.equal(filesUnder(join(dir, 'artifacts')).length, before + 1);
      assert.deepEqual(await home.meta.listPending(), []);
    } finally {
      await home.close();
    }
  });

  test('a zero-row dataset profiles without crashing', async () => {
    const home = await Home.open({ dir: tempDir() });
    try {
      await ingest(home, join(VEGA, 'penguins.json'), 'penguins');
      await derive(home, 'penguins', 'SELECT * FROM data WHERE false', 'empty');
      const p = await profileDataset(home, 'empty');
      assert.equal(p.rows, 0);
      assert.equal(p.columns.length, 7);
      for (const c of p.columns) {
        assert.deepEqual([c.count, c.missing, c.distinct, c.missing_rate, c.mean, c.histogram, c.top], [0, 0, 0, 0, null, null, []]);
      }
      assert.deepEqual(await profileDataset(home, 'empty'), p);
    } finally {
      await home.close();
    }
  });
});
