/** One autocannon run against a running server: node --import tsx bench/serve/load-once.ts <url> [seconds] [rows] [connections]. */
import autocannon from 'autocannon';
import { flightTensors } from './flights-model.js';

const [url, seconds = '5', rows = '1', connections = '50'] = process.argv.slice(2);
const r = await autocannon({ url: `${url}/v2/models/flights/infer`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ inputs: flightTensors(Number(rows)) }), connections: Number(connections), duration: Number(seconds) });
console.log(JSON.stringify({ reqPerS: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors }));
