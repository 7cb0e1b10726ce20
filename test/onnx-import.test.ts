import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Frame } from '../src/core/index.js';
import { isLatheError } from '../src/errors.js';
import { loadOnnxPredictor, loadOnnxServed, resolveModelPackage } from '../src/predict/index.js';
import { readSignatureFile, registerModel } from '../src/registry/index.js';
import { readOnnxSignature } from '../src/registry/onnx/index.js';
import { Home } from '../src/store/index.js';
import { ROOT, tempDir } from './helpers.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'onnx');
const fixture = (name: string) => join(FIXTURES, name);

interface TreeRow {
  x1: number | null;
  x2: number;
  label: string;
  probabilities: number[];
}
interface LinearRow {
  a: number;
  color: string;
  variable: number;
}
/** Outputs computed by make_fixtures.py by hand (tree walks and formulas in Python), not by Lathe or any ONNX runtime. */
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as { tree_ensemble: TreeRow[]; linear_regressor: LinearRow[] };

/** The graphs compute in float32: the expected doubles are met within float rounding. */
const TOL = 1e-6;

describe('ONNX import: fixtures built outside Lathe with onnx.helper', () => {
  let dir: string;
  let home: Home;

  before(async () => {
    dir = tempDir('lathe-onnx-import-');
    home = await Home.open({ dir: join(dir, 'home') });
  });

  after(async () => {
    await home.close();
  });

  test('a TreeEnsembleClassifier over one float matrix input: registered, wired as a matrix, scored as computed by hand', async () => {
    const { record } = await registerModel(home, fixture('tree_ensemble.onnx'), { name: 'iris', signature: readSignatureFile(fixture('tree_ensemble.sig.yaml')) });
    assert.deepEqual([record.format, record.task], ['onnx', 'multiclass']);
    const sig = readOnnxSignature(record.signature, 'iris:1');
    assert.deepEqual(sig.classes, ['setosa', 'versicolor', 'virginica'], 'class labels are read from the graph');
    assert.deepEqual(sig.onnx, { layout: 'matrix', feeds: [{ name: 'input', elem: 'float', rank: 2 }], prediction: 'label', probabilities: 'probabilities' });
    assert.deepEqual(sig.outputs.map((o) => o.name), ['prediction', 'proba_setosa', 'proba_versicolor', 'proba_virginica']);
    assert.equal(sig.target, 'species');
    const rows = expected.tree_ensemble;
    const frame = Frame.of([
      { name: 'x2', type: 'numeric', values: Float64Array.from(rows, (r) => r.x2) },
      { name: 'x1', type: 'numeric', values: Float64Array.from(rows, (r) => r.x1 ?? NaN) },
    ]);
    const p = await loadOnnxPredictor(home, await resolveModelPackage(home, 'iris:1'));
    try {
      const got = await p.predict(frame);
      assert.deepEqual(Array.from(got.prediction, (c) => got.classes![c]), rows.map((r) => r.label));
      rows.forEach((r, i) => r.probabilities.forEach((q, k) => assert.ok(Math.abs(got.proba![i * 3 + k] - q) <= TOL, `row ${i} class ${k}: ${got.proba![i * 3 + k]} vs ${q}`)));
    } finally {
      await p.close();
    }
  });

  test('a LinearRegressor with one graph input per column (double and string): scored as computed by hand, "" as a missing label', async () => {
    const { record } = await registerModel(home, fixture('linear_regressor.onnx'), { name: 'lin', signature: readSignatureFile(fixture('linear_regressor.sig.yaml')) });
    const sig = readOnnxSignature(record.signature, 'lin:1');
    assert.deepEqual(sig.onnx.feeds, [{ name: 'a', elem: 'double', rank: 2 }, { name: 'color', elem: 'string', rank: 2 }]);
    assert.deepEqual([sig.task, sig.onnx.prediction, sig.onnx.probabilities], ['regression', 'variable', null]);
    const rows = expected.linear_regressor;
    const dictionary = ['green', 'blue', 'red'];
    const frame = Frame.of([
      { name: 'a', type: 'numeric', values: Float64Array.from(rows, (r) => r.a) },
      { name: 'color', type: 'categorical', codes: Int32Array.from(rows, (r) => dictionary.indexOf(r.color)), dictionary },
    ]);
    const p = await loadOnnxPredictor(home, await resolveModelPackage(home, 'lin:1'));
    try {
      const got = await p.predict(frame);
      rows.forEach((r, i) => assert.ok(Math.abs(got.prediction[i] - r.variable) <= TOL, `row ${i}: ${got.prediction[i]} vs ${r.variable}`));
      await assert.rejects(p.predict(frame.select(['a'])), (e) => isLatheError(e, 'BAD_INPUT') && /required column "color" \(categorical\) is missing/.test(e.message));
    } finally {
      await p.close();
    }
    // The same version loaded for a server answers the same.
    const served = await loadOnnxServed(home, record);
    try {
      assert.deepEqual([served.format, served.task, served.inputs.map((i) => i.name)], ['onnx', 'regression', ['a', 'color']]);
      const s = await served.score(frame);
      rows.forEach((r, i) => assert.ok(Math.abs(s.prediction[i] - r.variable) <= TOL, `served row ${i}`));
    } finally {
      await served.close();
    }
  });

  /** Registers `file` with `signature` and expects a refusal; nothing may be stored. */
  async function refused(file: string, signature: unknown, code: string, ...patterns: RegExp[]): Promise<void> {
    const before = await home.artifacts.list();
    await assert.rejects(registerModel(home, file, { name: 'refused', signature }), (e) => {
      assert.ok(isLatheError(e), String(e));
      assert.equal(e.code, code, e.message);
      for (const p of patterns) assert.match(`${e.message} — ${e.hint}`, p);
      return true;
    });
    assert.equal(await home.meta.getModel('refused'), undefined);
    assert.deepEqual(await home.artifacts.list(), before);
  }

  const linearSig = () => readSignatureFile(fixture('linear_regressor.sig.yaml'));

  test('files that are not ONNX are refused', async () => {
    const text = join(dir, 'notes.onnx');
    writeFileSync(text, 'name,value\nx,1\n');
    await refused(text, linearSig(), 'UNSUPPORTED_FORMAT', /notes\.onnx is not an ONNX model/, /skl2onnx/);
    const noise = join(dir, 'noise.onnx');
    writeFileSync(noise, Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 73 + 11) % 256)));
    await refused(noise, linearSig(), 'UNSUPPORTED_FORMAT', /noise\.onnx is not an ONNX model/);
  });

  test('operators onnxruntime cannot run are refused, naming the operator', async () => {
    await refused(fixture('custom_op.onnx'), { inputs: [{ name: 'x', type: 'numeric' }] }, 'UNSUPPORTED_FORMAT', /onnxruntime cannot run custom_op\.onnx/, /Frobnicate/);
  });

  test('a ZipMap (sequence of maps) output is refused with the skl2onnx option that avoids it', async () => {
    const sig = { inputs: [{ name: 'x1', type: 'numeric' }, { name: 'x2', type: 'numeric' }] };
    await refused(fixture('linear_zipmap.onnx'), sig, 'BAD_INPUT', /"probabilities" is a sequence or map/, /zipmap': False/);
  });

  test('graphs whose inputs or outputs do not match the declared signature are refused, listing every mismatch', async () => {
    const lin = fixture('linear_regressor.onnx');
    await refused(lin, { inputs: [{ name: 'a', type: 'numeric' }, { name: 'colour', type: 'categorical' }] }, 'BAD_INPUT', /declared input "colour" is not a graph input/, /graph input "color" is not declared/, /the graph has inputs a \(double \[\?, 1\]\), color \(string \[\?, 1\]\)/);
    await refused(lin, { inputs: [{ name: 'a', type: 'numeric' }, { name: 'color', type: 'numeric' }] }, 'BAD_INPUT', /input "color" is declared numeric but the graph takes string/);
    await refused(lin, { ...linearSig(), outputs: [{ name: 'y', type: 'numeric' }] }, 'BAD_INPUT', /declared output "y" is not a graph output/, /graph output "variable" is not declared/);
    await refused(lin, { ...linearSig(), task: 'binary' }, 'BAD_INPUT', /a binary model needs a label output/);
    const tree = fixture('tree_ensemble.onnx');
    const three = { inputs: [{ name: 'x1', type: 'numeric' }, { name: 'x2', type: 'numeric' }, { name: 'x3', type: 'numeric' }] };
    await refused(tree, three, 'BAD_INPUT', /takes 2 features but 3 inputs are declared/);
    await refused(tree, { inputs: [{ name: 'x1', type: 'numeric' }, { name: 'x2', type: 'categorical' }] }, 'BAD_INPUT', /"x2" \(categorical\) is not numeric/);
    await refused(tree, { inputs: three.inputs.slice(0, 2), classes: ['a', 'b'] }, 'BAD_INPUT', /the probabilities output probabilities \(float \[\?, 3\]\) has 3 columns for 2 classes/);
    await refused(tree, { inputs: three.inputs.slice(0, 2), task: 'binary' }, 'BAD_INPUT', /the task is binary but there are 3 classes/);
    await refused(tree, { inputs: [{ name: 'x1', type: 'money' }] }, 'BAD_INPUT', /inputs\[0\] \("x1"\) has type "money"/);
  });

  test('a stored ONNX file that was changed is refused before it is run', async () => {
    const copy = join(dir, 'lin-copy.onnx');
    copyFileSync(fixture('linear_regressor.onnx'), copy);
    await registerModel(home, copy, { name: 'lin2', signature: linearSig() });
    const resolved = await resolveModelPackage(home, 'lin2:1');
    const stored = await home.artifacts.localPath(resolved.sha256);
    const bytes = readFileSync(stored);
    bytes[bytes.length - 3] ^= 1;
    writeFileSync(stored, bytes);
    await assert.rejects(loadOnnxPredictor(home, resolved), (e) => isLatheError(e, 'INTEGRITY') && /ONNX file of lin2:1 .* does not match its sha256/.test(e.message));
  });
});
