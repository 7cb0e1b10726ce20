import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLatheError } from '../../errors.js';
import { checkGates } from './check-gates.js';
import { defaultGates, parseGate } from './gate-expression.js';

test('gate expressions parse into clauses, with short metric names and offsets', () => {
  const g = parseGate('auc >= champion - 0.005 and acc > 0.9 AND rmse<baseline+1e-3 and r2 >= -0.5 and test.log_loss <= .7');
  assert.deepEqual(g.map((x) => [x.metric, x.op, x.against, x.offset]), [
    ['roc_auc', '>=', 'champion', -0.005],
    ['accuracy', '>', 0.9, 0],
    ['rmse', '<', 'baseline', 0.001],
    ['r2', '>=', -0.5, 0],
    ['log_loss', '<=', 0.7, 0],
  ]);
  assert.equal(g[0].text, 'roc_auc >= champion - 0.005');
});

test('bad gate expressions are BAD_USAGE that say where', () => {
  const cases: [string, RegExp][] = [
    ['', /is empty/],
    ['auc', /ends early: expected a comparison/],
    ['auc >=', /ends early: expected champion, baseline or a number/],
    ['auc == champion', /unexpected character "="/],
    ['auc >= champion -', /ends early: expected a number/],
    ['auc >= champion - baseline', /expected a number after "-"/],
    ['auc >= champ', /expected champion, baseline or a number, found "champ"/],
    ['auc >= champion or acc > 1', /expected "and" or the end, found "or"/],
    ['speed > 1', /unknown metric "speed"/],
    ['auc > 1; rm -rf /', /unexpected character ";"/],
    ['process.exit(1) > 0', /unknown metric|unexpected character/],
    ['0.5 < auc', /expected a metric name, found "0.5"/],
    ['x'.repeat(1001), /longer than 1000/],
  ];
  for (const [expr, re] of cases) {
    assert.throws(() => parseGate(expr), (e) => isLatheError(e, 'BAD_USAGE') && re.test(e.message), expr);
  }
});

test('default gates follow the metric direction', () => {
  assert.deepEqual(defaultGates('roc_auc').map((g) => g.text), ['roc_auc >= champion', 'roc_auc > baseline']);
  assert.deepEqual(defaultGates('rmse').map((g) => g.text), ['rmse <= champion', 'rmse < baseline']);
});

test('gates compare the candidate with the champion, the baseline or a number; NaN never passes', () => {
  const gates = parseGate('auc >= champion - 0.01 and auc > baseline and acc > 0.9');
  const r = checkGates(gates, { candidate: { roc_auc: 0.8, accuracy: 0.95 }, champion: { roc_auc: 0.805, accuracy: 0.9 }, baseline: { roc_auc: 0.5, accuracy: 0.6 } });
  assert.deepEqual(r.map((x) => [x.passed, x.threshold]), [[true, 0.795], [true, 0.5], [true, 0.9]]);
  const none = checkGates(defaultGates('roc_auc'), { candidate: { roc_auc: 0.5 }, champion: null, baseline: { roc_auc: 0.5 } });
  assert.deepEqual(none.map((x) => [x.passed, x.note]), [[true, 'no champion yet'], [false, undefined]]);
  const nan = checkGates(parseGate('auc > 0.5'), { candidate: { roc_auc: NaN }, champion: null, baseline: null });
  assert.equal(nan[0].passed, false);
  assert.throws(() => checkGates(parseGate('rmse < 1'), { candidate: { roc_auc: 1 }, champion: null, baseline: null }), (e) => isLatheError(e, 'BAD_USAGE') && /roc_auc/.test(e.hint ?? ''));
});
