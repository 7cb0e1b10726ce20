/**
 * One YAML loader and one config validator for every command: a billion-laughs
 * file, a syntax error, an unknown tag and bad webhook keys are refused through
 * the real CLI with exit 2, one line naming the file and path, nothing written;
 * and a seeded fuzz of lathe.yaml (all sections) and schema YAML ends every
 * input in a result or a LatheError.
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseYaml, Rng, YAML_LIMITS } from '../src/core/index.js';
import { LatheError } from '../src/errors.js';
import { parseSchema } from '../src/data/schema/index.js';
import { parseIngestSection } from '../src/ingest/index.js';
import { parseMonitorSection, parseRetrainSection } from '../src/monitor/index.js';
import { readTrainConfig } from '../src/train/index.js';
import { lathe, tempDir } from './helpers.js';

const LAUGHS = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdef'[i]}`).join(',')}]`))
  .join('\n');

function oneLineRefusal(r: { code: number; stderr: string; stdout: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^error: /);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /bug in Lathe|internal error/);
}

describe('YAML through the CLI', () => {
  const dir = tempDir('lathe-yaml-');
  const home = join(dir, 'home');
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const data = file('d.csv', 'a,b\n1,x\n2,y\n');

  test('a billion laughs is exit 2, one line, for validate --schema, train --config and monitor run --config; nothing written', () => {
    const bomb = file('laughs.yaml', `${LAUGHS}\n`);
    for (const args of [
      ['validate', data, '--schema', bomb],
      ['train', '--config', bomb],
      ['monitor', 'run', 'm', '--config', bomb],
    ]) {
      oneLineRefusal(lathe(home, args), /laughs\.yaml: aliases expand too far \(more than 100 nodes\)/);
    }
    assert.equal(existsSync(join(home, 'lathe.db')), false, 'nothing written');
  });

  test('a YAML syntax error, a duplicate key and an unknown tag are one line with line and column', () => {
    oneLineRefusal(lathe(home, ['validate', data, '--schema', file('bad.yaml', 'version: 1\ncolumns:\n  - name: a\n    type: [numeric\n')]), /bad\.yaml: line 5, column 1: Flow sequence/);
    oneLineRefusal(lathe(home, ['train', '--config', file('dup.yaml', 'dataset: a\ndataset: b\n')]), /dup\.yaml: line 2, column 1: Map keys must be unique — /);
    oneLineRefusal(lathe(home, ['train', '--config', file('tag.yaml', 'dataset: !!js/function "function () {}"\n')]), /tag\.yaml: line 1, column 10: unknown tag "!!js\/function"/);
    oneLineRefusal(lathe(home, ['validate', data, '--schema', file('deep.yaml', `${'['.repeat(5000)}${']'.repeat(5000)}\n`)]), /nested deeper than 64 levels/);
    const latin1 = join(dir, 'latin1.yaml');
    writeFileSync(latin1, Buffer.from('version: 1 # caf\xe9\n', 'latin1'));
    oneLineRefusal(lathe(home, ['validate', data, '--schema', latin1]), /latin1\.yaml: is not UTF-8 text — save the file as UTF-8/);
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `x: "${'a'.repeat(YAML_LIMITS.maxBytes)}"\n`);
    oneLineRefusal(lathe(home, ['monitor', 'run', 'm', '--config', big]), /big\.yaml: is larger than 1048576 bytes/);
    assert.equal(existsSync(join(home, 'lathe.db')), false, 'nothing written');
  });

  test('bad webhook keys are exit 2 naming the path; nothing written', () => {
    const cfg = (hook: string) => file('m.yaml', `monitor:\n  sinks:\n    - log\n    - webhook: {url: "http://127.0.0.1:9/x", ${hook}}\n`);
    oneLineRefusal(lathe(home, ['monitor', 'run', 'm', '--config', cfg('retries: many')]), /m\.yaml: monitor\.sinks\[1\]\.webhook\.retries: must be an integer from 0 to 10, got "many"/);
    oneLineRefusal(lathe(home, ['monitor', 'run', 'm', '--config', cfg('retries: 1000000')]), /monitor\.sinks\[1\]\.webhook\.retries: must be an integer from 0 to 10, got 1000000/);
    oneLineRefusal(lathe(home, ['monitor', 'run', 'm', '--config', cfg('retires: 2')]), /unknown key "monitor\.sinks\[1\]\.webhook\.retires"/);
    // The same file is refused by train too: every reader checks the top level.
    oneLineRefusal(lathe(home, ['train', '--config', file('top.yaml', 'dataset: d\nmonitr: {}\n')]), /top\.yaml: unknown key "monitr"/);
    assert.equal(existsSync(join(home, 'lathe.db')), false, 'nothing written');
  });

  test('every section in one file is accepted by each reader', () => {
    const all = file('all.yaml', 'dataset: d\ntarget: b\nmonitor:\n  window: 1h\nretrain:\n  on: [drift]\ningest:\n  allow_private_hosts: true\n');
    assert.deepEqual(readTrainConfig(all), { dataset: 'd', target: 'b' });
    assert.equal(parseIngestSection({ allow_private_hosts: true }).allow_private_hosts, true);
    assert.throws(() => parseIngestSection({ allow_private_hosts: 'yes' }), /ingest\.allow_private_hosts: must be true or false, got "yes"/);
  });
});

/** Random YAML-ish text: fragments of real configs, mutated. */
function fuzzInputs(rng: Rng): string {
  const seeds = [
    'dataset: d\ntarget: y\nalgo: gbdt\nparams: {iterations: 10}\nsplit: {method: random, test_size: 0.2}\n',
    'monitor:\n  window: 1h\n  rules:\n    - feature_drift: {share: 0.5}\n    - metric: {name: accuracy, max_drop: 0.05}\n  sinks:\n    - log\n    - webhook: {url: "http://127.0.0.1:1/x", retries: 2, timeout_ms: 1000}\n',
    'retrain:\n  on: [drift, performance]\n  gate: "accuracy >= champion"\n  canary: {percent: 10, requests: 100}\n  approve: manual\n',
    'ingest:\n  allow_private_hosts: false\n',
    'version: 1\ncolumns:\n  - {name: a, type: numeric, range: {min: 0, max: 1}}\n  - {name: b, type: categorical, categories: [x, y]}\n',
    LAUGHS,
  ];
  const pieces = ['[', ']', '{', '}', ':', '- ', '&a ', '*a', '!!js/function ', '!foo ', '"', "'", '\n', '  ', '#', '---\n', '? ', '|\n', '\t', '\u0000', '\uFEFF', '<<: *a', '1e400', '-1', 'many', 'null', '~'];
  let s = seeds[rng.int(seeds.length)];
  const edits = 1 + rng.int(8);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(s.length + 1);
    const op = rng.int(3);
    if (op === 0) s = s.slice(0, at) + pieces[rng.int(pieces.length)] + s.slice(at);
    else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + rng.int(5));
    else s = s.slice(0, at) + String.fromCharCode(rng.int(128)) + s.slice(at);
  }
  return s;
}

