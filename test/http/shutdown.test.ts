import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startApp } from '../../src/server';
import { RecordingConnector } from '../support/recording-connector';
import { PEOPLE, SAMPLE_ORGANISATION, testStoreSettings } from '../support/services';

describe('graceful shutdown', () => {
  it('finishes the turn in flight, refuses new ones, then stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-stop-'));
    const connector = new RecordingConnector();
    await connector.start();
    connector.delayMs = 700;
    const app = await startApp({
      env: {},
      settings: { PORT: '0', DATA_DIR: dataDir, ORGANISATION_FILE: SAMPLE_ORGANISATION, ...testStoreSettings() },
      logger: pino({ level: 'silent' }),
    });
    const message = {
      type: 'message',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id: 'a:chat' },
      from: { id: `29:${PEOPLE.employee.id}`, aadObjectId: PEOPLE.employee.id },
      recipient: { id: '28:bot' },
      id: randomUUID(),
    };
    const post = () =>
      fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...message, id: randomUUID() }),
      });

    const inFlight = post();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const stopping = app.stop(5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const late = await post().then(
      (response) => response.status,
      () => 'refused',
    );

    expect((await inFlight).status).toBe(200);
    await stopping;
    expect(connector.activities()).toHaveLength(1);
    expect([503, 'refused']).toContain(late);
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
