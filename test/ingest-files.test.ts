import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import '../src/ingest/builtins.js';
import { derive, ingest, loadFrame } from '../src/ingest/index.js';
import { Home } from '../src/store/index.js';
import { isLatheError } from '../src/errors.js';
import { EXPECTED, writeFixtures } from './fixtures.js';
import { homeState, tempDir, VEGA } from './helpers.js';

describe('every file format round-trips through ingest and loadFrame', () => {
  let home: Home;
  let files: Record<string, string>;
  before(async () => {
    home = await Home.open({ dir: tempDir() });
    files = await writeFixtures(tempDir('lathe-fx-'));
  });
  after(() => home.close());

  for (const fmt of ['csv', 'tsv', 'csv.gz', 'json', 'ndjson', 'ndjson.gz', 'parquet', 'arrow']) {
    test(fmt, async () => {
      const { record, created } = await ingest(home, files[fmt], `t-${fmt.replace('.', '-')}`);
      assert.equal(created, true);
      assert.equal(record.version, 1);
      assert.equal(record.rows, 4);
      assert.deepEqual(
        record.columns.map((c) => [c.name, c.type, c.nullable]),
        [
          ['id', 'integer', false],
          ['name', 'categorical', true],
          ['score', 'numeric', true],
          ['flag', 'boolean', true],
          ['day', 'datetime', true],
        ],
      );
      const f = await loadFrame(home, record.name);
      assert.equal(f.rows, 4);
      for (let i = 0; i < 4; i++) {
        assert.equal(f.value('id', i), EXPECTED.id[i]);
        assert.equal(f.value('name', i), EXPECTED.name[i]);
        assert.equal(f.value('score', i), EXPECTED.score[i]);
        assert.equal(f.value('flag', i), EXPECTED.flag[i]);
        const d = f.value('day', i) as Date | null;
        assert.equal(d === null ? null : d.toISOString().slice(0, 10), EXPECTED.day[i]);
      }
    });
  }

  test('a glob of CSV files becomes one version with all rows', async () => {
    const dir = tempDir('lathe-glob-');
    mkdirSync(join(dir, 'parts'));
    copyFileSync(files.csv, join(dir, 'parts', 'a.csv'));
    copyFileSync(files.csv, join(dir, 'parts', 'b.csv'));
    const { record } = await ingest(home, join(dir, 'parts', '*.csv'), 'globbed');
    assert.equal(record.rows, 8);
    assert.equal(record.source.location, join(dir, 'parts', '*.csv'));
  });

  test('loadFrame takes a column list or SQL over `data`', async () => {
    const f = await loadFrame(home, 't-csv@1', { columns: ['score', 'name'] });
    assert.deepEqual(f.names, ['score', 'name']);
    const g = await loadFrame(home, 't-csv', { sql: 'SELECT id * 2 AS twice FROM data WHERE flag' });
    assert.deepEqual([...(g.column('twice') as { values: Float64Array }).values], [2, 8]);
    await assert.rejects(loadFrame(home, 't-csv', { columns: ['nope'] }), (e) => isLatheError(e, 'NOT_FOUND') && /score/.test(e.hint ?? ''));
  });
});

describe('versions', () => {
  test('identical content is de-duplicated; new content is the next version', async () => {
    const home = await Home.open({ dir: tempDir() });
    try {
      const files = await writeFixtures(tempDir('lathe-fx-'));
      const a = await ingest(home, files.csv, 'd');
      const b = await ingest(home, files.csv, 'd');
      assert.equal(b.created, false);
      assert.equal(b.record.version, 1);
      assert.equal(b.record.hash, a.record.hash);
      const c = await ingest(home, files.tsv, 'd');
      // The same table from another format is the same content.
      assert.equal(c.record.version, 1);
      const d = await ingest(home, join(VEGA, 'cars.json'), 'd');
      assert.equal(d.created, true);
      assert.equal(d.record.version, 2);
      assert.equal((await home.meta.listDatasetVersions('d')).length, 2);
      assert.equal(homeState(home.dir).artifacts.length, 2);
    } finally {
      await home.close();
    }
  });

  test('derive makes a version from SQL and records lineage', async () => {
    const home = await Home.open({ dir: tempDir() });
    try {
      await ingest(home, join(VEGA, 'penguins.json'), 'penguins');
      const { record } = await derive(home, 'penguins@1', 'SELECT Species, "Body Mass (g)" AS mass FROM data WHERE Island = \'Biscoe\'', 'biscoe');
      assert.equal(record.rows, 168);
      assert.deepEqual(record.lineage, {
        parents: [{ name: 'penguins', version: 1 }],
        sql: 'SELECT Species, "Body Mass (g)" AS mass FROM data WHERE Island = \'Biscoe\'',
      });
      assert.equal(record.source.kind, 'derive');
      const f = await loadFrame(home, 'biscoe');
      assert.deepEqual(f.names, ['Species', 'mass']);
    } finally {
      await home.close();
    }
  });

  test('derive refuses non-SELECT SQL, many statements and file access', async () => {
    const home = await Home.open({ dir: tempDir() });
    try {
      await ingest(home, join(VEGA, 'cars.json'), 'cars');
      const bad = [
        'DROP TABLE data',
        'SELECT 1; SELECT 2',
        "SELECT * FROM read_text('/etc/passwd')",
        "COPY data TO '/tmp/x.csv'",
        'SELEC nonsense',
        'SELECT no_such_column FROM data',
      ];
      for (const sql of bad) {
        await assert.rejects(derive(home, 'cars', sql, 'out'), (e) => isLatheError(e) && e.code !== 'INTERNAL', sql);
      }
      assert.equal(await home.meta.getDatasetVersion('out'), undefined);
      assert.equal(homeState(home.dir).artifacts.length, 1);
    } finally {
      await home.close();
    }
  });
});
