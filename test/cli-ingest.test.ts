import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { writeFixtures } from './fixtures.js';
import { homeState, lathe, tempDir, VEGA } from './helpers.js';

/** Runs a failing ingest and checks the error contract and that nothing was written. */
function expectIngestError(args: string[], code: string, pattern: RegExp) {
  const home = tempDir();
  const r = lathe(home, ['ingest', ...args, '--json']);
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.json?.error?.code, code, JSON.stringify(r.json));
  assert.match(r.json.error.message, pattern);
  assert.ok(r.json.error.hint, 'an error says how to fix it');
  assert.ok(!r.json.error.message.includes('\n'), 'one line');
  const human = lathe(home, ['ingest', ...args]);
  assert.equal(human.code, 2);
  assert.match(human.stderr, /^error: .+ — .+\n$/);
  assert.equal(human.stdout, '');
  const list = lathe(home, ['datasets', '--json']);
  assert.deepEqual(list.json, { datasets: [] });
  assert.deepEqual(homeState(home), { artifacts: [], tmp: [] });
}

describe('lathe ingest', () => {
  let dir: string;
  let files: Record<string, string>;
  before(async () => {
    dir = tempDir('lathe-cli-');
    files = await writeFixtures(dir);
  });

  test('--json prints the stable shape, and the human form is a table', () => {
    const home = tempDir();
    const r = lathe(home, ['ingest', files.csv, '--name', 'fx', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(r.json).slice(0, 6), ['dataset', 'version', 'rows', 'columns', 'hash', 'created']);
    assert.equal(r.json.dataset, 'fx');
    assert.equal(r.json.version, 1);
    assert.equal(r.json.rows, 4);
    assert.deepEqual(r.json.columns[0], { name: 'id', type: 'integer', nullable: false });
    assert.match(r.json.hash, /^[0-9a-f]{64}$/);
    assert.equal(r.json.deduplicated, false);
    assert.equal(r.stderr, '');
    const again = lathe(home, ['ingest', files.csv, '--name', 'fx']);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /unchanged: identical content is already fx@1/);
    const show = lathe(home, ['dataset', 'show', 'fx@1', '--json']);
    assert.equal(show.json.rows, 4);
    assert.equal(show.json.source.kind, 'file');
    const list = lathe(home, ['datasets']);
    assert.match(list.stdout, /^name\s+latest\s+versions/);
    assert.match(list.stdout, /fx\s+1\s+1\s+4/);
  });

  test('CSV options override detection', () => {
    const home = tempDir();
    const p = join(dir, 'semi.txt');
    writeFileSync(p, "1;'a;b';x\n2;'c';y\n");
    const r = lathe(home, ['ingest', p, '--name', 's', '--format', 'csv', '--delimiter', ';', '--quote', "'", '--no-header', '--types', 'column0=VARCHAR', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json.columns.map((c: { name: string; type: string }) => [c.name, c.type]), [
      ['column0', 'categorical'],
      ['column1', 'categorical'],
      ['column2', 'categorical'],
    ]);
    assert.equal(r.json.rows, 2);
  });

  test('a missing file', () => expectIngestError([join(dir, 'nope.csv'), '--name', 'x'], 'NOT_FOUND', /nope\.csv: no such file/));

  test('an empty file', () => {
    const p = join(dir, 'empty.csv');
    writeFileSync(p, '');
    expectIngestError([p, '--name', 'x'], 'EMPTY_SOURCE', /empty\.csv: the file is empty/);
  });

  test('an unreadable file', () => {
    const p = join(dir, 'bad.parquet');
    writeFileSync(p, 'this is not parquet at all');
    expectIngestError([p, '--name', 'x'], 'PARSE_ERROR', /bad\.parquet: not a readable Parquet file/);
  });

  test('a ragged CSV row fails naming the line; skip mode reports it', () => {
    const p = join(dir, 'ragged.csv');
    writeFileSync(p, 'a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n');
    expectIngestError([p, '--name', 'x'], 'PARSE_ERROR', /ragged\.csv: line 3: expected 3 columns, found 2/);
    const home = tempDir();
    const r = lathe(home, ['ingest', p, '--name', 'x', '--on-error', 'skip', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.rows, 2);
    assert.equal(r.json.skipped.count, 2);
    assert.deepEqual(r.json.skipped.sample.map((s: { line: number }) => s.line), [3, 5]);
    assert.match(r.json.skipped.sample[0].error, /Expected Number of Columns: 3 Found: 2: 4,5/);
    const human = lathe(tempDir(), ['ingest', p, '--name', 'x', '--on-error', 'skip']);
    assert.match(human.stdout, /skipped 2 bad rows/);
  });

  test('an unterminated quote', () => {
    const p = join(dir, 'quote.csv');
    writeFileSync(p, 'a,b,c\n1,"2,3\n4,5,6\n');
    expectIngestError([p, '--name', 'x'], 'PARSE_ERROR', /quote\.csv: line 2: a quoted value is never closed/);
  });

  test('an unknown format', () => {
    const p = join(dir, 'data.xml');
    writeFileSync(p, '<a/>');
    expectIngestError([p, '--name', 'x'], 'UNSUPPORTED_FORMAT', /cannot tell the format/);
    expectIngestError([files.csv, '--name', 'x', '--format', 'xml'], 'UNSUPPORTED_FORMAT', /unknown format "xml"/);
    expectIngestError(['ftp://example.com/x.csv', '--name', 'x'], 'UNSUPPORTED_FORMAT', /unknown source scheme "ftp"/);
  });

  test('duplicate column names', () => {
    const p = join(dir, 'dup.csv');
    writeFileSync(p, 'a,b,A\n1,2,3\n');
    expectIngestError([p, '--name', 'x'], 'DUPLICATE_COLUMN', /column name "A" appears more than once/);
  });

  test('zero columns', () => {
    const p = join(dir, 'nocols.json');
    writeFileSync(p, '[{}, {}]');
    expectIngestError([p, '--name', 'x'], 'NO_COLUMNS', /has no columns/);
  });

  test('a dataset name outside [A-Za-z0-9._-]', () => {
    expectIngestError([files.csv, '--name', 'bad/name'], 'BAD_NAME', /dataset name "bad\/name" is not allowed/);
    expectIngestError([files.csv, '--name', '..'], 'BAD_NAME', /not allowed/);
  });

  test('bad usage exits 2', () => {
    const r = lathe(tempDir(), ['ingest', files.csv, '--json']);
    assert.equal(r.code, 2);
    assert.equal(r.json.error.code, 'BAD_USAGE');
    assert.match(r.json.error.message, /--name/);
    const o = lathe(tempDir(), ['ingest', files.csv, '--name', 'x', '--on-error', 'maybe', '--json']);
    assert.equal(o.json.error.code, 'BAD_USAGE');
  });

  test('unknown refs say what exists', () => {
    const home = tempDir();
    lathe(home, ['ingest', join(VEGA, 'cars.json'), '--name', 'cars']);
    const r = lathe(home, ['dataset', 'show', 'cars@7', '--json']);
    assert.equal(r.code, 2);
    assert.equal(r.json.error.code, 'NOT_FOUND');
    assert.match(r.json.error.hint, /versions are 1 to 1/);
    const bad = lathe(home, ['dataset', 'show', 'cars@x']);
    assert.match(bad.stderr, /^error: dataset ref "cars@x" has a bad version/);
  });
});
