import { type RunningServer, startServer } from '../../serve/index.js';
import { expectOk } from '../http-client.js';
import { MODEL, need, type Step } from '../context.js';
import { portError } from '../port-check.js';

/** Step 6: the server, in this process, on a loopback port; it loads and warms @production before listening. */
export const serveStep: Step = {
  name: 'serve',
  title: 'serve — the HTTP server starts in this process on a loopback port',
  async run(ctx) {
    let server;
    try {
      server = await startServer(ctx.home, {
        host: ctx.host,
        port: ctx.port,
        models: [MODEL],
        // Warnings and errors only, on stderr: request lines would drown the narration.
        logLevel: 'warn',
        logStream: process.stderr,
        // No tracing whatever the environment says: the quickstart must run without network.
        otlpEndpoint: null,
        drainSeconds: 5,
      });
    } catch (e) {
      throw portError(ctx.host, ctx.port, e as NodeJS.ErrnoException);
    }
    ctx.state.server = server;
    ctx.state.answers.ready = await expectOk('GET', `${server.url}/v2/health/ready`);
    ctx.narrator.say(`listening on ${server.url}: ${MODEL}:${need(ctx.state.version, 'version')} loaded and warmed; GET /v2/health/ready → ${JSON.stringify(ctx.state.answers.ready)}`);
    ctx.narrator.say('every prediction is appended to the prediction log in the metadata store, for monitoring');
  },
  commands: () => ['lathe serve --port 8080 &'],
};

/**
 * Closes the server and waits for it. The drain's deadline timer is unref'd,
 * so while the close waits on a connection nothing else might hold the event
 * loop and the process could end mid-shutdown without a word; a ref'd timer
 * keeps it alive until the close settles.
 */
export async function closeServer(server: RunningServer): Promise<void> {
  const hold = setInterval(() => {}, 1000);
  try {
    await server.close();
  } finally {
    clearInterval(hold);
  }
}
