import type { Command } from 'commander';
import { formatVersionRef } from '../../registry/index.js';
import { type PromotionResult, promote } from '../../registry/promote/index.js';
import { formatMetric } from '../format-run.js';
import { printJson, printTable, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

/** `lathe promote <m:N> --alias production [--gate …] [--dataset …] [--message …]`. */
export function registerPromote(program: Command): void {
  program
    .command('promote')
    .description('move an alias to a version only if it passes a gate against the current champion and the baseline; exit code 1 when refused')
    .argument('<ref>', 'the candidate version, name:N')
    .option('--alias <alias>', 'the alias to move', 'production')
    .option('--gate <expr>', "e.g. 'auc >= champion - 0.005 and acc > 0.9' (default: primary metric not worse than the champion, better than the baseline)")
    .option('--dataset <ref>', "score on this dataset version (default: the candidate's own test split)")
    .option('-m, --message <text>', 'why, for the audit trail')
    .action(async (ref: string, o: { alias: string; gate?: string; dataset?: string; message?: string }, cmd: Command) => {
      const g = globals(cmd);
      const r = await withHome(g, (home) => promote(home, { ref, alias: o.alias, gate: o.gate, dataset: o.dataset, message: o.message }));
      if (g.json) printJson(r);
      else printPromotion(r);
      // The refusal is a result, already printed in full; the exit code says no (a thrown error would print a second document).
      if (!r.passed) process.exitCode = 1;
    });
}

/** Both models' metrics side by side, the gates, and what happened to the alias. */
export function printPromotion(r: PromotionResult): void {
  const cand = formatVersionRef(r.model, r.candidate);
  const champ = r.champion === null ? null : formatVersionRef(r.model, r.champion);
  println(`${cand} for ${r.model}@${r.alias} (champion: ${champ ?? 'none'}), scored on ${r.dataset.label}, ${r.dataset.rows} rows`);
  const keys = Object.keys(r.scores.candidate);
  const headers = ['metric', `candidate :${r.candidate}`, ...(r.scores.champion ? [`champion :${r.champion}`] : []), ...(r.scores.baseline ? ['baseline'] : [])];
  printTable(headers, keys.map((k) => [
    k === r.primary_metric ? `${k} *` : k,
    formatMetric(r.scores.candidate[k], 6),
    ...(r.scores.champion ? [formatMetric(r.scores.champion[k], 6)] : []),
    ...(r.scores.baseline ? [formatMetric(r.scores.baseline[k], 6)] : []),
  ]));
  println();
  for (const gate of r.gates) {
    const detail = gate.threshold === null ? gate.note : `${formatMetric(gate.value, 6)} vs ${formatMetric(gate.threshold, 6)}${gate.note ? `, ${gate.note}` : ''}`;
    println(`${gate.passed ? 'pass' : 'FAIL'}  ${gate.gate}  (${detail})`);
  }
  for (const w of r.warnings) println(`warning: ${w}`);
  println();
  if (r.moved) println(`promoted: ${r.model}@${r.alias} ${champ ?? '(none)'} → ${cand}`);
  else if (r.passed) println(`${cand} already holds ${r.model}@${r.alias}; nothing moved`);
  else println(`refused: ${r.model}@${r.alias} stays at ${champ ?? '(none)'}`);
}
