import { ingest } from '../../ingest/index.js';
import { DATASET, type Step } from '../context.js';
import { shown } from '../paths.js';

/** Step 1: penguins.json becomes an immutable, versioned dataset. */
export const ingestStep: Step = {
  name: 'ingest',
  title: 'ingest — penguins.json becomes the dataset version penguins@1',
  async run(ctx) {
    const { record } = await ingest(ctx.home, ctx.penguinsFile, DATASET);
    ctx.state.dataset = `${DATASET}@${record.version}`;
    ctx.state.rows = record.rows;
    const nullable = record.columns.filter((c) => c.nullable).map((c) => c.name);
    ctx.narrator.say(`${record.rows} rows × ${record.columns.length} columns snapshotted to Parquet (sha256 ${record.hash.slice(0, 12)}…); re-ingesting the same bytes returns the same version`);
    ctx.narrator.say(`columns with missing values: ${nullable.join(', ')}`);
  },
  commands: (ctx) => [`lathe ingest ${shown(ctx.penguinsFile)} --name ${DATASET}`],
};