test('fuzz: lathe.yaml (every section) and schema YAML end in a result or a LatheError', () => {
  const seed = Number(process.env.LATHE_FUZZ_SEED ?? Date.now() % 1_000_000);
  const budget = Number(process.env.LATHE_FUZZ_MS ?? 20_000);
  const rng = new Rng(seed);
  const start = Date.now();
  let n = 0;
  while (Date.now() - start < budget) {
    const text = fuzzInputs(rng);
    n++;
    const attempts: (() => unknown)[] = [
      () => parseSchema(text, 's.yaml'),
      () => {
        const doc = parseYaml(text, 'lathe.yaml') as Record<string, unknown> | null;
        if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc;
        if (doc.monitor !== undefined) parseMonitorSection(doc.monitor, 'lathe.yaml', {});
        if (doc.retrain !== undefined) parseRetrainSection(doc.retrain, 'lathe.yaml');
        if (doc.ingest !== undefined) parseIngestSection(doc.ingest, 'lathe.yaml');
        return doc;
      },
    ];
    for (const run of attempts) {
      try {
        run();
      } catch (e) {
        if (!(e instanceof LatheError)) assert.fail(`seed ${seed}, input ${n}: ${(e as Error)?.constructor?.name}: ${(e as Error)?.message} for ${JSON.stringify(text)}`);
        assert.equal(e.oneLine().includes('\n'), false, `seed ${seed}: a multi-line error for ${JSON.stringify(text)}: ${e.oneLine()}`);
      }
    }
  }
  assert.ok(n > 0);
});
