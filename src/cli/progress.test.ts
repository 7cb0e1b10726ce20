import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, formatCount, formatDuration, renderProgress } from './progress.js';

test('a progress line shows fraction, rows, bytes and rate', () => {
  const line = renderProgress('ingest', { rows: 2_000_000, bytes: 50 * 1024 ** 2, totalBytes: 100 * 1024 ** 2 }, 2, 120);
  assert.equal(line, 'ingest  [##########..........]  50%  2.00M rows  50.0 MiB/100.0 MiB  1.00M rows/s  2s elapsed  ~2s left');
  assert.equal(renderProgress('x', { bytes: 2048 }, 1, 80), 'x  2.0 KiB  2.0 KiB/s  1s elapsed');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(1500), '1.5k');
  assert.equal(formatBytes(3 * 1024 ** 3), '3.0 GiB');
});

test('training progress shows the message, the elapsed and the remaining time', () => {
  const line = renderProgress('train', { fraction: 0.25, message: 'trial 5/20, best roc_auc 0.7123' }, 75, 200);
  assert.equal(line, 'train  [#####...............]  25%  trial 5/20, best roc_auc 0.7123  1m15s elapsed  ~3m45s left');
  assert.equal(formatDuration(3 * 3600 + 120), '3h02m');
});
