// Moves <model>@production to <version> <count> times, starting at <startAt> (epoch ms)
// so that two of these processes overlap. The actor comes from $LATHE_ACTOR.
import { setAlias } from '../../src/registry/index.js';
import { Home } from '../../src/store/index.js';

const [dir, model, version, count, startAt] = process.argv.slice(2);
const home = await Home.open({ dir });
try {
  while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 1));
  for (let i = 0; i < Number(count); i++) {
    await setAlias(home, model, 'production', Number(version), { message: `move ${i}` });
    // A short random pause lets the other process's waiting writer in, so the moves interleave.
    await new Promise((r) => setTimeout(r, Math.random() * 4));
  }
} finally {
  await home.close();
}
