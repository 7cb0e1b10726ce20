// Starts a run and waits to be killed; prints the run id when it holds the lease.
import { Home } from '../../src/store/index.js';
import { RunTracker } from '../../src/tracking/index.js';

const home = await Home.open({ dir: process.argv[2] });
const run = await RunTracker.start(home, { kind: 'train', experiment: 'held', params: { a: 1 } });
const staging = home.stagingDir();
run.onKill(() => home.releaseStaging(staging));
process.stdout.write(`${run.id}\n`);
setInterval(() => {}, 1000);
