/**
 * Every place whose error text asks for ISO 8601 reads dates with the one
 * strict parser (src/core/parse-date.ts): a datetime input of the server and
 * a schema's datetime bounds. "03/05/1999", which Date.parse reads (month
 * first, local time), is refused with the same message that asks for ISO.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSchema } from '../src/data/schema/index.js';
import { LatheError } from '../src/errors.js';
import { decodeOipRequest } from '../src/serve/decode/oip-request.js';
import type { SignatureInput } from '../src/train/package/index.js';

const INPUTS: SignatureInput[] = [{ name: 'when', type: 'datetime', nullable: true, required: true }];
const body = (data: unknown[]) => ({ inputs: [{ name: 'when', datatype: 'BYTES', shape: [data.length], data }] });

function badInput(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof LatheError, String(e));
    assert.equal(e.code, 'BAD_INPUT');
    assert.match(e.message, re);
    return true;
  });
}

describe('ISO 8601 dates, strictly', () => {
  test('serve: a datetime input takes ISO text (UTC without an offset) and refuses 03/05/1999', () => {
    const f = decodeOipRequest(body(['2024-01-31T12:00', '2024-01-31T12:00:00+02:00', '2024-01-31']), INPUTS).frame;
    const v = [...(f.column('when') as { values: Float64Array }).values];
    assert.deepEqual(v, [Date.UTC(2024, 0, 31, 12), Date.UTC(2024, 0, 31, 10), Date.UTC(2024, 0, 31)]);
    for (const bad of ['03/05/1999', 'March 5, 1999', '2024-02-30']) {
      badInput(() => decodeOipRequest(body([bad]), INPUTS), /input "when" holds a value that is not a date-time \(ISO-8601/);
    }
  });

  test('schema: a datetime bound must be ISO 8601', () => {
    const schema = (min: string) => `version: 1\ncolumns:\n  - {name: t, type: datetime, range: {min: "${min}"}}\n`;
    badInput(() => parseSchema(schema('03/05/1999'), 's.yaml'), /columns\[0\]\.range\.min: expected an ISO 8601 date such as "2024-01-31T00:00:00Z", got string "03\/05\/1999"/);
    badInput(() => parseSchema(schema('2023-02-29'), 's.yaml'), /expected an ISO 8601 date/);
    assert.deepEqual(parseSchema(schema('1999-03-05 10:00'), 's.yaml').columns[0].range, { min: '1999-03-05 10:00' });
  });
});
