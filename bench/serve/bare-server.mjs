// The peer of the serving benchmark: a bare node:http server that reads the
// body and answers a fixed JSON document. Prints its port once listening.
import { createServer } from 'node:http';

const body = JSON.stringify({ model_name: 'flights', model_version: '1', id: 'x', outputs: [{ name: 'predict', datatype: 'BYTES', shape: [1], data: ['0'] }] });
const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
