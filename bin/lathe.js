#!/usr/bin/env node
// The CLI entry point. Sources are TypeScript, loaded through tsx's ESM hook so a
// fresh clone works after `npm install` with no build step. The CLI runs in this
// very process (no child is spawned), so SIGINT and SIGTERM reach it directly.
import { register } from 'tsx/esm/api';

watchParent();
register();
await import('../src/cli/main.ts');

/**
 * Under `npx lathe` (or `npm exec`, `npm run`) npm starts `sh -c lathe …`,
 * and on SIGTERM or SIGINT it forwards the signal to that shell only. The
 * shell dies without passing it on, so this process would be orphaned and
 * `lathe serve` would keep answering. When npm started us, losing the parent
 * is therefore taken as the stop signal meant for us: we send ourselves
 * SIGTERM, so `serve` drains and exits as if it had been signalled, and any
 * other command ends. Outside npm a changed parent means nothing (`nohup
 * lathe serve &` must outlive its shell), so the watch is off there, and
 * LATHE_PARENT_WATCH=0 turns it off under npm too.
 */
function watchParent() {
  const underNpm = process.env.npm_command !== undefined || process.env.npm_lifecycle_event !== undefined;
  if (!underNpm || process.env.LATHE_PARENT_WATCH === '0') return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, 250);
  // The watch alone never keeps a finished command alive.
  timer.unref();
}
