import type { Command } from 'commander';
import { LatheError } from '../../errors.js';
import { removeAlias, setAlias } from '../../registry/index.js';
import { printJson, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe alias set <model> <alias> <version>` and `lathe alias rm <model> <alias>`. */
export function registerAlias(program: Command): void {
  const alias = program.command('alias').description("move a model's aliases (every move is audited)");
  alias
    .command('set')
    .description('point an alias (production, staging, any name) at a version')
    .argument('<model>', 'a registered model name')
    .argument('<alias>', 'the alias: [A-Za-z0-9._-], not all digits')
    .argument('<version>', 'the version number N')
    .option('-m, --message <text>', 'why, for the audit trail')
    .action(async (model: string, name: string, version: string, o: { message?: string }, cmd: Command) => {
      const g = globals(cmd);
      const n = parseVersion(version);
      const e = await withHome(g, (home) => setAlias(home, model, name, n, { message: o.message }));
      if (g.json) return printJson(e);
      println(`${model}@${name}: ${e.old_version ?? '(none)'} → ${e.new_version}`);
    });
  alias
    .command('rm')
    .description('remove an alias')
    .argument('<model>', 'a registered model name')
    .argument('<alias>', 'the alias to remove')
    .option('-m, --message <text>', 'why, for the audit trail')
    .action(async (model: string, name: string, o: { message?: string }, cmd: Command) => {
      const g = globals(cmd);
      const e = await withHome(g, (home) => removeAlias(home, model, name, { message: o.message }));
      if (g.json) return printJson(e);
      println(`${model}@${name} removed (was ${e.old_version})`);
    });
}

function parseVersion(text: string): number {
  const m = /^(?:[A-Za-z0-9._-]+:)?([1-9][0-9]{0,8})$/.exec(text.trim());
  if (!m) throw new LatheError('BAD_USAGE', `version "${text}" is not a version number`, { hint: 'write the number N from `lathe model show <name>`' });
  return Number(m[1]);
}
