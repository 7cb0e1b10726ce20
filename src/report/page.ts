import { escapeHtml } from './escape.js';

/**
 * The stylesheet every report shares, inlined in the page. Chart classes
 * (`bar`, `bar-alt`, `axis`, `tick`) style the SVG from svg-bars.ts.
 */
export const REPORT_CSS = `
:root { --fg:#1d2330; --muted:#667085; --line:#e4e7ec; --bg:#f7f8fa; --card:#fff; --accent:#3b6fd8; --alt:#f29e4c; --warn:#b54708; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 0; word-break: break-all; }
.muted { color: var(--muted); }
.summary, .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin-bottom: 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 16px; }
.cards .card { margin: 0; }
.card header { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; margin-bottom: 8px; }
.badge { font-size: 12px; padding: 1px 8px; border-radius: 10px; background: #eef2fb; color: var(--accent); }
.badge.warn { background: #fef0e6; color: var(--warn); }
table { border-collapse: collapse; width: 100%; }
td, th { padding: 3px 8px 3px 0; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 2px 12px; margin-bottom: 8px; }
.stats div { display: flex; justify-content: space-between; gap: 6px; border-bottom: 1px dotted var(--line); }
.stats span:first-child { color: var(--muted); }
.chart { display: block; max-width: 100%; height: auto; }
.chart .bar { fill: var(--accent); } .chart .bar-alt { fill: var(--alt); fill-opacity: .8; }
.chart .axis { stroke: #98a2b3; } .chart .tick { font-size: 11px; fill: var(--muted); }
a { color: var(--accent); text-decoration: none; }
`;

/**
 * One complete, self-contained HTML page: inline CSS, no script, and a
 * Content-Security-Policy that forbids loading anything, so even a report
 * opened from an untrusted place can neither run code nor call out.
 *
 * @example
 * ```ts
 * writeFileAtomic('report.html', htmlPage('Profile', '<p>hello</p>'));
 * ```
 */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
