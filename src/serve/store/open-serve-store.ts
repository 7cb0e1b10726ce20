import { LatheError } from '../../errors.js';
import type { Home } from '../../store/index.js';
import type { ServeStore } from './serve-store.js';
import { SqliteServeStore } from './sqlite-serve-store.js';

/**
 * Opens the serving tables of a home's metadata store. Only `sqlite:` stores
 * have them today; another scheme is refused with the ones that work.
 *
 * @example
 * ```ts
 * const home = await Home.open({ dir: '.lathe' });
 * const store = openServeStore(home);
 * console.log(await store.listKeys());
 * ```
 */
export function openServeStore(home: Home): ServeStore {
  return new SqliteServeStore(serveStorePath(home));
}

/** The SQLite file holding a home's serving tables. */
export function serveStorePath(home: Home): string {
  const uri = home.meta.uri;
  if (!uri.startsWith('sqlite:')) {
    throw new LatheError('UNSUPPORTED_FORMAT', `serving needs a sqlite: metadata store, not ${uri.split(':')[0]}:`, { hint: 'unset LATHE_METADATA_URI to use the home\'s lathe.db' });
  }
  return uri.slice('sqlite:'.length);
}
