import type { ArtifactStore } from './artifact-store.js';

/** Stores a JSON document as a content-addressed artifact; returns its sha256. */
export async function putJson(store: ArtifactStore, doc: unknown): Promise<string> {
  return (await store.putBytes(new TextEncoder().encode(JSON.stringify(doc)))).sha256;
}

/** Reads a JSON artifact back. */
export async function getJson<T>(store: ArtifactStore, sha256: string): Promise<T> {
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(await store.localPath(sha256), 'utf8')) as T;
}
