// Aliases named after Object.prototype's members (constructor, toString,
// __proto__, ...) behave like any other alias: set, served, removed, then 404.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { removeAlias, resolveModelVersion, setAlias } from '../src/registry/index.js';
import type { Home } from '../src/store/index.js';
import { call, serve, servedHome } from './serve-helpers.js';
import { lathe } from './helpers.js';
import { LatheError } from '../src/errors.js';

const NAMES = Object.getOwnPropertyNames(Object.prototype);

describe('aliases named after Object.prototype members', () => {
  let home: Home;
  let dir: string;
  let server: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    ({ home, dir } = await servedHome());
    server = await serve(home);
  });
  after(async () => {
    await server.close();
    await home.close();
  });

  it('the list covers the names of the report', () => {
    for (const n of ['constructor', 'valueOf', 'toString', '__proto__']) assert.ok(NAMES.includes(n));
  });

  it('an unset alias of such a name is not found, in the registry and on the server', async () => {
    for (const name of NAMES) {
      await assert.rejects(resolveModelVersion(home, `pen@${name}`), (e: unknown) => e instanceof LatheError && e.code === 'NOT_FOUND', name);
      const r = await call(`${server.url}/v2/models/pen/versions/${name}/ready`);
      assert.equal(r.status, 404, name);
    }
  });

  it('set → served → rm → 404, for each name', async () => {
    for (const name of NAMES) {
      await setAlias(home, 'pen', name, 2, { actor: 'test' });
      assert.equal((await home.meta.getModel('pen'))!.aliases[name], 2, name);
      assert.equal((await resolveModelVersion(home, `pen@${name}`)).version.version, 2, name);
      await server.refresh();
      const up = await call(`${server.url}/v2/models/pen/versions/${name}/ready`);
      assert.equal(up.status, 200, name);
      await removeAlias(home, 'pen', name, { actor: 'test' });
      await server.refresh();
      const down = await call(`${server.url}/v2/models/pen/versions/${name}/ready`);
      assert.equal(down.status, 404, name);
      assert.match(down.json.error, /has no alias/, name);
      await assert.rejects(resolveModelVersion(home, `pen@${name}`), (e: unknown) => e instanceof LatheError && e.code === 'NOT_FOUND', name);
    }
    // The production alias was never touched.
    assert.deepEqual({ ...(await home.meta.getModel('pen'))!.aliases }, { production: 1 });
  });

  it('`lathe alias set` and `alias rm` accept such names like any other', async () => {
    const set = lathe(dir, ['alias', 'set', 'pen', '__proto__', '3']);
    assert.equal(set.code, 0, set.stderr);
    assert.equal((await home.meta.getModel('pen'))!.aliases.__proto__, 3);
    const rm = lathe(dir, ['alias', 'rm', 'pen', '__proto__']);
    assert.equal(rm.code, 0, rm.stderr);
    const again = lathe(dir, ['alias', 'rm', 'pen', 'constructor']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /has no alias "constructor"/);
  });
});
