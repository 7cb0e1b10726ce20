import { readSchemaFile, validateTarget } from '../../data/index.js';
import { writeFileAtomic } from '../../store/index.js';
import { need, type Step } from '../context.js';
import { DRIFT_COLUMN, DRIFT_OFFSET_MM, complete, drifted, features, readPenguins, shares } from '../penguin-traffic.js';
import { generated, workFile } from '../paths.js';
import { sendTraffic } from './requests-step.js';

/**
 * Step 8: a batch whose beak lengths read 20 mm long. Checked against the
 * schema first (the kind of guard a batch pipeline would apply), then served
 * anyway, as an online service must, and logged.
 */
export const driftedBatchStep: Step = {
  name: 'drifted-batch',
  title: `a drifted batch — the same penguins, measured with a caliper re-zeroed ${DRIFT_OFFSET_MM} mm off`,
  async run(ctx) {
    const penguins = readPenguins(ctx.penguinsFile);
    // As many rows as were served before, so the monitor's count windows split ordinary and drifted traffic exactly.
    const size = ctx.state.logged;
    // Every penguin once, topped up with complete rows: repeating rows with missing values would itself trip the missing-rate rules.
    const full = penguins.filter(complete);
    const batch = Array.from({ length: size }, (_, i) => drifted(i < penguins.length ? penguins[i] : full[(i - penguins.length) % full.length]));
    const file = workFile(ctx, 'drifted-batch.json');
    writeFileAtomic(file, JSON.stringify(batch.map(features)));
    ctx.state.driftedFile = file;
    const check = await validateTarget(ctx.home, file, readSchemaFile(need(ctx.state.featuresSchemaFile, 'features schema')));
    ctx.state.driftedAnomalies = check.anomalies.map((a) => ({ column: a.column, reason: a.reason, percent: a.percent }));
    const found = check.anomalies.map((a) => `${a.column ?? '-'} ${a.reason} in ${a.percent}% of rows`).join('; ');
    ctx.narrator.say(`lathe validate against the features schema: ${check.valid ? 'valid' : 'INVALID'}${found ? ` — ${found}` : ''}`);
    const answers = await sendTraffic(ctx, batch, 'drifted');
    ctx.narrator.say(`served anyway, ${answers.length} requests, all 200: predicted ${shares(answers)} — ${DRIFT_COLUMN} pushes the model off course`);
  },
  commands: () => [`lathe validate ${generated('drifted-batch.json')} --schema ${generated('features-schema.yaml')}`],
};
