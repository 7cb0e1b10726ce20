import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectDelimiter, guessHeader, splitRecords } from './csv-dialect.js';

test('the delimiter is the one most records agree on', () => {
  assert.equal(detectDelimiter('a,b,c\n1,2,3\n4,5,6\n'), ',');
  assert.equal(detectDelimiter('a;b;c\n1,5;2;3\n4;5;6\n'), ';');
  assert.equal(detectDelimiter('a\tb\n1\t2\n'), '\t');
  assert.equal(detectDelimiter('a|b|c\n1|2|3\n'), '|');
  // A ragged row does not change the answer.
  assert.equal(detectDelimiter('a,b,c\n1,2,3\n4,5\n6,7,8\n'), ',');
  // Delimiters inside quotes do not count.
  assert.equal(detectDelimiter('"a;x",b\n"1;2",3\n"4;5",6\n'), ',');
});

test('records honour quotes, doubled quotes and CRLF', () => {
  assert.deepEqual(splitRecords('a,"b,""c"""\r\n1,"x\ny"\n', ','), [
    ['a', 'b,"c"'],
    ['1', 'x\ny'],
  ]);
});

test('a header is a first record of non-numeric names', () => {
  assert.equal(guessHeader([['a', 'b'], ['1', '2']]), true);
  assert.equal(guessHeader([['1', '2'], ['3', '4']]), false);
  assert.equal(guessHeader([['a', ''], ['1', '2']]), false);
});
