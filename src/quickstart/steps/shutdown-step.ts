import { need, type Step } from '../context.js';
import { closeServer } from './serve-step.js';

/** Step 11: a graceful stop, as SIGTERM does to `lathe serve`. */
export const shutdownStep: Step = {
  name: 'shutdown',
  title: 'shutdown — drain, flush the prediction log, close',
  async run(ctx) {
    const server = need(ctx.state.server, 'server');
    await closeServer(server);
    ctx.state.server = undefined;
    ctx.narrator.say(`readiness went 503, in-flight requests finished, ${ctx.state.logged + (ctx.state.answers.after_retrain ? 1 : 0)} predictions are in the log; ${server.url} is closed`);
  },
  commands: () => ['kill %1   # SIGTERM: lathe serve drains and exits 0'],
};
