// A second reference point: bare Fastify (no hooks, no logger) answering the
// same fixed JSON, to separate the framework's cost from Lathe's.
import Fastify from 'fastify';

const body = { model_name: 'flights', model_version: '1', id: 'x', outputs: [{ name: 'predict', datatype: 'BYTES', shape: [1], data: ['0'] }] };
const app = Fastify();
app.post('/v2/models/flights/infer', async () => body);
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ port: app.server.address().port }));
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
