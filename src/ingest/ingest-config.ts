import { checkConfig, readLatheYaml, v } from '../core/index.js';

/** The `ingest:` section of lathe.yaml. */
export interface IngestConfig {
  /** Fetch URLs that resolve to loopback, private or link-local addresses (default false). */
  allow_private_hosts: boolean;
}

/** With no file or no `ingest:` section: private hosts refused. */
export const DEFAULT_INGEST_CONFIG: IngestConfig = { allow_private_hosts: false };

const INGEST_SPEC = v.object({ allow_private_hosts: v.field(v.bool(), false) });

/**
 * Reads the `ingest:` section of a lathe.yaml through the shared loader and
 * config validator; unknown keys and wrong types are BAD_INPUT naming their
 * path (`ingest.allow_private_hosts: must be true or false, got "yes"`).
 *
 * @example
 * ```yaml
 * ingest:
 *   allow_private_hosts: true
 * ```
 */
export function readIngestConfig(file: string | undefined): IngestConfig {
  if (!file) return DEFAULT_INGEST_CONFIG;
  return parseIngestSection(readLatheYaml(file).ingest, file);
}

/** Checks a parsed `ingest:` value (undefined or null: the defaults). */
export function parseIngestSection(section: unknown, where = 'lathe.yaml'): IngestConfig {
  if (section === undefined || section === null) return DEFAULT_INGEST_CONFIG;
  return checkConfig(INGEST_SPEC, section, where, 'ingest');
}
