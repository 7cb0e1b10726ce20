import { LatheError } from '../errors.js';
import type { ArtifactIssue, Home } from '../store/index.js';
import { loadPackage, type ModelDocument } from '../train/package/index.js';

/**
 * Loads a model package after checking every file, so a damaged package is
 * refused with an error that names the file that failed (loadPackage alone
 * says only that verification failed).
 */
export async function loadVerifiedPackage(home: Home, sha256: string, label = `model package ${sha256.slice(0, 12)}`): Promise<ModelDocument> {
  const issues = await home.artifacts.verifyFiles(sha256);
  if (issues.length > 0) throw integrityError(label, issues);
  return loadPackage(home, sha256);
}

/** An INTEGRITY error naming each damaged file of a package. */
export function integrityError(label: string, issues: readonly ArtifactIssue[]): LatheError {
  const list = issues.slice(0, 5).map((i) => `${i.file} ${i.problem}`).join('; ');
  return new LatheError('INTEGRITY', `${label} failed verification: ${list}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`, {
    hint: 'a file was changed or is missing; register the model again from its run, or restore the home from a backup',
  });
}
