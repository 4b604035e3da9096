// The least a Node server can do per request: send a fixed response with node:http, one process per core.
// `npm run bench` runs it as the floor under our server: what is left between the two is our own cost.
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';

interface Recorded {
  readonly headers: string[];
  readonly body: string;
}

const [file = '', port = '0'] = process.argv.slice(2);
if (cluster.isPrimary) {
  for (let index = 0; index < availableParallelism(); index += 1) cluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  });
} else {
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as Record<'br' | 'identity', Recorded>;
  const br = { headers: recorded.br.headers, body: Buffer.from(recorded.br.body, 'base64') };
  const identity = { headers: recorded.identity.headers, body: Buffer.from(recorded.identity.body, 'base64') };
  createServer((req, res) => {
    const response = req.headers['accept-encoding']?.includes('br') ? br : identity;
    res.writeHead(200, response.headers);
    res.end(response.body);
  }).listen(Number(port), '127.0.0.1');
}
