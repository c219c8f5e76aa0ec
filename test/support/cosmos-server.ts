import { createHttpServer } from '@vercel/cosmosdb-server';
import type { AddressInfo } from 'node:net';

/** One HTTP request the local Cosmos API server received, for request-count tests. */
export interface SeenRequest {
  method: string;
  url: string;
}

export interface LocalCosmos {
  endpoint: string;
  /** Any string works: the local server does not check signatures. */
  key: string;
  /** Every request received since start (or the last `resetRequests`). */
  requests(): readonly SeenRequest[];
  resetRequests(): void;
  stop(): Promise<void>;
}

/**
 * Starts @vercel/cosmosdb-server on 127.0.0.1 over plain HTTP on a free port (STACK.md: plain HTTP
 * avoids its expired TLS certificate). Requests are counted at the server, so a test sees exactly
 * what went over the wire, including the SDK's own metadata reads.
 */
export async function startLocalCosmos(): Promise<LocalCosmos> {
  const server = createHttpServer();
  let seen: SeenRequest[] = [];
  server.on('request', (req) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: 'local-test-key',
    requests: () => seen,
    resetRequests: () => {
      seen = [];
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets from the SDK would hold the server open; drop them.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
