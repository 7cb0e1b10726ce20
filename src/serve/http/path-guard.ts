const SEGMENT_RE = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * True for a model name or version segment a path may carry:
 * `[A-Za-z0-9._-]`, and no `..` anywhere. Checked on the decoded segment, so
 * `%2e%2e%2f` (→ `../`) fails, and `%252e…` (→ `%2e…`) fails on its `%`.
 */
export function safeSegment(s: string | undefined): boolean {
  return s !== undefined && SEGMENT_RE.test(s) && !s.includes('..');
}
