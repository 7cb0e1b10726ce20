import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isLatheError } from '../errors.js';
import type { ArtifactStore } from './artifact-store.js';

/** The behaviour every ArtifactStore must have. */
export function artifactStoreCase(label: string, fresh: () => Promise<ArtifactStore>): void {
  test(`${label}: content is keyed by its sha256 and stored once`, async () => {
    const s = await fresh();
    const bytes = new TextEncoder().encode('hello lathe');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const a = await s.putBytes(bytes);
    assert.deepEqual(a, { sha256: sha, size: bytes.length });
    assert.equal(await s.has(sha), true);
    assert.equal(await s.verify(sha), true);
    const again = await s.putBytes(bytes);
    assert.equal(again.sha256, sha);
    assert.deepEqual(await s.list(), [sha]);
  });

  test(`${label}: putFile moves the file in, and a wrong expected hash stores nothing`, async () => {
    const s = await fresh();
    const dir = mkdtempSync(join(tmpdir(), 'lathe-art-'));
    const f = join(dir, 'x.bin');
    writeFileSync(f, 'abc');
    await assert.rejects(s.putFile(f, '0'.repeat(64)), (e) => isLatheError(e, 'INTEGRITY'));
    assert.deepEqual(await s.list(), []);
    assert.equal(existsSync(f), false);
    writeFileSync(f, 'abc');
    const { sha256 } = await s.putFile(f);
    assert.equal(existsSync(f), false);
    assert.equal(await s.verify(sha256), true);
    await s.delete(sha256);
    assert.equal(await s.has(sha256), false);
    await assert.rejects(s.localPath(sha256), (e) => isLatheError(e, 'NOT_FOUND'));
  });

  test(`${label}: a folder is stored whole under its manifest's hash and verified file by file`, async () => {
    const s = await fresh();
    const dir = mkdtempSync(join(tmpdir(), 'lathe-pkg-'));
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    writeFileSync(join(dir, 'model.json'), '{"a":1}');
    writeFileSync(join(dir, 'arrays.bin'), 'xyz');
    const manifest = JSON.stringify({ files: { 'model.json': sha('{"a":1}'), 'arrays.bin': sha('xyz') } });
    writeFileSync(join(dir, 'manifest.json'), manifest);
    const stored = await s.putDirectory(dir);
    assert.equal(stored.sha256, sha(manifest));
    assert.equal(existsSync(dir), false);
    assert.equal(await s.verify(stored.sha256), true);
    const path = await s.localPath(stored.sha256);
    writeFileSync(join(path, 'arrays.bin'), 'tampered');
    assert.equal(await s.verify(stored.sha256), false);
    assert.deepEqual(await s.verifyFiles(stored.sha256), [{ file: 'arrays.bin', problem: 'does not match its sha256 in the manifest' }]);
    writeFileSync(join(path, 'extra.txt'), 'x');
    assert.deepEqual((await s.verifyFiles(stored.sha256)).map((i) => i.file), ['extra.txt', 'arrays.bin']);
    await s.delete(stored.sha256);
    assert.deepEqual(await s.verifyFiles(stored.sha256), [{ file: stored.sha256, problem: 'the artifact is missing' }]);
    assert.equal(await s.has(stored.sha256), false);
  });

  test(`${label}: keys that are not sha256 are refused`, async () => {
    const s = await fresh();
    await assert.rejects(s.localPath('../../etc/passwd'), (e) => isLatheError(e, 'BAD_INPUT'));
  });
}
