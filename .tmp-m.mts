import { postgresSourceFactory } from './src/ingest/sources/postgres-source.js';
import { DuckDBEngine } from './src/engine/index.js';
import { silentProgress } from './src/core/index.js';
const engine = await DuckDBEngine.open();
for (const [u, o] of [['postgres://postgres:pw123@127.0.0.1:1/test', {table:'t'}], ['postgres://nobody:pw123@127.0.0.1/test#t', {}], ['postgres://postgres:pw123@127.0.0.1/test', {query: 'select * from nosuch'}], ['postgres://postgres:pw123@127.0.0.1/nodb#t', {}], ['postgres://postgres:pw123@nohost.invalid/nodb#t', {}], ['postgres://postgres:pw123@127.0.0.1/test', {query: 'select 1/0'}]] as const) {
  const s = postgresSourceFactory.create(u, o);
  try { await s.open({engine, stagingDir: '/tmp', progress: silentProgress}); } catch (e: any) { console.log(e.code, '|', e.oneLine()); } finally { await s.close?.(); }
}
