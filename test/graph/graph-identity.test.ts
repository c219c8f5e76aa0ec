/**
 * Who calls Graph: the web app's user-assigned managed identity when no secret or certificate is
 * set (Graph app roles can be assigned to a managed identity's service principal), else an app
 * registration with a certificate, and a client secret only as the fallback. The managed identity
 * path runs for real: @azure/identity asks a local stand-in of App Service's identity endpoint
 * (IDENTITY_ENDPOINT / IDENTITY_HEADER, as App Service sets them) and Graph sees that token.
 */
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphAdapters, graphOptionsFromEnv } from '../../src/adapters/graph';
import { graphCredential } from '../../src/adapters/graph/graph-client';
import { GraphTestServer } from '../support/graph-server';

const TENANT = '00000000-0000-0000-0000-000000000001';
const CLIENT = '00000000-0000-0000-0000-000000000002';
const MAILBOX = 'klachten@kinderopvang.example';

describe('Graph identity from the settings', () => {
  it('is the managed identity without secret or certificate, a certificate when named, the secret last', () => {
    const base = { GRAPH_CLIENT_ID: CLIENT, GRAPH_MAILBOX: MAILBOX };
    expect(graphOptionsFromEnv(base)?.identity).toEqual({ kind: 'managedIdentity', clientId: CLIENT });
    expect(graphOptionsFromEnv({ ...base, GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_SECRET: '' })?.identity).toEqual({
      kind: 'managedIdentity',
      clientId: CLIENT,
    });
    expect(
      graphOptionsFromEnv({
        ...base,
        GRAPH_TENANT_ID: TENANT,
        GRAPH_CLIENT_SECRET: 's',
        GRAPH_CLIENT_CERTIFICATE_PATH: '/certs/graph.pem',
      })?.identity,
    ).toEqual({ kind: 'certificate', tenantId: TENANT, clientId: CLIENT, certificatePath: '/certs/graph.pem' });
    expect(graphOptionsFromEnv({ ...base, GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_SECRET: 's' })?.identity).toEqual({
      kind: 'secret',
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 's',
    });
    expect(() => graphOptionsFromEnv({ ...base, GRAPH_CLIENT_SECRET: 's' })).toThrow(/GRAPH_TENANT_ID/);
  });

  it('makes the matching @azure/identity credential', () => {
    expect(graphCredential({ kind: 'managedIdentity', clientId: CLIENT })).toBeInstanceOf(ManagedIdentityCredential);
    expect(
      graphCredential({ kind: 'certificate', tenantId: TENANT, clientId: CLIENT, certificatePath: '/certs/graph.pem' }),
    ).toBeInstanceOf(ClientCertificateCredential);
    expect(graphCredential({ kind: 'secret', tenantId: TENANT, clientId: CLIENT, clientSecret: 's' })).toBeInstanceOf(
      ClientSecretCredential,
    );
  });
});

describe('Graph through the managed identity', () => {
  const asked: URL[] = [];
  let identityEndpoint: http.Server;
  let graph: GraphTestServer;
  const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };

  beforeAll(async () => {
    identityEndpoint = http.createServer((req, res) => {
      asked.push(new URL(req.url ?? '/', 'http://127.0.0.1'));
      if (req.headers['x-identity-header'] !== 'app-service-secret') {
        res.writeHead(401).end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          access_token: 'managed-identity-token',
          expires_on: String(Math.floor(Date.now() / 1000) + 3600),
          resource: 'https://graph.microsoft.com',
          token_type: 'Bearer',
          client_id: CLIENT,
        }),
      );
    });
    await new Promise<void>((resolve) => identityEndpoint.listen(0, '127.0.0.1', resolve));
    process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${(identityEndpoint.address() as AddressInfo).port}/msi/token`;
    process.env.IDENTITY_HEADER = 'app-service-secret';
    graph = await GraphTestServer.start({ token: 'managed-identity-token' });
  });

  afterAll(async () => {
    await graph.stop();
    identityEndpoint.close();
    for (const [name, value] of [
      ['IDENTITY_ENDPOINT', saved.endpoint],
      ['IDENTITY_HEADER', saved.header],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('gets its token from the identity endpoint for its own client id, and Graph accepts it', async () => {
    const options = graphOptionsFromEnv({ GRAPH_CLIENT_ID: CLIENT, GRAPH_MAILBOX: MAILBOX });
    const adapters = createGraphAdapters({
      ...options!,
      rewriteOrigin: graph.origin,
      retry: { delaySeconds: 0, maxRetries: 0 },
    });
    await adapters.notifier.notify('manager@kinderopvang.example', {
      activity: { type: 'weeklyDigest', parameters: { week: '2026-W49' } },
      webUrl: 'https://teams.microsoft.com/l/entity/x',
      title: 'Weekoverzicht',
      previewText: '3 open',
      idempotencyKey: 'digest:2026-W49@manager',
    });
    expect(graph.violations).toEqual([]);
    expect(graph.notifications.size).toBe(1);
    expect(asked.map((url) => [url.searchParams.get('client_id'), url.searchParams.get('resource')])).toEqual([
      [CLIENT, 'https://graph.microsoft.com'],
    ]);
  });
});
