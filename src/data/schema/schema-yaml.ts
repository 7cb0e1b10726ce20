import YAML from 'yaml';
import type { DatasetSchema } from './dataset-schema.js';

/** Options for {@link schemaToYaml}. */
export interface SchemaYamlOptions {
  /** Where the schema was inferred from, for the header, e.g. `penguins@2`. */
  source?: string;
}

const HEADER = `Lathe dataset schema. Edit it to say what valid data looks like, then check data with
  lathe validate <dataset@N | file> --schema <this file>
Each column takes:
  name              the column name, exactly as in the data
  type              numeric, integer, boolean, categorical, text or datetime
  nullable          false: any missing value is an error
  required          false: the column may be absent (reported as a warning)
  max_missing_rate  the largest share of missing values accepted, 0 to 1
  range             {min, max} for numeric, integer and datetime (ISO 8601, UTC); either may be left out
  categories        the values allowed in a categorical column; values not listed are an error,
                    or a warning when under 1% of rows
  categories_strict true: any value not listed is an error (also a top-level key, for every column)
Inferred ranges are the observed min and max widened by 10% of their span on each side.
Delete range or categories to accept any value. Unknown keys are refused.`;

/**
 * Writes a schema as editable YAML: a comment header that says how to edit
 * it, one block per column, and `range` and `categories` on one flow line
 * each so long category lists stay compact. `parseSchema` reads it back to
 * an equal schema.
 *
 * @example
 * ```ts
 * writeFileAtomic('schema.yaml', schemaToYaml(schema, { source: 'penguins@1' }));
 * ```
 */
export function schemaToYaml(schema: DatasetSchema, opts: SchemaYamlOptions = {}): string {
  const doc = new YAML.Document(schema);
  const header = opts.source ? `${HEADER}\nInferred from ${opts.source}.` : HEADER;
  doc.commentBefore = header
    .split('\n')
    .map((l) => ` ${l}`)
    .join('\n');
  const columns = doc.get('columns') as YAML.YAMLSeq<YAML.YAMLMap>;
  for (const col of columns.items) {
    for (const key of ['range', 'categories']) {
      const node = col.get(key, true);
      if (YAML.isCollection(node)) node.flow = true;
    }
  }
  return doc.toString({ lineWidth: 100 });
}
