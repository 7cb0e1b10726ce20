import assert from 'node:assert/strict';
import { createWriteStream, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { before, describe, test } from 'node:test';
import { isLatheError } from '../src/errors.js';
import '../src/ingest/builtins.js';
import { ingest } from '../src/ingest/index.js';
import { Home } from '../src/store/index.js';
import { homeState, lathe, tempDir } from './helpers.js';

/** A failing CLI command: exit 2, one-line error with a hint, nothing stored, tmp/ empty. */
function expectRefusal(args: string[], code: string, pattern: RegExp) {
  const home = tempDir();
  const r = lathe(home, [...args, '--json']);
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.json?.error?.code, code, JSON.stringify(r.json));
  assert.match(r.json.error.message, pattern);
  assert.ok(r.json.error.hint, 'an error says how to fix it');
  assert.ok(!`${r.json.error.message}${r.json.error.hint}`.includes('\n'), 'one line');
  const list = lathe(home, ['datasets', '--json']);
  assert.deepEqual(list.json, { datasets: [] });
  assert.deepEqual(homeState(home), { artifacts: [], tmp: [] });
  return r.json.error;
}

/** Writes `total` bytes of a repeated CSV line, gzipped, streamingly: a gzip bomb. */
async function writeBomb(path: string, total: number): Promise<void> {
  const line = Buffer.from('1,2,3\n'.repeat(10_000));
  const gz = createGzip({ level: 9 });
  const out = createWriteStream(path);
  gz.pipe(out);
  gz.write('a,b,c\n');
  for (let n = 0; n < total; n += line.length) if (!gz.write(line)) await new Promise<void>((r) => gz.once('drain', () => r()));
  gz.end();
  await new Promise<void>((r) => out.on('close', () => r()));
}

