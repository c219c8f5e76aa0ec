import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { amsterdamDate } from '../../src/domain/deadlines';
import { startApp, type RunningApp } from '../../src/server';
import { RecordingConnector } from '../support/recording-connector';
import { PEOPLE, SAMPLE_ORGANISATION, testStoreKind, testStoreSettings, validIntake } from '../support/services';
import { cardText } from '../support/test-adapter';

describe('the real restify server with CloudAdapter', () => {
  let app: RunningApp;
  let connector: RecordingConnector;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-http-'));
    connector = new RecordingConnector();
    await connector.start();
    app = await startApp({
      env: {},
      settings: { PORT: '0', DATA_DIR: dataDir, ORGANISATION_FILE: SAMPLE_ORGANISATION, ...testStoreSettings() },
      logger: pino({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    await app.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const activity = (overrides: Record<string, unknown>) => ({
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: 'a:personal-chat', conversationType: 'personal', tenantId: 'tenant' },
    from: { id: `29:${PEOPLE.employee.id}`, name: PEOPLE.employee.name, aadObjectId: PEOPLE.employee.id },
    recipient: { id: '28:klantsignaal', name: 'Klantsignaal' },
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    ...overrides,
  });

  const post = (body: unknown) =>
    fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('is alive and ready on the embedded store', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: testStoreKind() });
  });

  it('welcomes on installation and replies to help through the connector', async () => {
    const added = await post(
      activity({
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:klantsignaal' }, { id: `29:${PEOPLE.employee.id}` }],
      }),
    );
    expect(added.status).toBe(200);
    const help = await post(activity({ type: 'message', text: 'help' }));
    expect(help.status).toBe(200);
    const sent = connector.activities();
    expect(sent).toHaveLength(2);
    expect(cardText(sent[0]?.attachments)).toContain('Welkom bij Klantsignaal');
    expect(cardText(sent[1]?.attachments)).toContain('Nieuw signaal registreren');
    expect(connector.calls[1]?.path).toMatch(/^\/v3\/conversations\/a%3Apersonal-chat\/activities/);
  });

  it('answers an Action.Execute invoke in the HTTP response with the summary card', async () => {
    const response = await post(
      activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'intake.submit',
            data: { intakeId: randomUUID(), ...validIntake({ receivedOn: amsterdamDate(new Date()) }) },
          },
        },
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(cardText(body.value)).toMatch(/Signaal geregistreerd: KS-\d{4}-0001/);
  });

  it('refuses a body above the size limit', async () => {
    const response = await post(activity({ type: 'message', text: 'x'.repeat(300 * 1024) }));
    expect(response.status).toBe(413);
  });
});
