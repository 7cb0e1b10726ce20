import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, formatCount, renderProgress } from './progress.js';

test('a progress line shows fraction, rows, bytes and rate', () => {
  const line = renderProgress('ingest', { rows: 2_000_000, bytes: 50 * 1024 ** 2, totalBytes: 100 * 1024 ** 2 }, 2, 120);
  assert.equal(line, 'ingest  [##########..........]  50%  2.00M rows  50.0 MiB/100.0 MiB  1.00M rows/s');
  assert.equal(renderProgress('x', { bytes: 2048 }, 1, 80), 'x  2.0 KiB  2.0 KiB/s');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(1500), '1.5k');
  assert.equal(formatBytes(3 * 1024 ** 3), '3.0 GiB');
});
