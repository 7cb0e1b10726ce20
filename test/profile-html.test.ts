import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import '../src/ingest/builtins.js';
import { type Profile, profileDataset } from '../src/data/profile/index.js';
import { ingest } from '../src/ingest/index.js';
import { barsSvg, escapeHtml, histogramSvg, profileHtml } from '../src/report/index.js';
import { Home } from '../src/store/index.js';
import { ROOT, tempDir, VEGA } from './helpers.js';

const EVIL_VALUE = '<script>alert(1)</script>';
const EVIL_NAME = '<img src=x onerror=alert(2)>';

describe('profileHtml', () => {
  let home: Home;
  let p: Profile;
  let html: string;
  before(async () => {
    home = await Home.open({ dir: tempDir() });
    const file = join(tempDir('lathe-html-'), 'evil.csv');
    const rows = [`"${EVIL_NAME}",x,when`, `"${EVIL_VALUE}",1.5,2024-01-01`, `"${EVIL_VALUE}",2.5,2024-03-01`, `"a&b",,2024-02-01`];
    writeFileSync(file, `${rows.join('\n')}\n`);
    await ingest(home, file, 'evil');
    p = await profileDataset(home, 'evil');
    html = profileHtml(p);
  });
  after(() => home.close());

  test('is one self-contained page: no network, no script', () => {
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /https?:/i);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<link|<iframe|<img|url\(|@import/i);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  test('escapes column names and values from the data', () => {
    assert.equal(p.columns[0].name, EVIL_NAME);
    assert.equal(p.columns[0].top[0].value, EVIL_VALUE);
    assert.ok(html.includes(escapeHtml(EVIL_NAME)));
    assert.ok(html.includes(escapeHtml(EVIL_VALUE)), 'the full value is in a tooltip, escaped');
    assert.ok(html.includes('a&amp;b'));
    assert.doesNotMatch(html, /<img/i, 'the name is text, never a tag');
  });

  test('has a summary and one card with a chart per column', () => {
    assert.match(html, /Profile of evil@1/);
    assert.equal(html.match(/<section class="card"/g)?.length, 3);
    assert.equal(html.match(/<svg /g)?.length, 3);
    // 20 bars for each of the two histograms, 2 for the categorical column.
    assert.equal(html.match(/<rect class="bar"/g)?.length, 42);
  });
});

test('a zero-row profile renders a page that says so', () => {
  const empty: Profile = { dataset: 'empty', version: 2, rows: 0, approximate: false, columns: [] };
  const html = profileHtml(empty);
  assert.match(html, /Profile of empty@2/);
  assert.match(html, /0 rows × 0 columns/);
  assert.doesNotMatch(html, /NaN|undefined/);
});

describe('SVG chart helpers', () => {
  test('histogramSvg draws one bar per bin with the range in its tooltip', () => {
    const svg = histogramSvg([0, 1, 2, 3], [4, 0, 2]);
    assert.equal(svg.match(/<rect class="bar"/g)?.length, 3);
    assert.match(svg, /<title>\[0, 1\]: 4<\/title>/);
    assert.match(svg, /<title>\(2, 3\]: 2<\/title>/);
    assert.doesNotMatch(svg, /NaN|undefined/);
  });

  test('barsSvg escapes and shortens labels, keeping the whole label in the tooltip', () => {
    const svg = barsSvg([{ label: `${EVIL_VALUE} and more text`, count: 3 }, { label: 'ok', count: 0 }]);
    assert.doesNotMatch(svg, /<script/);
    assert.ok(svg.includes(`<title>${escapeHtml(`${EVIL_VALUE} and more text`)}: 3</title>`));
    assert.ok(svg.includes(">&lt;script&gt;alert(1)&lt;…</text>"), "shortened to 18 characters, then escaped");
  });
});

describe('lathe profile (the command, on a program with only it)', () => {
  // The command is wired into main.ts by the lead; until then this runs it
  // as main.ts would, in a child process, on a commander program of its own.
  const PROGRAM = `
    import { Command } from 'commander';
    await import('./src/ingest/builtins.ts');
    const { registerProfile } = await import('./src/cli/commands/profile.ts');
    const { reportError } = await import('./src/cli/output.ts');
    const { toLatheError } = await import('./src/errors.ts');
    const argv = process.argv.slice(1);
    const program = new Command('lathe').option('--home <dir>').option('--json').exitOverride();
    registerProfile(program);
    try { await program.parseAsync(argv, { from: 'user' }); }
    catch (e) { process.exitCode = reportError(toLatheError(e), argv.includes('--json')); }`;
  const run = (home: string, args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROGRAM, '--', '--home', home, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  let dir: string;
  before(async () => {
    dir = tempDir();
    const home = await Home.open({ dir });
    await ingest(home, join(VEGA, 'penguins.json'), 'penguins');
    await home.close();
  });

  test('--json prints exactly the stored profile; --html writes the report', () => {
    const out = join(tempDir('lathe-html-'), 'p.html');
    const r = run(dir, ['profile', 'penguins', '--json', '--html', out]);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.dataset, 'penguins');
    assert.equal(doc.rows, 344);
    assert.equal(doc.columns.length, 7);
    assert.match(r.stderr, /wrote .*p\.html/);
    assert.ok(existsSync(out));
    assert.match(readFileSync(out, 'utf8'), /Profile of penguins@1/);
  });

  test('prints a readable table', () => {
    const r = run(dir, ['profile', 'penguins@1']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^penguins@1 {2}344 rows × 7 columns/);
    assert.match(r.stdout, /column\s+type\s+missing\s+distinct\s+min\s+mean\s+max\s+top value/);
    assert.match(r.stdout, /Species\s+categorical\s+0%\s+3\s+—\s+—\s+—\s+Adelie \(152\)/);
    assert.match(r.stdout, /Body Mass \(g\)\s+integer\s+0\.6%\s+94\s+2,700\s+4,202\s+6,300/);
  });

  test('an unknown dataset and an unwritable --html path are one-line errors with exit code 2', () => {
    const missing = run(dir, ['profile', 'nope', '--json']);
    assert.equal(missing.status, 2);
    assert.equal(JSON.parse(missing.stdout).error.code, 'NOT_FOUND');
    const bad = run(dir, ['profile', 'penguins', '--html', join(dir, 'no', 'such', 'dir', 'p.html')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^error: cannot write the report to .* — give --html a file in a folder that exists/);
  });
});
