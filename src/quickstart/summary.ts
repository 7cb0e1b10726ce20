import { join } from 'node:path';
import type { Narrator } from './narrator.js';
import type { QuickstartResult } from './quickstart-result.js';

/** The closing words: where the reports are, and every step as CLI commands. */
export function printSummary(n: Narrator, r: QuickstartResult): void {
  n.line();
  n.line(`done in ${r.seconds.toFixed(1)} s. The home is ${r.home}${r.temporary ? ' (a temporary folder: delete it when done)' : ''}.`);
  n.line();
  n.line('HTML reports (self-contained, open them in a browser):');
  n.line(`  data profile         ${r.reports.profile}`);
  n.line(`  drift                ${r.reports.drift}`);
  n.line(`  monitoring           ${r.reports.monitor}`);
  n.line();
  n.line('The same steps by hand, in a new home ($Q holds the files the quickstart generated for later steps):');
  n.line(`  alias lathe='npx lathe'; export LATHE_HOME=$PWD/my-lathe Q=${join(r.home, 'quickstart')}`);
  for (const [i, s] of r.steps.entries()) {
    n.line(`  # ${i + 1}. ${s.name}`);
    for (const c of s.commands) n.line(`  ${c}`);
  }
}
