import { randomBytes } from 'node:crypto';

/** A random, URL-safe, sortable-enough id: a time prefix plus 10 random bytes. */
export function newId(): string {
  return `${Date.now().toString(36)}${randomBytes(10).toString('hex')}`;
}
