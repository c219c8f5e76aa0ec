/**
 * Real network peers for failure tests: a port where nothing listens (connection refused: the
 * request never left) and a server that reads a request and hangs up without answering (it
 * arrived, but the outcome is unknown). The two cases every outbound path must tell apart.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port on 127.0.0.1 where nothing listens: connecting is refused. */
export async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function closedOrigin(): Promise<string> {
  return `http://127.0.0.1:${await closedPort()}`;
}

/** A server that reads each request to the end, then closes the socket without answering. */
export async function resettingServer() {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.socket?.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const handle = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    receivedBeforeStop: 0,
    async stop() {
      handle.receivedBeforeStop = received;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return handle;
}

/** Polls until the condition holds; throws when it does not within the time. */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
