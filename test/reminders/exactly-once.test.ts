/** Two sweepers at once, and a crash between sending and recording: each reminder still arrives once. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lease, ReminderStore } from '../../src/app/reminder-ports';
import { runReminderSweep } from '../../src/app/reminders';
import { ManualClock } from '../../src/domain/clock';
import { startLocalCosmos, type LocalCosmos } from '../support/cosmos-server';
import { RecordingConnector } from '../support/recording-connector';
import { introduce, newAdapter, openStores, reminderDeps, type StoreKind, type Stores } from './support/harness';
import { makeSignal } from './support/signals';

// settleBy of a complaint received 2 March 2026 is 13 April; its "2 working days before" point is
// Thursday 9 April 08:00 (06:00Z). Registered an hour before, only that point is due then.
const DUE = new Date('2026-04-09T06:00:00Z');
const owners = Array.from({ length: 4 }, (_, index) => ({ id: `owner-${index}`, name: `Eigenaar ${index}` }));

async function seed(stores: Stores, count: number, prefix: string): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await stores.signals.create(
      makeSignal({
        id: `${prefix}-${index}`,
        reference: `KS-2026-${prefix === 'a' ? 1 : 5}${String(index).padStart(3, '0')}`,
        owner: owners[index % owners.length]!,
        receivedOn: '2026-03-02',
        registeredAt: '2026-04-09T05:00:00Z',
      }),
    );
  }
}

/** The same store, but its lease always says yes: only the claims stand between it and a double send. */
function ignoringLease(store: ReminderStore): ReminderStore {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(store) as object) as ReminderStore, store);
  copy.tryAcquireLease = async (name: string, holder: string, ttlMs: number, now: Date): Promise<Lease> => ({
    name,
    holder,
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    etag: 'rogue',
  });
  copy.renewLease = async (lease: Lease) => lease;
  copy.releaseLease = async () => undefined;
  return copy;
}

let cosmos: LocalCosmos;
beforeAll(async () => {
  cosmos = await startLocalCosmos();
});
afterAll(async () => {
  await cosmos.stop();
});

describe.each<StoreKind>(['SQLite', 'Cosmos DB'])('exactly once (%s)', (kind) => {
  let stores: Stores;
  let connector: RecordingConnector;
  let outbox: string;
  const adapter = newAdapter();

  beforeEach(async () => {
    stores = await openStores(kind, cosmos);
    connector = new RecordingConnector();
    await connector.start();
    outbox = mkdtempSync(join(tmpdir(), 'klantsignaal-outbox-'));
    for (const owner of owners) await introduce(adapter, stores.reminders, connector.url, owner);
  });
  afterEach(async () => {
    await connector.stop();
    await stores.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  test('two sweepers started together: the lease lets one sweep, each reminder is sent once', async () => {
    await seed(stores, 12, 'a');
    const clock = new ManualClock(DUE);
    const second = await stores.second();
    const a = reminderDeps({ stores, adapter, clock, outboxDir: outbox, holder: 'instance-a' });
    const b = reminderDeps({ stores: second, adapter: newAdapter(), clock, outboxDir: outbox, holder: 'instance-b' });
    const reports = await Promise.all([runReminderSweep(a), runReminderSweep(b)]);
    expect(reports.filter((report) => report.skipped === 'leaseHeld')).toHaveLength(1);
    expect(connector.activities()).toHaveLength(12);
    // Both again, in turn: nothing is due any more.
    expect((await runReminderSweep(b)).due).toBe(0);
    expect((await runReminderSweep(a)).due).toBe(0);
    expect(connector.activities()).toHaveLength(12);
  });

  test('two sweepers that both get past the lease (e.g. one paused beyond its expiry): the claims still send each once', async () => {
    await seed(stores, 16, 'a');
    const clock = new ManualClock(DUE);
    const second = await stores.second();
    const a = reminderDeps({ stores, adapter, clock, outboxDir: outbox, holder: 'instance-a' });
    const b = reminderDeps({
      stores: { signals: second.signals, reminders: ignoringLease(second.reminders) },
      adapter: newAdapter(),
      clock,
      outboxDir: outbox,
      holder: 'instance-b',
    });
    const [ra, rb] = await Promise.all([runReminderSweep(a), runReminderSweep(b)]);
    expect(ra.skipped ?? rb.skipped).toBeUndefined();
    expect(ra.sentViaTeams + rb.sentViaTeams).toBe(16);
    const conversations = connector.activities().map((activity) => JSON.stringify(activity.attachments));
    expect(conversations).toHaveLength(16);
    expect(new Set(conversations).size).toBe(16);
  });

  test('a crash between sending and recording: not sent again, later marked unconfirmed', async () => {
    await seed(stores, 3, 'a');
    const clock = new ManualClock(DUE);
    let crashes = 0;
    const deps = reminderDeps({
      stores,
      adapter,
      clock,
      outboxDir: outbox,
      holder: 'instance-a',
      settings: { sendConcurrency: 1 },
      afterSend: (deliveryId) => {
        if (deliveryId.startsWith('a-0:') && crashes === 0) {
          crashes += 1;
          throw new Error('process killed after the connector answered');
        }
      },
    });
    const first = await runReminderSweep(deps);
    expect(first).toMatchObject({ due: 3, sentViaTeams: 2, unknown: 1 });
    expect(connector.activities()).toHaveLength(3);

    clock.advance(5 * 60_000);
    const next = await runReminderSweep(deps);
    expect(next).toMatchObject({ due: 0, sentViaTeams: 0, staleMarked: 0 });

    clock.advance(15 * 60_000);
    const later = await runReminderSweep(deps);
    expect(later).toMatchObject({ due: 0, staleMarked: 1 });
    expect(connector.activities()).toHaveLength(3);
    const id = 'a-0:settleBy:2026-04-13:-2wd@owner-0';
    expect((await stores.reminders.getDeliveries([id])).get(id)?.state).toBe('unconfirmed');
  });
});
