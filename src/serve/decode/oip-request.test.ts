import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatheError } from '../../errors.js';
import type { SignatureInput } from '../../train/package/index.js';
import { decodeOipRequest } from './oip-request.js';

const INPUTS: SignatureInput[] = [
  { name: 'count', type: 'integer', nullable: true, required: true },
  { name: 'flag', type: 'boolean', nullable: true, required: false },
  { name: 'x', type: 'numeric', nullable: true, required: false },
];

const one = (datatype: string, data: unknown[], name = 'count') => ({ inputs: [{ name, datatype, shape: [data.length], data }] });

function refused(body: unknown, re: RegExp): void {
  assert.throws(() => decodeOipRequest(body, INPUTS), (e: unknown) => {
    assert.ok(e instanceof LatheError, String(e));
    assert.equal(e.code, 'BAD_INPUT');
    assert.match(e.message, re);
    return true;
  });
}

describe('OIP integer, float and BOOL ranges', () => {
  const ranges: [string, number, number][] = [
    ['INT8', -128, 127], ['INT16', -32768, 32767], ['INT32', -2147483648, 2147483647], ['INT64', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ['UINT8', 0, 255], ['UINT16', 0, 65535], ['UINT32', 0, 4294967295], ['UINT64', 0, Number.MAX_SAFE_INTEGER],
  ];
  for (const [dt, lo, hi] of ranges) {
    it(`${dt} takes ${lo}…${hi} and refuses one past either end, and fractions`, () => {
      const f = decodeOipRequest(one(dt, [lo, hi, null]), INPUTS).frame;
      assert.deepEqual([...(f.column('count') as { values: Float64Array }).values].slice(0, 2), [lo, hi]);
      refused(one(dt, [lo, lo - 1]), new RegExp(`input "count" holds a value outside ${dt}'s range .* \\(row 1\\)`));
      refused(one(dt, [hi + (hi >= Number.MAX_SAFE_INTEGER ? 2 : 1)]), new RegExp(`input "count" holds a value outside ${dt}'s range`));
      refused(one(dt, [1.5]), new RegExp(`input "count" holds a value that is not a whole number \\(row 0\\), as ${dt} needs`));
      refused(one(dt, ['7']), /not a whole number/);
      refused(one(dt, [true]), /not a whole number/);
    });
  }

  it('the cases of the report: INT8 300 and UINT8 −1', () => {
    refused(one('INT8', [300]), /outside INT8's range -128…127/);
    refused(one('UINT8', [-1]), /outside UINT8's range 0…255/);
  });

  it('INT64 beyond 2^53 is refused, not rounded', () => {
    refused({ inputs: [{ name: 'count', datatype: 'INT64', shape: [1], data: [2 ** 60] }] }, /outside INT64's range/);
  });

  it('floats within their width; BOOL holds only true and false', () => {
    refused(one('FP16', [70000], 'x'), /input "x" holds a value outside FP16's range/);
    refused(one('FP32', [1e39], 'x'), /outside FP32's range/);
    refused(one('FP64', ['1'], 'x'), /not a number \(row 0\), as FP64 needs/);
    assert.equal(decodeOipRequest({ inputs: [...one('INT64', [1]).inputs, ...one('FP32', [1.5], 'x').inputs] }, INPUTS).frame.rows, 1);
    for (const v of [1, 0, 'true', {}]) refused({ inputs: [...one('INT64', [1]).inputs, ...one('BOOL', [v], 'flag').inputs] }, /input "flag" holds a value that is not true or false/);
    const f = decodeOipRequest({ inputs: [...one('INT64', [1, 2]).inputs, ...one('BOOL', [true, null], 'flag').inputs] }, INPUTS).frame;
    assert.equal((f.column('flag') as { values: Float64Array }).values[0], 1);
  });

  it('a 2-D tensor names the row and column of a bad value', () => {
    refused({ inputs: [{ name: 'm', datatype: 'INT8', shape: [2, 3], data: [[1, 0, 1], [2, 0, 999]] }] }, /input "m" holds a value outside INT8's range .* \(row 1, column 2\)/);
  });
});
