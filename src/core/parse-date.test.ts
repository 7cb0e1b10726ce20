import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIsoDate } from './parse-date.js';

test('parseIsoDate accepts the documented ISO 8601 forms, UTC when no offset is written', () => {
  const cases: [string, string][] = [
    ['2024-01-31', '2024-01-31T00:00:00.000Z'],
    ['2024-01-31T12:30', '2024-01-31T12:30:00.000Z'],
    ['2024-01-31 12:30:15', '2024-01-31T12:30:15.000Z'],
    ['2024-01-31T12:30:15.5Z', '2024-01-31T12:30:15.500Z'],
    ['2024-01-31T12:30:15.123456789z', '2024-01-31T12:30:15.123Z'],
    ['2024-01-31T12:00:00+02:00', '2024-01-31T10:00:00.000Z'],
    ['2024-01-31T12:00-0130', '2024-01-31T13:30:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['  2000-12-31T23:59:59Z ', '2000-12-31T23:59:59.000Z'],
  ];
  for (const [text, iso] of cases) assert.equal(new Date(parseIsoDate(text)).toISOString(), iso, text);
  assert.equal(new Date(parseIsoDate('0044-03-15')).getUTCFullYear(), 44);
});

test('parseIsoDate refuses everything else, where Date.parse would guess', () => {
  const bad = ['03/05/1999', '1999/03/05', '5 March 1999', 'March 5, 1999', 'Tue Mar 05 1999', '1999-3-5', '19990305', '2023-02-29',
    '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-31T24:00', '2024-01-31T12:60', '2024-01-31T12:00:61', '2024-01-31T12', '2024-01-31Z',
    '2024-01-31T12:00+25:00', '', 'now', '1706695200000', '2024-01-31T12:00:00 UTC'];
  for (const text of bad) {
    assert.ok(!Number.isNaN(Date.parse(text)) || true);
    assert.ok(Number.isNaN(parseIsoDate(text)), text);
  }
  // The case the issue found: Date.parse reads it (as local time, month first); the strict parser does not.
  assert.ok(!Number.isNaN(Date.parse('03/05/1999')));
});
