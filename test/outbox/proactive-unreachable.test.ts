/**
 * Proactive reminders when nothing reached Teams (bot/proactive.ts): connection refused, DNS
 * failure or no bot token mean the connector never saw the message, so the delivery goes to
 * 'retry' and a later sweep sends it; only a request that may have been received (no answer after
 * it went out) stays "outcome unknown". Real botbuilder CloudAdapter, real local HTTP servers.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { neverSent, TeamsProactiveSender } from '../../bot/proactive';
import { runReminderSweep } from '../../src/app/reminders';
import type { JsonObject, OutgoingMessage } from '../../src/app/reminder-ports';
import { ManualClock } from '../../src/domain/clock';
import { RecordingConnector } from '../support/recording-connector';
import { introduce, newAdapter, openStores, reminderDeps, silent, type Stores } from '../reminders/support/harness';
import { makeSignal } from '../reminders/support/signals';
import { closedPort, resettingServer } from '../support/net-peers';

const OWNER = { id: 'owner-1', name: 'Eigenaar' };
const DUE = new Date('2026-04-09T06:00:00Z');
const DELIVERY = 'good:settleBy:2026-04-13:-2wd@owner-1';

const reference = (serviceUrl: string): JsonObject => ({
  serviceUrl,
  channelId: 'msteams',
  conversation: { id: 'a:chat-owner-1', conversationType: 'personal', isGroup: false, tenantId: 'tenant' },
  bot: { id: '28:klantsignaal', name: 'Klantsignaal' },
  user: { id: '29:owner-1', name: 'Eigenaar', aadObjectId: 'owner-1' },
});

const notice: OutgoingMessage = {
  type: 'unreachable',
  message: { deliveryId: 'notice-1', personName: 'Eigenaar', reason: 'noReference' },
};

describe('the reminder sweep with the connector down', () => {
  let stores: Stores;
  let outboxDir: string;

  beforeEach(async () => {
    stores = await openStores('SQLite');
    outboxDir = mkdtempSync(path.join(tmpdir(), 'ks-proactive-'));
  });

  afterEach(async () => {
    await stores.close();
    rmSync(outboxDir, { recursive: true, force: true });
  });

  it('connection refused: the reminder is not lost but retried, and arrives once the connector is back', async () => {
    const adapter = newAdapter();
    await introduce(adapter, stores.reminders, `http://127.0.0.1:${await closedPort()}`, OWNER);
    await stores.signals.create(
      makeSignal({
        id: 'good',
        reference: 'KS-2026-0001',
        owner: OWNER,
        receivedOn: '2026-03-02',
        registeredAt: '2026-04-09T05:00:00Z',
      }),
    );
    const clock = new ManualClock(DUE);
    const deps = reminderDeps({ stores, adapter, clock, outboxDir, holder: 'a' });

    const first = await runReminderSweep(deps);
    expect(first).toMatchObject({ due: 1, sentViaTeams: 0, refused: 1, unknown: 0 });
    const record = (await stores.reminders.getDeliveries([DELIVERY])).get(DELIVERY);
    expect(record).toMatchObject({ state: 'retry', attempts: 1 });
    expect(record?.detail).toContain('ECONNREFUSED');

    // The connector is reachable again (the person's chat, seen on a new turn).
    const connector = new RecordingConnector();
    await connector.start();
    try {
      await introduce(adapter, stores.reminders, connector.url, OWNER);
      clock.set(new Date(DUE.getTime() + 30 * 60_000));
      const second = await runReminderSweep(deps);
      expect(second).toMatchObject({ sentViaTeams: 1, unknown: 0, staleMarked: 0 });
      expect(connector.activities()).toHaveLength(1);
      expect((await stores.reminders.getDeliveries([DELIVERY])).get(DELIVERY)?.state).toBe('sent');
    } finally {
      await connector.stop();
    }
  }, 60_000);
});

describe('TeamsProactiveSender: what counts as "never sent"', () => {
  it('no bot token (the login endpoint refuses the connection): refused, so the sweep retries', async () => {
    const port = await closedPort();
    const adapter = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'not-a-secret',
        MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
        MicrosoftAppType: 'SingleTenant',
        ToChannelFromBotLoginUrl: `https://127.0.0.1:${port}/00000000-0000-0000-0000-000000000002`,
      } as Record<string, string>),
    );
    const connector = new RecordingConnector();
    await connector.start();
    try {
      const sender = new TeamsProactiveSender({
        adapter,
        appId: '00000000-0000-0000-0000-000000000001',
        logger: silent,
      });
      const outcome = await sender.send(reference(connector.url), notice);
      expect(outcome).toMatchObject({ status: 'refused', httpStatus: 0 });
      expect(connector.calls).toHaveLength(0);
    } finally {
      await connector.stop();
    }
  });

  it('a request the connector received but never answered (socket closed mid-response): outcome unknown', async () => {
    const connector = await resettingServer();
    try {
      const sender = new TeamsProactiveSender({ adapter: newAdapter(), appId: '', logger: silent });
      await expect(sender.send(reference(connector.url), notice)).rejects.toBeDefined();
      expect(connector.received()).toBeGreaterThan(0);
    } finally {
      await connector.stop();
    }
  });

  it('reads botframework-connector, MSAL and @azure/identity errors', () => {
    expect(neverSent(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(neverSent(Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' }))).toBe(true);
    expect(neverSent(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } }))).toBe(true);
    const msal = Object.assign(new Error('endpoints_resolution_error'), {
      name: 'ClientAuthError',
      errorCode: 'endpoints_resolution_error',
    });
    expect(neverSent(msal)).toBe(true);
    expect(neverSent(Object.assign(new Error('no MSI'), { name: 'CredentialUnavailableError' }))).toBe(true);
    // Went out, no answer: unknown.
    expect(neverSent(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(false);
    expect(neverSent(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }))).toBe(false);
    expect(neverSent(Object.assign(new Error('x'), { name: 'ServerError' }))).toBe(false);
  });
});
