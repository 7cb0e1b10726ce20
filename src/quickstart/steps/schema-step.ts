import { inferSchema, readSchemaFile, schemaToYaml, validateTarget, withTarget } from '../../data/index.js';
import { writeFileAtomic } from '../../store/index.js';
import { need, type Step, TARGET } from '../context.js';
import { workFile } from '../paths.js';

/** Step 3: an editable schema inferred from the data, and the data validated against it. */
export const schemaStep: Step = {
  name: 'schema',
  title: 'schema infer + validate — what valid data looks like, written down and checked',
  async run(ctx) {
    const dataset = need(ctx.state.dataset, 'dataset');
    const schema = await withTarget(ctx.home, dataset, (t) => inferSchema(t.engine, t.relation, t.columns));
    const file = workFile(ctx, 'schema.yaml');
    writeFileAtomic(file, schemaToYaml(schema, { source: dataset }));
    ctx.state.schemaFile = file;
    // What requests must look like: the same rules without the label, which only arrives later.
    const featuresFile = workFile(ctx, 'features-schema.yaml');
    writeFileAtomic(featuresFile, schemaToYaml({ ...schema, columns: schema.columns.filter((c) => c.name !== TARGET) }, { source: `${dataset}, without ${TARGET}` }));
    ctx.state.featuresSchemaFile = featuresFile;
    // Read back from the file, as `lathe validate --schema` does, so the YAML itself is what is checked.
    const r = await validateTarget(ctx.home, dataset, readSchemaFile(file));
    const errors = r.anomalies.filter((a) => a.severity === 'error').length;
    ctx.state.validation = { valid: r.valid, errors, warnings: r.anomalies.length - errors };
    ctx.narrator.say(`${file}: ${schema.columns.length} columns with types, ranges, categories and missing-rate limits`);
    ctx.narrator.say(`${dataset} is ${r.valid ? 'valid' : 'INVALID'}: ${errors} errors, ${r.anomalies.length - errors} warnings; training uses the schema as a gate`);
    if (!r.valid) throw new Error(`${dataset} does not match the schema inferred from it`);
  },
  commands: (ctx) => {
    return [`lathe schema infer ${ctx.state.dataset} -o schema.yaml`, `lathe validate ${ctx.state.dataset} --schema schema.yaml`];
  },
};