describe('ingest refuses hostile and mistaken input', () => {
  let dir: string;
  before(() => {
    dir = tempDir('lathe-hard-');
  });

  test('JSON nested 10,000 levels is refused naming the limit (ingest and schema infer)', () => {
    const p = join(dir, 'deep.json');
    writeFileSync(p, `${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expectRefusal(['ingest', p, '--name', 'x'], 'BAD_INPUT', /deep\.json: JSON nested deeper than the limit of 1000 levels/);
    expectRefusal(['schema', 'infer', p], 'BAD_INPUT', /limit of 1000 levels/);
  });

  test('a deep value inside a record, NDJSON and gzipped JSON are refused too', () => {
    const rec = join(dir, 'rec.json');
    writeFileSync(rec, `[{"a": 1, "b": ${'{"c":'.repeat(5000)}1${'}'.repeat(5000)}}]`);
    expectRefusal(['ingest', rec, '--name', 'x'], 'BAD_INPUT', /rec\.json: JSON nested deeper than the limit of 1000/);
    const nd = join(dir, 'deep.ndjson');
    writeFileSync(nd, `{"a":1}\n{"a":${'['.repeat(3000)}${']'.repeat(3000)}}\n`);
    expectRefusal(['ingest', nd, '--name', 'x'], 'BAD_INPUT', /deep\.ndjson: JSON nested deeper/);
    const gz = join(dir, 'deep.json.gz');
    writeFileSync(gz, gzipSync(`${'['.repeat(10_000)}${']'.repeat(10_000)}`));
    expectRefusal(['ingest', gz, '--name', 'x'], 'BAD_INPUT', /deep\.json\.gz: JSON nested deeper/);
  });

  test('brackets inside strings do not count, and 1000 levels are accepted', () => {
    const p = join(dir, 'strings.json');
    writeFileSync(p, JSON.stringify([{ s: '['.repeat(5000), t: 'a\\"[[[' }]));
    const r = lathe(tempDir(), ['ingest', p, '--name', 'x', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.rows, 1);
    const ok = join(dir, 'ok.json');
    // The record's own [ and { count: 2 + 998 = the limit.
    writeFileSync(ok, `[{"a": ${'['.repeat(998)}1${']'.repeat(998)}}]`);
    const accepted = lathe(tempDir(), ['ingest', ok, '--name', 'x', '--json']);
    assert.equal(accepted.code, 0, accepted.stderr);
  });

  test('JSON served over HTTP is bounded the same way', async () => {
    const body = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const home = await Home.open({ dir: tempDir() });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/deep.json`;
      await assert.rejects(
        ingest(home, url, 'x', { allowPrivateHosts: true } as never),
        (e) => isLatheError(e, 'BAD_INPUT') && /deep\.json: JSON nested deeper than the limit of 1000 levels/.test(e.message),
      );
      assert.deepEqual(await home.meta.listDatasetVersions('x'), []);
    } finally {
      await home.close();
      server.close();
    }
  });

  test('a gzip bomb (100 KB inflating to 100 MB) is refused in bounded memory', async () => {
    const p = join(dir, 'bomb.csv.gz');
    await writeBomb(p, 100 * 1024 ** 2);
    expectRefusal(['ingest', p, '--name', 'x'], 'TOO_LARGE', /bomb\.csv\.gz: the gzip stream inflates more than 200:1/);
  });

  test('an ordinary gzipped CSV still ingests', () => {
    const p = join(dir, 'small.csv.gz');
    writeFileSync(p, gzipSync('a,b\n1,x\n2,y\n'));
    const r = lathe(tempDir(), ['ingest', p, '--name', 'x', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.rows, 2);
  });

  test('--on-error skip that skips every row is refused and stores nothing', () => {
    const p = join(dir, 'allbad.csv');
    writeFileSync(p, 'a,b\n1,2\n');
    const bad = join(dir, 'allbad2.csv');
    writeFileSync(bad, 'a,b,c\n1,2\n3\n4,5,6,7\n');
    expectRefusal(['ingest', bad, '--name', 'x', '--on-error', 'skip'], 'EMPTY_SOURCE', /allbad2\.csv: every row failed to parse \(3 skipped\)/);
  });

  test('Excel workbooks are named as such, by extension and by magic bytes', () => {
    const xlsx = join(dir, 'book.xlsx');
    writeFileSync(xlsx, 'PK\x03\x04');
    const e = expectRefusal(['ingest', xlsx, '--name', 'x'], 'UNSUPPORTED_FORMAT', /book\.xlsx: an Excel workbook, and Lathe does not read Excel files/);
    assert.match(e.hint, /CSV .*Parquet/);
    expectRefusal(['ingest', join(dir, 'old.xls'), '--name', 'x'], 'UNSUPPORTED_FORMAT', /Excel/);
    const misnamed = join(dir, 'sheet.csv');
    writeFileSync(misnamed, Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'), Buffer.from('[Content_Types].xml xl/workbook.xml')]));
    expectRefusal(['ingest', misnamed, '--name', 'x'], 'UNSUPPORTED_FORMAT', /sheet\.csv: an Excel workbook/);
    const ole = join(dir, 'legacy.csv');
    writeFileSync(ole, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expectRefusal(['ingest', ole, '--name', 'x'], 'UNSUPPORTED_FORMAT', /legacy\.csv: an Excel workbook/);
  });

  test('decimal commas warn naming the column, and --decimal , reads them as numbers', () => {
    const p = join(dir, 'euro.csv');
    writeFileSync(p, 'id;weight;city\n1;39,1;Oslo\n2;2,5;Bergen\n3;-10,25;Oslo\n');
    const r = lathe(tempDir(), ['ingest', p, '--name', 'x', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.columns[1].type, 'categorical');
    assert.equal(r.json.warnings.length, 1);
    assert.match(r.json.warnings[0], /column "weight" holds numbers with a decimal comma .*--decimal ,/);
    const human = lathe(tempDir(), ['ingest', p, '--name', 'x']);
    assert.match(human.stderr, /^warning: column "weight"/m);
    const home = tempDir();
    const d = lathe(home, ['ingest', p, '--name', 'x', '--decimal', ',', '--json']);
    assert.equal(d.code, 0, d.stderr);
    assert.equal(d.json.columns[1].type, 'numeric');
    assert.deepEqual(d.json.warnings, []);
    const shown = lathe(home, ['dataset', 'show', 'x', '--json']);
    assert.match(JSON.stringify(shown.json), /"decimal":","/);
    expectRefusal(['ingest', p, '--name', 'x', '--decimal', ',', '--delimiter', ','], 'BAD_USAGE', /--decimal , needs a field delimiter other than ","/);
    expectRefusal(['ingest', p, '--name', 'x', '--decimal', 'x'], 'BAD_USAGE', /unknown --decimal "x"/);
    // Thousands groupings alone are not flagged.
    const us = join(dir, 'us.csv');
    writeFileSync(us, 'id;amount\n1;1,234\n2;12,500\n');
    assert.deepEqual(lathe(tempDir(), ['ingest', us, '--name', 'x', '--json']).json.warnings, []);
  });

  test('a Latin-1 file names the encoding; --encoding latin-1 and utf-16 read it', () => {
    const p = join(dir, 'latin.csv');
    writeFileSync(p, Buffer.from('name,city\nJos\xe9,M\xfcnchen\nAnn,Oslo\n', 'latin1'));
    expectRefusal(['ingest', p, '--name', 'x'], 'PARSE_ERROR', /latin\.csv is not UTF-8: line 2 has bytes that are not valid UTF-8/);
    const r = lathe(tempDir(), ['ingest', p, '--name', 'x', '--encoding', 'latin-1', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.rows, 2);
    const u16 = join(dir, 'u16.csv');
    writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,n\nJosé,1\n', 'utf16le')]));
    expectRefusal(['ingest', u16, '--name', 'x'], 'PARSE_ERROR', /u16\.csv is not UTF-8: .*UTF-16/);
    const u = lathe(tempDir(), ['ingest', u16, '--name', 'x', '--encoding', 'utf-16', '--json']);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(u.json.rows, 1);
    expectRefusal(['ingest', p, '--name', 'x', '--encoding', 'klingon'], 'BAD_USAGE', /unknown --encoding "klingon"/);
    // A bad byte past the sniffed head is named by DuckDB's error, mapped to the same message.
    const late = join(dir, 'late.csv');
    writeFileSync(late, Buffer.concat([Buffer.from(`a,b\n${'x,1\n'.repeat(100_000)}`), Buffer.from('Jos\xe9,2\n', 'latin1')]));
    expectRefusal(['ingest', late, '--name', 'x'], 'PARSE_ERROR', /late\.csv is not UTF-8/);
  });
});
