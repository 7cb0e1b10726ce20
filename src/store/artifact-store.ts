/** The result of storing content. */
export interface StoredArtifact {
  sha256: string;
  size: number;
}

/** One thing wrong with a stored artifact: the file it concerns, and what is wrong. */
export interface ArtifactIssue {
  /** A file inside a stored folder (e.g. `model.json`), or the artifact key for a single file. */
  file: string;
  problem: string;
}

/**
 * Content-addressed storage for snapshots and model files. Content is
 * immutable: the key is its sha256. Implementations are opened by URI scheme
 * through {@link openArtifactStore}.
 */
export interface ArtifactStore {
  readonly uri: string;
  /**
   * Moves a finished local file into the store. The file is hashed, fsynced
   * and renamed into place, so a reader never sees a partial object. When
   * `expectedSha256` is given and differs, nothing is stored and INTEGRITY is thrown.
   */
  putFile(localPath: string, expectedSha256?: string): Promise<StoredArtifact>;
  /** Stores bytes; same guarantees as {@link putFile}. */
  putBytes(bytes: Uint8Array): Promise<StoredArtifact>;
  /**
   * Moves a finished local folder into the store as one artifact, keyed by
   * the sha256 of its `manifest.json` (which lists every file's sha256). The
   * folder appears whole, by one rename, or not at all.
   */
  putDirectory(localDir: string): Promise<StoredArtifact>;
  /** A local path a reader (DuckDB) can open; throws NOT_FOUND when absent. */
  localPath(sha256: string): Promise<string>;
  has(sha256: string): Promise<boolean>;
  /** Re-hashes the stored content and compares it with the key. */
  verify(sha256: string): Promise<boolean>;
  /**
   * Like {@link verify}, but lists each problem naming the file, so an error
   * can say which file of a package was changed or is missing. Empty when sound.
   */
  verifyFiles(sha256: string): Promise<ArtifactIssue[]>;
  delete(sha256: string): Promise<void>;
  list(): Promise<string[]>;
}
