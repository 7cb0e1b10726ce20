import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LatheError } from '../errors.js';

/**
 * The path of a file from the vega-datasets package (penguins.json, cars.json,
 * flights-3m.parquet, …). The package is a development dependency, so it is
 * found by walking up from this module to a `node_modules` that holds it, as
 * Node's own resolution would (its `exports` map hides the data files from
 * `require.resolve`).
 *
 * @example
 * ```ts
 * const file = vegaDataFile('penguins.json');
 * ```
 */
export function vegaDataFile(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', 'vega-datasets', 'data', name);
    if (existsSync(candidate)) return candidate;
    const up = resolve(dir, '..');
    if (up === dir) break;
    dir = up;
  }
  throw new LatheError('NOT_FOUND', `the vega-datasets file ${name} is not installed`, {
    hint: 'run `npm install` in the Lathe repository (vega-datasets is a development dependency holding the public data sets)',
  });
}
