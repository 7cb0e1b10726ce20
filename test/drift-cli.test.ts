/**
 * `lathe drift` end to end on the penguins data: injected drift is found
 * (a 1σ mean shift, a dropped species), a same-distribution resample is
 * not, the JSON contract holds, the exit code is 0 on drift, and every bad
 * input gets a clear error.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { lathe, tempDir, VEGA } from './helpers.js';

type Row = Record<string, string | number | null>;
const BEAK = 'Beak Length (mm)';

describe('lathe drift', () => {
  let dir: string;
  let home: string;
  let penguins: Row[];
  const file = (name: string, rows: Row[]) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(rows));
    return p;
  };

  before(() => {
    dir = tempDir('lathe-drift-');
    home = join(dir, 'home');
    const r = lathe(home, ['ingest', join(VEGA, 'penguins.json'), '--name', 'penguins', '--json']);
    assert.equal(r.code, 0, r.stderr);
    penguins = JSON.parse(readFileSync(join(VEGA, 'penguins.json'), 'utf8'));
  });

  test('the same data against itself: no drift, and the JSON contract', () => {
    const r = lathe(home, ['drift', '--reference', 'penguins', '--current', 'penguins@1', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.dataset_drift, false);
    assert.equal(r.json.drift_share, 0);
    assert.equal(r.json.columns.length, 7);
    for (const c of r.json.columns) {
      for (const k of ['name', 'test', 'statistic', 'p_value', 'score', 'threshold', 'drift']) assert.ok(k in c, `${c.name} lacks ${k}`);
      assert.equal(c.drift, false);
    }
    const beak = r.json.columns.find((c: Row) => c.name === BEAK);
    assert.deepEqual([beak.test, beak.statistic, beak.p_value, beak.threshold], ['ks', 0, 1, 0.05]);
    assert.equal(r.json.columns.find((c: Row) => c.name === 'Species').test, 'chi2');
  });

  test('a 1σ shift of one column is detected there and only there; exit code 0', () => {
    const present = penguins.map((p) => p[BEAK]).filter((v): v is number => typeof v === 'number');
    const mean = present.reduce((a, b) => a + b, 0) / present.length;
    const sd = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length);
    const shifted = file('shifted.json', penguins.map((p) => ({ ...p, [BEAK]: typeof p[BEAK] === 'number' ? (p[BEAK] as number) + sd : null })));
    const r = lathe(home, ['drift', '--reference', 'penguins', '--current', shifted, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const drifted = r.json.columns.filter((c: { drift: boolean }) => c.drift).map((c: Row) => c.name);
    assert.deepEqual(drifted, [BEAK]);
    const beak = r.json.columns.find((c: Row) => c.name === BEAK);
    assert.ok(beak.p_value < 1e-10, `p = ${beak.p_value}`);
    assert.ok(beak.range_violation_rate > 0);
    assert.equal(r.json.dataset_drift, false, 'one column of seven is not half');
  });

  test('dropping a species is detected by chi-square on Species and Island', () => {
    const noGentoo = file('no-gentoo.json', penguins.filter((p) => p.Species !== 'Gentoo'));
    const r = lathe(home, ['drift', '--reference', 'penguins', '--current', noGentoo, '--json', '--columns', 'Species,Island']);
    assert.equal(r.code, 0, r.stderr);
    for (const c of r.json.columns) {
      assert.equal(c.test, 'chi2');
      assert.equal(c.drift, true, c.name);
      assert.ok(c.p_value < 1e-10, `${c.name}: p = ${c.p_value}`);
    }
    assert.equal(r.json.dataset_drift, true);
    assert.equal(r.json.drift_share, 1);
  });

  test('a same-distribution resample is not flagged', () => {
    let s = 12345;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const resample = file('resample.json', Array.from({ length: 300 }, () => penguins[Math.floor(rand() * penguins.length)]));
    const r = lathe(home, ['drift', '--reference', 'penguins', '--current', resample, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.dataset_drift, false);
    assert.ok(r.json.drift_share < 0.5);
    assert.equal(r.json.columns.find((c: Row) => c.name === BEAK).drift, false);
  });

  test('--test, --threshold, --correction and --html', () => {
    const out = join(dir, 'drift.html');
    const r = lathe(home, ['drift', '--reference', 'penguins', '--current', 'penguins', '--test', 'psi', '--threshold', '0.2', '--correction', 'bh', '--html', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.json.columns.every((c: Row) => c.test === 'psi' && c.threshold === 0.2 && c.statistic === 0));
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<svg/);
    assert.match(html, /Beak Length \(mm\)/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(r.stderr, /wrote .*drift\.html/);
  });

  test('human output: a verdict line and a table', () => {
    const r = lathe(home, ['drift', '--reference', 'penguins', '--current', 'penguins']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^no drift: 0 of 7 columns drifted/);
    assert.match(r.stdout, /Species\s+chi2/);
  });

  test('an all-null column is "no data", not NaN', () => {
    const nullSex = file('null-sex.json', penguins.map((p) => ({ ...p, Sex: null })));
    const r = lathe(home, ['drift', '--reference', 'penguins', '--current', nullSex, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const sex = r.json.columns.find((c: Row) => c.name === 'Sex');
    assert.equal(sex.status, 'no_data');
    assert.equal(sex.statistic, null);
    assert.equal(sex.drift, false);
    assert.equal(r.json.tested_columns, 6);
    assert.doesNotMatch(r.stdout, /NaN/);
  });

  test('zero rows: "no data", drift_share null', () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'Species,Island\n');
    const r = lathe(home, ['drift', '--reference', 'penguins', '--current', empty, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.status, 'no_data');
    assert.equal(r.json.drift_share, null);
    assert.equal(r.json.dataset_drift, false);
    assert.deepEqual(r.json.columns.map((c: Row) => c.reason), ['the current has no rows', 'the current has no rows']);
  });

  test('bad inputs: exit 2 with what is wrong and how to fix it', () => {
    const cars = join(VEGA, 'cars.json');
    const cases: [string[], RegExp][] = [
      [['--current', cars], /no column in common — reference: Species.*current: Name/],
      [['--current', 'penguins', '--columns', 'Species,nope'], /column "nope" not in the reference penguins@1 — the reference has: Species/],
      [['--current', 'penguins', '--test', 'tt'], /unknown test "tt" — use --test auto or one of: ks, chi2/],
      [['--current', 'penguins', '--test', 'ks'], /test ks needs numbers, and column "Species" holds labels/],
      [['--current', 'penguins', '--threshold', '0.1'], /--threshold needs a --test/],
      [['--current', 'penguins', '--test', 'js', '--threshold', 'x'], /--threshold must be a number/],
      [['--current', 'penguins', '--bins', '1'], /bins must be an integer from 2 to 1000/],
      [['--current', 'penguins', '--correction', 'bonferroni'], /unknown correction "bonferroni"/],
      [['--current', 'nosuch'], /"nosuch" is neither a dataset version nor a file/],
      [['--current', 'penguins', '--html', join(dir, 'no', 'such', 'dir', 'r.html')], /cannot write the report/],
    ];
    for (const [args, message] of cases) {
      const r = lathe(home, ['drift', '--reference', 'penguins', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^error: /);
      assert.match(r.stderr, message);
    }
    assert.equal(existsSync(join(dir, 'no')), false);
    const missing = lathe(home, ['drift', '--current', 'penguins']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--reference/);
  });
});
