import { compactJson, expectOk, inParallel } from '../http-client.js';
import { MODEL, need, type QuickstartContext, type Step, TARGET } from '../context.js';
import { features, oipRequest, onePerSpecies, type PenguinRow, readPenguins, shares } from '../penguin-traffic.js';

/** Step 7: real OIP v2 and V1 requests with their answers, then a day of ordinary single-penguin traffic. */
export const requestsStep: Step = {
  name: 'requests',
  title: 'predict over HTTP — Open Inference Protocol v2 and V1 requests, then ordinary traffic',
  async run(ctx) {
    const url = need(ctx.state.server, 'server').url;
    const penguins = readPenguins(ctx.penguinsFile);
    const meta = (await expectOk('GET', `${url}/v2/models/${MODEL}`)) as { inputs: { name: string }[] };
    ctx.state.answers.metadata = meta;
    const demo = onePerSpecies(penguins);
    const oip = await expectOk('POST', `${url}/v2/models/${MODEL}/infer`, oipRequest('quickstart-oip-1', demo.map(features)));
    ctx.state.answers.oip = oip;
    ctx.state.logged += demo.length;
    ctx.narrator.say(`GET /v2/models/${MODEL} → ${meta.inputs.length} input tensors: ${meta.inputs.map((i) => i.name).join(', ')}`);
    ctx.narrator.say(`POST /v2/models/${MODEL}/infer, one ${demo.map((d) => d[TARGET]).join(', ')} →`);
    ctx.narrator.say(`  ${compactJson(oip, 600)}`);
    const v1 = await expectOk('POST', `${url}/v1/models/${MODEL}@production:predict`, { instances: [features(demo[1] ?? demo[0])] });
    ctx.state.answers.v1 = v1;
    ctx.state.logged += 1;
    ctx.narrator.say(`POST /v1/models/${MODEL}@production:predict, one ${(demo[1] ?? demo[0])[TARGET]} → ${compactJson(v1)}`);
    const answers = await sendTraffic(ctx, penguins, 'normal');
    ctx.narrator.say(`ordinary traffic: ${answers.length} single-penguin requests, all 200; predicted ${shares(answers)}`);
  },
  commands: () => [
    `curl -s localhost:8080/v2/models/${MODEL}/infer -H 'content-type: application/json' -d '{"inputs":[{"name":"Island","datatype":"BYTES","shape":[1],"data":["Dream"]}, …]}'`,
    `curl -s 'localhost:8080/v1/models/${MODEL}@production:predict' -H 'content-type: application/json' -d '{"instances":[{"Island":"Dream","Beak Length (mm)":50.9, …}]}'`,
  ],
};

/**
 * Sends every row as its own V1 request with an `x-request-id`, so that
 * delayed labels can be joined to the logged prediction later; records the
 * ids and true species, and returns the predictions.
 */
export async function sendTraffic(ctx: QuickstartContext, rows: readonly PenguinRow[], kind: 'normal' | 'drifted'): Promise<string[]> {
  const url = `${need(ctx.state.server, 'server').url}/v1/models/${MODEL}@production:predict`;
  const base = ctx.state.traffic.length;
  const answers = await inParallel(rows, 8, async (row, i) => {
    const id = `qs-${kind}-${i}`;
    const body = (await expectOk('POST', url, { instances: [features(row)] }, { 'x-request-id': id })) as { predictions: string[] };
    return { id, species: String(row[TARGET]), prediction: body.predictions[0] };
  });
  ctx.state.traffic.splice(base, 0, ...answers.map((a) => ({ id: a.id, species: a.species, drifted: kind === 'drifted' })));
  ctx.state.logged += rows.length;
  return answers.map((a) => a.prediction);
}
