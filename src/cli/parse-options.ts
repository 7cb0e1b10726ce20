import { LatheError } from '../errors.js';

/** Parses `a=1,b=x` into an object; BAD_USAGE names the flag on a malformed pair. */
export function parseKeyValues(flag: string, text: string): Record<string, string> {
  // A null prototype: `__proto__=x` is a key like any other, not a prototype change.
  const out: Record<string, string> = Object.create(null);
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) {
      throw new LatheError('BAD_USAGE', `${flag}: "${part}" is not key=value`, { hint: `write ${flag} name=VALUE,other=VALUE` });
    }
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Parses a byte size such as `500MB`, `2GiB` or `1048576`. */
export function parseBytes(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?$/i.exec(text.trim());
  if (!m) throw new LatheError('BAD_USAGE', `${flag}: "${text}" is not a size`, { hint: 'write a number of bytes, or e.g. 500MB, 2GB' });
  const unit = (m[2] ?? '').toLowerCase().replace(/i?b$/, '');
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[unit] ?? 1;
  return Math.floor(Number(m[1]) * mult);
}

/** Checks a value is one of a set. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new LatheError('BAD_USAGE', `${flag}: "${value}" is not allowed`, { hint: `use one of: ${allowed.join(', ')}` });
  }
  return value as T;
}
