/**
 * Graceful shutdown over real HTTP (docs/operations.md, "Graceful shutdown"): during the drain
 * /readyz and new turns get 503 "shutting down", the turn in flight finishes, and the reminder
 * sweep's lease is released, so another instance can take it at once.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startApp, type RunningApp } from '../../src/server';
import { SWEEP_LEASE } from '../../src/app/reminders';
import type { Lease, ReminderStore } from '../../src/app/reminder-ports';
import { SqliteReminderStore } from '../../src/adapters/sqlite/sqlite-reminder-store';
import { RecordingConnector } from '../support/recording-connector';
import { PEOPLE, SAMPLE_ORGANISATION, testStoreSettings } from '../support/services';

/** The reminder store as a second instance sees it: its own connection to the same store. */
async function otherInstanceReminders(app: RunningApp): Promise<ReminderStore> {
  const { store } = app.config;
  const reminders: ReminderStore =
    store.kind === 'cosmos'
      ? new (await import('../../src/adapters/cosmos/cosmos-reminder-store')).CosmosReminderStore({
          endpoint: store.endpoint,
          key: store.key,
          databaseId: store.database,
          createIfMissing: false,
          endpointDiscovery: store.endpointDiscovery,
        })
      : new SqliteReminderStore(store.path);
  await reminders.init();
  return reminders;
}

/**
 * Holds the next sweep of the app right after it took the lease, until `release()`: so the lease
 * is certainly held by this instance when the shutdown starts.
 */
function holdNextSweep(reminders: ReminderStore): { held: Promise<void>; release: () => void; attempts: () => number } {
  let markHeld!: () => void;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (markHeld = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const acquire = reminders.tryAcquireLease.bind(reminders);
  let armed = true;
  let attempts = 0;
  reminders.tryAcquireLease = async (
    ...args: Parameters<ReminderStore['tryAcquireLease']>
  ): Promise<Lease | undefined> => {
    attempts += 1;
    const lease = await acquire(...args);
    if (armed && lease && args[0] === SWEEP_LEASE) {
      armed = false;
      markHeld();
      await released;
    }
    return lease;
  };
  return { held, release, attempts: () => attempts };
}

describe('graceful shutdown', () => {
  it('answers 503 on /readyz and new turns, finishes the turn in flight, releases the lease, then stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-stop-'));
    const connector = new RecordingConnector();
    await connector.start();
    connector.delayMs = 700;
    const app = await startApp({
      // A sweep every second, so one is running when the test stops the app.
      env: { REMINDER_INTERVAL_SECONDS: '1' },
      settings: { PORT: '0', DATA_DIR: dataDir, ORGANISATION_FILE: SAMPLE_ORGANISATION, ...testStoreSettings() },
      logger: pino({ level: 'silent' }),
    });
    const other = await otherInstanceReminders(app);
    const sweep = holdNextSweep(app.services.reminders!);
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

    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    await sweep.held;
    // This instance's sweep holds the lease: another instance cannot take it.
    expect(await other.tryAcquireLease(SWEEP_LEASE, 'other-instance', 60_000, new Date())).toBeUndefined();

    const inFlight = post();
    await new Promise((resolve) => setTimeout(resolve, 150));
    let stopped = false;
    const stopping = app.stop(5000).then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));

    // During the drain: not ready, and no new turns.
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'shutting down' });
    const late = await post();
    expect(late.status).toBe(503);
    expect(await late.json()).toEqual({ status: 'shutting down' });
    expect(stopped).toBe(false);

    // The sweep in progress goes on; stop() waits for it and for the turn in flight.
    sweep.release();
    expect((await inFlight).status).toBe(200);
    await stopping;
    expect(connector.activities()).toHaveLength(1);
    await expect(fetch(`${app.url}/readyz`)).rejects.toThrow();
    // The schedule is stopped: no sweep tries for the lease any more (one would every second).
    const attempts = sweep.attempts();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sweep.attempts()).toBe(attempts);

    // The lease was released, not left to expire: another instance takes it at once.
    const taken = await other.tryAcquireLease(SWEEP_LEASE, 'other-instance', 60_000, new Date());
    expect(taken).toMatchObject({ name: SWEEP_LEASE, holder: 'other-instance' });
    await other.releaseLease(taken!);
    await other.close();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
