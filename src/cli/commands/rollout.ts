import type { Command } from 'commander';
import { LatheError } from '../../errors.js';
import { currentActor } from '../../registry/index.js';
import { abortRollout, openServeStore, promoteCanary, startRollout, type RolloutRecord } from '../../serve/index.js';
import type { AliasAuditEntry } from '../../store/index.js';
import { printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

type Result = { rollouts: RolloutRecord[] } | { promoted: AliasAuditEntry } | { ended: RolloutRecord[] } | { started: RolloutRecord };

interface RolloutFlags {
  alias: string;
  canary?: string;
  shadow?: string;
  percent?: string;
  promote?: boolean;
  abort?: boolean;
  status?: boolean;
  message?: string;
}

/**
 * `lathe rollout <model> --canary N --percent 10 | --shadow N --percent 100 |
 * --promote | --abort | --status`, on an alias (default production).
 */
export function registerRollout(program: Command): void {
  program
    .command('rollout')
    .description('canary and shadow rollouts on an alias; running servers follow within seconds')
    .argument('<model>', 'a registered model name')
    .option('--alias <alias>', 'the alias whose traffic is split', 'production')
    .option('--canary <version>', 'send --percent of the alias\'s requests to this version')
    .option('--shadow <version>', 'mirror --percent of the alias\'s requests to this version, after responding')
    .option('--percent <p>', 'share of traffic, 0–100')
    .option('--promote', 'end the canary by moving the alias to its version')
    .option('--abort', 'end the canary and the shadow; the alias keeps its version')
    .option('--status', 'show the rollouts on the model')
    .option('-m, --message <text>', 'why, for the audit log')
    .action(async (model: string, o: RolloutFlags, cmd: Command) => {
      const g = globals(cmd);
      const chosen = [o.canary, o.shadow, o.promote, o.abort, o.status].filter((x) => x !== undefined && x !== false).length;
      if (chosen !== 1) throw new LatheError('BAD_USAGE', 'give exactly one of --canary, --shadow, --promote, --abort, --status', { hint: 'e.g. lathe rollout churn --canary 4 --percent 10' });
      const who = { actor: currentActor(), message: o.message ?? null };
      const result = await withHome(g, async (home): Promise<Result> => {
        const store = openServeStore(home);
        try {
          if (o.status) return { rollouts: await store.listRollouts(model) };
          if (o.promote) return { promoted: await promoteCanary(home, store, model, o.alias, who) };
          if (o.abort) return { ended: await abortRollout(home, store, model, o.alias, who) };
          const kind = o.canary !== undefined ? 'canary' : 'shadow';
          if (o.percent === undefined) throw new LatheError('BAD_USAGE', `--${kind} needs --percent`, { hint: `e.g. --${kind} ${o.canary ?? o.shadow} --percent ${kind === 'canary' ? 10 : 100}` });
          return { started: await startRollout(home, store, { model, alias: o.alias, kind, version: version(o.canary ?? o.shadow!), percent: percent(o.percent), ...who }) };
        } finally {
          await store.close();
        }
      });
      if (g.json) return printJson(result);
      if ('rollouts' in result) {
        if (result.rollouts.length === 0) return println(`no rollout runs on ${model}`);
        return printTable(['ALIAS', 'KIND', 'VERSION', 'PERCENT', 'STARTED', 'BY'], result.rollouts.map((r) => [r.alias, r.kind, r.version, r.percent, r.started, r.actor]));
      }
      if ('promoted' in result) return println(`${model}@${o.alias}: ${result.promoted.old_version ?? '(none)'} → ${result.promoted.new_version} (canary promoted)`);
      if ('ended' in result) return println(`${model}@${o.alias}: ended ${result.ended.map((r) => `${r.kind} of version ${r.version}`).join(' and ')}`);
      const s = result.started;
      println(`${model}@${s.alias}: ${s.kind} of version ${s.version} at ${s.percent}%`);
    });
}

function version(text: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(text.trim())) throw new LatheError('BAD_USAGE', `version "${text.slice(0, 20)}" is not a version number`, { hint: 'write the number N from `lathe model show <name>`' });
  return Number(text);
}

function percent(text: string): number {
  const p = Number(text);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text.trim()) || p > 100) throw new LatheError('BAD_USAGE', `--percent "${text.slice(0, 20)}" is not between 0 and 100`, { hint: 'pass e.g. --percent 10' });
  return p;
}
