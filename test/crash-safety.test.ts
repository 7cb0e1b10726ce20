import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { DuckDBEngine, quoteLiteral } from '../src/engine/index.js';
import { Home } from '../src/store/index.js';
import { BIN, ROOT, homeState, lathe, latheAsync, tempDir, VEGA } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash safety', () => {
  let big: string;
  before(async () => {
    big = join(tempDir('lathe-big-'), 'flights.csv');
    const e = await DuckDBEngine.open();
    try {
      await e.run(`COPY (SELECT * FROM read_parquet(${quoteLiteral(join(VEGA, 'flights-3m.parquet'))})) TO ${quoteLiteral(big)} (HEADER)`);
    } finally {
      e.close();
    }
  });

  for (const delay of [600, 1200, 2000]) {
    test(`kill -9 ${delay} ms into an ingest leaves no version and no stray files`, async () => {
      const home = tempDir();
      const child = latheAsync(home, ['ingest', big, '--name', 'big']);
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      await sleep(delay);
      child.kill('SIGKILL');
      const code = await exited;
      // The longest delay may let a fast machine finish first; then there is nothing to check.
      if (code === 0 && delay >= 2000) return;
      assert.equal(code, null, 'the ingest was killed mid-way');
      const r = lathe(home, ['datasets', '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.json, { datasets: [] });
      assert.deepEqual(homeState(home), { artifacts: [], tmp: [] });
      // And the home still works.
      const ok = lathe(home, ['ingest', join(VEGA, 'cars.json'), '--name', 'cars', '--json']);
      assert.equal(ok.json.version, 1);
    });
  }

  test('an artifact stored by a writer that died before its row committed is swept', async () => {
    const dir = tempDir();
    const home = await Home.open({ dir });
    const { sha256 } = await home.artifacts.putBytes(new TextEncoder().encode('orphan'));
    await home.meta.addPending({ id: 'dead', artifact: sha256, pid: 2 ** 22 + 12345, host: hostname(), created: new Date().toISOString() });
    mkdirSync(join(dir, 'tmp', `${2 ** 22 + 12345}-abc`));
    writeFileSync(join(dir, 'tmp', `${2 ** 22 + 12345}-abc`, 'snapshot.parquet'), 'partial');
    // A live writer's pending artifact must survive the sweep.
    const live = await home.artifacts.putBytes(new TextEncoder().encode('in flight'));
    await home.meta.addPending({ id: 'live', artifact: live.sha256, pid: process.pid, host: hostname(), created: new Date().toISOString() });
    await home.close();
    const again = await Home.open({ dir });
    try {
      assert.equal(await again.artifacts.has(sha256), false);
      assert.equal(await again.artifacts.has(live.sha256), true);
      assert.deepEqual((await again.meta.listPending()).map((p) => p.id), ['live']);
      assert.equal(existsSync(join(dir, 'tmp', `${2 ** 22 + 12345}-abc`)), false);
    } finally {
      await again.close();
    }
  });

  test('processes opening a fresh home at the same moment do not race', async () => {
    const home = tempDir();
    const sources = ['cars.json', 'penguins.json', 'seattle-weather.csv', 'movies.json'];
    const runs = sources.map(
      (f) =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          const c = spawn(process.execPath, [BIN, '--home', home, 'ingest', join(VEGA, f), '--name', 'many', '--json'], { cwd: ROOT });
          let out = '';
          let err = '';
          c.stdout.on('data', (d) => (out += d));
          c.stderr.on('data', (d) => (err += d));
          c.on('exit', (code) => resolve({ code, out, err }));
        }),
    );
    const results = await Promise.all(runs);
    for (const r of results) assert.equal(r.code, 0, r.err);
    const versions = results.map((r) => JSON.parse(r.out).version).sort();
    assert.deepEqual(versions, [1, 2, 3, 4]);
    const list = lathe(home, ['datasets', 'many', '--json']);
    assert.equal(list.json.versions.length, 4);
  });
});
