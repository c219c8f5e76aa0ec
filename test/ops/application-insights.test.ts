/**
 * With APPLICATIONINSIGHTS_CONNECTION_STRING set, the bot's log lines reach Application Insights as
 * traces whose custom dimensions carry the turn's activityId. The ingestion endpoint is a local
 * server named in the connection string (IngestionEndpoint=…), so the real exporter sends to it.
 * The exporter always speaks HTTPS: the server uses the self-signed pair that ships with
 * @vercel/cosmosdb-server, and the bot runs as its own process that accepts it.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { amsterdamDate } from '../../src/domain/deadlines';
import { waitFor } from '../support/net-peers';
import { RecordingConnector } from '../support/recording-connector';
import { PEOPLE, SAMPLE_ORGANISATION, validIntake } from '../support/services';

const ROOT = resolve(__dirname, '../..');

interface Envelope {
  name: string;
  data?: { baseType?: string; baseData?: { message?: string; properties?: Record<string, string> } };
}

describe('Application Insights', () => {
  const envelopes: Envelope[] = [];
  let ingestion: https.Server;
  let connector: RecordingConnector;
  let dataDir: string;

  beforeAll(async () => {
    const pair = join(require.resolve('@vercel/cosmosdb-server/package.json'), '..');
    const tls = { key: readFileSync(join(pair, 'key.pem')), cert: readFileSync(join(pair, 'cert.pem')) };
    ingestion = https.createServer(tls, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
        if (req.url?.includes('/track')) {
          const parsed = JSON.parse(text) as Envelope | Envelope[];
          envelopes.push(...(Array.isArray(parsed) ? parsed : [parsed]));
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => ingestion.listen(0, '127.0.0.1', resolve));
    connector = new RecordingConnector();
    await connector.start();
    dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-insights-'));
  });

  afterAll(async () => {
    ingestion.close();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends the turn's log lines as traces carrying its activityId", async () => {
    const port = (ingestion.address() as AddressInfo).port;
    // Its own process: the exporter's TLS check of the local endpoint is turned off there only.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_TLS_REJECT_UNAUTHORIZED: '0',
        PORT: '0',
        DATA_DIR: dataDir,
        STORE: 'sqlite',
        ORGANISATION_FILE: SAMPLE_ORGANISATION,
        LOG_LEVEL: 'info',
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-00000000abcd;IngestionEndpoint=https://127.0.0.1:${port}/`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    const listening = () => /"url":"(http:\/\/[^"]+)"/.exec(stdout)?.[1];
    await waitFor(() => listening() !== undefined, 30_000);
    const url = listening()!;
    const activityId = randomUUID();
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: 'a:personal-chat', conversationType: 'personal', tenantId: 'tenant' },
        from: { id: `29:${PEOPLE.employee.id}`, name: PEOPLE.employee.name, aadObjectId: PEOPLE.employee.id },
        recipient: { id: '28:klantsignaal', name: 'Klantsignaal' },
        id: activityId,
        timestamp: new Date().toISOString(),
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'intake.submit',
            data: { intakeId: randomUUID(), ...validIntake({ receivedOn: amsterdamDate(new Date()) }) },
          },
        },
      }),
    });
    expect(response.status).toBe(200);
    // A graceful stop flushes what the exporter still buffers.
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const traces = envelopes.filter((e) => e.data?.baseType === 'MessageData');
    const stored = traces.find((e) => e.data?.baseData?.message === 'intake stored');
    expect(stored?.data?.baseData?.properties).toMatchObject({ activityId, activityType: 'invoke' });
    expect(traces.some((e) => e.data?.baseData?.message === 'klantsignaal listening')).toBe(true);
    // Personal data never leaves in a trace (the same redaction as stdout).
    expect(JSON.stringify(traces)).not.toContain(validIntake().parentName);
  }, 60_000);
});
