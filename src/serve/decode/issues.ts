import { LatheError } from '../../errors.js';

const SAFE_NAME = /^[A-Za-z0-9._ :/()-]{1,64}$/;

/**
 * A client-supplied name, fit to appear in an error: shown when it is short
 * and plain, otherwise described, so no error echoes arbitrary input.
 */
export function shownName(name: unknown): string {
  return typeof name === 'string' && SAFE_NAME.test(name) ? `"${name}"` : '(a name that is not plain text)';
}

/** One BAD_INPUT error listing every problem found, zod style, up to ten. */
export function inputError(issues: readonly string[], hint: string): LatheError {
  const shown = issues.slice(0, 10).join('; ');
  const more = issues.length > 10 ? `; and ${issues.length - 10} more` : '';
  return new LatheError('BAD_INPUT', `${shown}${more}`, { hint });
}

/** The hint every signature mismatch carries. */
export const SIGNATURE_HINT = 'GET /v2/models/<name> lists the inputs with their datatypes; send each as a tensor of shape [N] (or one FP64 tensor of shape [N, inputs])';
