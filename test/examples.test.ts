/**
 * The case studies in examples/, each run at a reduced size (flights on a
 * 20,000-row sample; the small data sets whole), with their key numbers
 * asserted as quality thresholds. Times are never asserted.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { runCars } from '../examples/cars/run.js';
import { runFlights } from '../examples/flights/run.js';
import { runPenguins } from '../examples/penguins/run.js';
import { runSeattle } from '../examples/seattle-weather/run.js';

const quiet = { json: false, quiet: true };

/** A report exists, is self-contained and has charts. */
function assertReport(file: string): void {
  assert.ok(existsSync(file), file);
  const html = readFileSync(file, 'utf8');
  assert.match(html, /<svg/);
  assert.doesNotMatch(html, /<script/i);
}

describe('examples', () => {
  test('penguins: species from measurements, chosen by CV, through an absolute gate', async () => {
    const r = await runPenguins(quiet);
    assert.equal(r.rows, 344);
    assert.equal(r.chosen, 'logistic', 'the lowest CV log-loss');
    const chosen = r.algorithms[r.chosen];
    assert.ok(chosen.test_accuracy >= 0.95, `test accuracy ${chosen.test_accuracy}`);
    assert.ok(chosen.test_f1_macro >= 0.95, `macro F1 ${chosen.test_f1_macro}`);
    for (const a of ['logistic', 'forest', 'gbdt'] as const) assert.ok(r.algorithms[a].cv_accuracy >= 0.93, `${a} CV accuracy ${r.algorithms[a].cv_accuracy}`);
    assert.deepEqual(r.gate, { passed: true, moved: true });
    assert.ok(r.accuracy_with_missing.Sex.logistic >= 0.95, 'sex carries little of the signal');
    assert.ok(r.accuracy_with_missing['Beak Length (mm)'].logistic < r.algorithms.logistic.test_accuracy, 'a missing beak length costs accuracy');
    assert.equal(r.batch.rows, 344);
  });

  test('cars: the random split flatters; the frozen model is refused, the retrained one passes', async () => {
    const r = await runCars(quiet);
    assert.equal(r.rows, 406);
    for (const a of ['forest', 'gbdt'] as const) assert.ok(r.random_split[a].test_r2 >= 0.8, `random-split ${a} R² ${r.random_split[a].test_r2}`);
    for (const a of ['linear', 'forest', 'gbdt'] as const) {
      assert.ok(r.time_split[a].test_rmse > r.random_split[a].test_rmse, `${a}: next decade harder than a random split`);
    }
    assert.equal(r.gates.time.passed, false);
    assert.ok(r.gates.time.rmse > 4);
    assert.equal(r.gates.rolling.passed, true);
    assert.ok(r.gates.rolling.rmse <= 4);
    assert.ok(r.drift.drifted.includes('Weight_in_lbs') && r.drift.drifted.includes('Miles_per_Gallon'));
    assertReport(r.reports.drift);
  });

  test('seattle-weather: time split, label drift found, the served year monitored by quarter', async () => {
    const r = await runSeattle(quiet);
    assert.deepEqual(Object.keys(r.labels_per_year), ['2012', '2013', '2014', '2015']);
    assert.ok(r.labels_per_year['2015'].fog > 5 * r.labels_per_year['2012'].fog, 'fog labels grew');
    assert.ok(r.time_split[r.chosen as 'logistic'].test_accuracy >= 0.7, `2015 accuracy ${r.time_split[r.chosen as 'logistic'].test_accuracy}`);
    assert.ok(r.random_split.forest.test_accuracy >= 0.8);
    assert.ok(r.drift.drifted.includes('weather'), 'the label itself drifted');
    assert.equal(r.monitoring.length, 4);
    for (const w of r.monitoring) {
      assert.equal(w.rows, 91);
      assert.ok(w.accuracy !== null && w.accuracy >= 0.65, `realized accuracy ${w.accuracy}`);
    }
    assert.ok(r.monitoring[0].alerts.includes('feature_drift'));
    assertReport(r.reports.drift);
    assertReport(r.reports.monitor);
  });

  test('flights (20,000-row sample): time split, batch scoring, load, monitored June and the closed loop', async () => {
    const r = await runFlights({ ...quiet, rows: 20_000 });
    assert.equal(r.rows, 20_000);
    assert.equal(r.split.train + r.split.may + r.split.june, 20_000);
    assert.ok(r.model.may.roc_auc >= 0.6, `May ROC AUC ${r.model.may.roc_auc}`);
    assert.equal(r.batch.rows, 20_000);
    assert.equal(r.load.non2xx, 0);
    assert.equal(r.load.errors, 0);
    assert.ok(r.load.requests > 0);
    assert.equal(r.load.server_exit, 0, 'lathe serve drains and exits 0 on SIGTERM');
    const [may, june] = r.monitoring;
    assert.equal(r.monitoring.length, 2);
    assert.ok(june.accuracy! < may.accuracy!, `June ${june.accuracy} vs May ${may.accuracy}: more delays in June`);
    assert.ok(r.retrain, 'an alert started the closed loop');
    assert.deepEqual(r.retrain.steps.slice(0, 3), ['triggered', 'retrained', 'gate']);
    assert.ok(r.gate_on_june === null || typeof r.gate_on_june.passed === 'boolean');
    assertReport(r.reports.monitor);
  });
});
