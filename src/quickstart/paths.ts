import { isAbsolute, join, relative } from 'node:path';
import type { QuickstartContext } from './context.js';

/** A file in the quickstart's work folder, `<home>/quickstart/<name>`. */
export function workFile(ctx: QuickstartContext, name: string): string {
  return join(ctx.work, name);
}

/**
 * A file the quickstart generated as input for a later step (the drifted
 * batch, the labels, the monitor rules), as the by-hand commands name it:
 * `$Q/<name>`, where the summary sets Q to the work folder.
 */
export function generated(name: string): string {
  return `$Q/${name}`;
}

/** A path as the by-hand commands write it: relative to the current folder when inside it. */
export function shown(path: string): string {
  const here = relative(process.cwd(), path);
  return here.startsWith('..') || isAbsolute(here) ? path : here;
}
