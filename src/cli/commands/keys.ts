import type { Command } from 'commander';
import { currentActor } from '../../registry/index.js';
import { createKey, openServeStore, parseScope } from '../../serve/index.js';
import { printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe keys create|list|revoke`: API keys for `lathe serve`; only salted hashes are stored. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('manage API keys for lathe serve (every change is audited)');
  keys
    .command('create')
    .description('create a key and print it once')
    .requiredOption('--name <name>', 'a name for the key: who or what uses it')
    .option('--scope <scope>', 'read, predict or admin (each includes the ones before it)', 'predict')
    .action(async (o: { name: string; scope: string }, cmd: Command) => {
      const g = globals(cmd);
      const scope = parseScope(o.scope);
      const created = await withHome(g, async (home) => {
        const store = openServeStore(home);
        try {
          const actor = currentActor();
          const c = await createKey(store, o.name, scope, actor);
          await store.appendAudit({ at: c.record.created, actor, action: 'key.create', target: `key:${o.name}`, detail: { scope } });
          return c;
        } finally {
          await store.close();
        }
      });
      if (g.json) return printJson({ name: created.record.name, scope: created.record.scope, key: created.key, created: created.record.created });
      println(created.key);
      process.stderr.write(`key "${o.name}" (scope ${scope}) created; it is shown only now, so store it safely\n`);
    });
  keys
    .command('list')
    .description('list keys (never their secrets)')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const list = await withHome(g, async (home) => {
        const store = openServeStore(home);
        try {
          return await store.listKeys();
        } finally {
          await store.close();
        }
      });
      const shown = list.map((k) => ({ name: k.name, key_id: k.key_id, scope: k.scope, created: k.created, created_by: k.created_by, revoked: k.revoked }));
      if (g.json) return printJson({ keys: shown });
      if (shown.length === 0) return println('no API keys; create one with `lathe keys create --name <name> --scope predict`');
      printTable(['NAME', 'ID', 'SCOPE', 'CREATED', 'BY', 'REVOKED'], shown.map((k) => [k.name, `lk_${k.key_id}_…`, k.scope, k.created, k.created_by, k.revoked ?? '-']));
    });
  keys
    .command('revoke')
    .description('revoke a key; running servers refuse it within a poll interval')
    .argument('<name>', 'the key name')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const rec = await withHome(g, async (home) => {
        const store = openServeStore(home);
        try {
          const r = await store.revokeKey(name, new Date().toISOString());
          await store.appendAudit({ at: r.revoked!, actor: currentActor(), action: 'key.revoke', target: `key:${name}`, detail: null });
          return r;
        } finally {
          await store.close();
        }
      });
      if (g.json) return printJson({ name: rec.name, revoked: rec.revoked });
      println(`key "${rec.name}" revoked`);
    });
}
