/**
 * A fast stand-in for the Bot Connector service, run as its own process by the bench
 * (`node --import tsx bench/lib/connector-process.ts`, PORT in the environment).
 * Answers every call like the real one — 200 with `{"id": …}` — without parsing the body.
 * GET /__stats returns the number of calls and the last body received (to check that a turn
 * really produced the reply it should); POST /__reset zeroes the count.
 */
import { createServer } from 'node:http';

let calls = 0;
let lastBody = '';
let lastPath = '';

const server = createServer((req, res) => {
  if (req.url === '/__stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ calls, lastPath, lastBody }));
    return;
  }
  if (req.url === '/__reset') {
    calls = 0;
    lastBody = '';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    calls += 1;
    lastPath = req.url ?? '';
    // Keep only the latest body, as a string: no JSON parsing on the hot path.
    if (chunks.length > 0) lastBody = Buffer.concat(chunks).toString('utf8');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"id":"sent-${calls}","activityId":"sent-${calls}"}`);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
