import { LatheError } from '../errors.js';
import { FileSource } from './file-source.js';
import type { IngestOptions, Source, SourceFactory } from './source.js';

const factories = new Map<string, SourceFactory>();

/** Registers a source factory for each URL scheme it claims. */
export function registerSource(factory: SourceFactory): void {
  for (const s of factory.schemes) factories.set(s.toLowerCase(), factory);
}

/** URL schemes with a registered source, plus `file`. */
export function knownSchemes(): string[] {
  return ['file', ...[...factories.keys()].sort()];
}

/**
 * The source for a location: a URL is dispatched by scheme, anything else is
 * a local path or glob.
 */
export function resolveSource(location: string, opts: IngestOptions): Source {
  if (location.trim() === '') {
    throw new LatheError('BAD_USAGE', 'no source given', { hint: 'pass a file path, a glob or a URL' });
  }
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location);
  if (!m || m[1].toLowerCase() === 'file') return new FileSource(location, opts);
  const factory = factories.get(m[1].toLowerCase());
  if (!factory) {
    throw new LatheError('UNSUPPORTED_FORMAT', `unknown source scheme "${m[1]}"`, {
      hint: `known schemes: ${knownSchemes().join(', ')}; or pass a local file path`,
    });
  }
  return factory.create(location, opts);
}
