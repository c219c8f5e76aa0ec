/**
 * The outbox store contract, on SQLite and on the real Cosmos DB REST API (served locally), and the
 * claim rules that make "exactly once" hold when a sender stops halfway.
 */
import { CosmosOutboxStore } from '../../src/adapters/cosmos/cosmos-outbox-store';
import { SqliteOutboxStore } from '../../src/adapters/sqlite/sqlite-outbox-store';
import { deliver, dueAtOf, type NewOutboxItem, type OutboxStore } from '../../src/app/outbox';
import { startLocalCosmos, type LocalCosmos } from '../support/cosmos-server';
import { testServices } from '../support/services';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalAdapters } from '../../src/adapters/local';
import { FilePrinter } from '../../src/adapters/outbound';

const T0 = '2026-12-24T09:00:00.000Z';

function item(id: string, overrides: Partial<NewOutboxItem> = {}): NewOutboxItem {
  return {
    id,
    signalId: 'signal-1',
    reference: 'KS-2026-0001',
    work: { kind: 'letter', letterId: `${id}-letter`, letterKind: 'confirmation', route: 'email' },
    state: 'pending',
    attempts: 0,
    createdAt: T0,
    updatedAt: T0,
    nextAttemptAt: T0,
    ...overrides,
  };
}

function contract(name: string, open: () => Promise<OutboxStore>) {
  describe(`outbox store: ${name}`, () => {
    let store: OutboxStore;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    it('adds once per key and returns the stored item the second time', async () => {
      const first = await store.add(item('a'));
      expect(first.created).toBe(true);
      const second = await store.add(item('a', { signalId: 'other' }));
      expect(second.created).toBe(false);
      expect(second.item.signalId).toBe('signal-1');
      expect(await store.get('a')).toEqual(first.item);
      expect(await store.get('missing')).toBeUndefined();
    });

    it('updates only against the version it read (one claimer wins)', async () => {
      const { item: stored } = await store.add(item('b'));
      const winner = await store.update({ ...stored, state: 'claimed', holder: 'x', claimedUntil: T0 });
      const loser = await store.update({ ...stored, state: 'claimed', holder: 'y', claimedUntil: T0 });
      expect(winner?.holder).toBe('x');
      expect(loser).toBeUndefined();
      expect((await store.get('b'))?.holder).toBe('x');
      // A cleared field is gone.
      const released = await store.update({ ...winner!, state: 'pending', holder: undefined });
      expect(released).toBeDefined();
      expect(await store.get('b')).not.toHaveProperty('holder');
    });

    it('lists due, following and per-signal items', async () => {
      await store.add(item('due-now'));
      await store.add(item('due-later', { nextAttemptAt: '2026-12-25T00:00:00.000Z' }));
      await store.add(item('other-signal', { signalId: 'signal-2' }));
      const { item: sent } = await store.add(item('sent', { state: 'sent', recordedAt: T0 }));
      await store.update({ ...sent, following: true });
      await store.add(item('failed', { state: 'failed' }));

      const due = await store.listDue('2026-12-24T12:00:00.000Z', 10);
      expect(due.map((i) => i.id).sort()).toEqual(['due-now', 'other-signal']);
      expect((await store.listDue('2026-12-26T00:00:00.000Z', 10)).map((i) => i.id).sort()).toEqual([
        'due-later',
        'due-now',
        'other-signal',
      ]);
      expect((await store.listFollowing(10)).map((i) => i.id)).toEqual(['sent']);
      expect((await store.listForSignal('signal-1')).map((i) => i.id).sort()).toEqual([
        'due-later',
        'due-now',
        'failed',
        'sent',
      ]);
    });
  });
}

contract('SQLite', async () => {
  const store = new SqliteOutboxStore(':memory:');
  await store.init();
  return store;
});

let cosmos: LocalCosmos;
let databases = 0;
beforeAll(async () => {
  cosmos = await startLocalCosmos();
});
afterAll(async () => {
  await cosmos.stop();
});

contract('Cosmos DB', async () => {
  const store = new CosmosOutboxStore({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    databaseId: `outbox-${(databases += 1)}`,
    createIfMissing: true,
    endpointDiscovery: false,
  });
  await store.init();
  return store;
});

describe('due times', () => {
  it('pending at nextAttemptAt, claimed at claim expiry, sent-unrecorded at once, done never', () => {
    expect(dueAtOf(item('x'))).toBe(T0);
    expect(dueAtOf(item('x', { state: 'claimed', claimedUntil: '2026-12-24T09:05:00.000Z' }))).toBe(
      '2026-12-24T09:05:00.000Z',
    );
    expect(dueAtOf(item('x', { state: 'sent', updatedAt: T0 }))).toBe(T0);
    expect(dueAtOf(item('x', { state: 'sent', recordedAt: T0 }))).toBeUndefined();
    expect(dueAtOf(item('x', { state: 'failed' }))).toBeUndefined();
  });
});

describe('a claim that expired', () => {
  let outboxDir: string;
  beforeEach(() => {
    outboxDir = mkdtempSync(path.join(tmpdir(), 'ks-claims-'));
  });
  afterEach(() => {
    rmSync(outboxDir, { recursive: true, force: true });
  });

  /** Real local adapters: a letter that went out would be a file in <outbox>/mail. */
  async function depsAt(now: string, outbox: OutboxStore) {
    const services = await testServices(now);
    const adapters = createLocalAdapters({ outboxDir, from: { name: 'Demo', email: 'klachten@demo.example' } });
    return {
      store: services.store,
      directory: services.directory,
      clock: services.clock,
      outbound: { ...adapters, outbox, printer: new FilePrinter(outboxDir), mode: 'local' as const, holder: 'me' },
    };
  }

  it('makes an e-mail letter unconfirmed: it may have gone out, so it is never sent again', async () => {
    const outbox = new SqliteOutboxStore(':memory:');
    await outbox.init();
    const { item: claimed } = await outbox.add(
      item('mail-1', { state: 'claimed', holder: 'crashed', claimedUntil: '2026-12-24T09:10:00.000Z', attempts: 1 }),
    );
    const deps = await depsAt('2026-12-24T10:30:00+01:00', outbox);
    expect(await deliver(deps, claimed)).toBe('unconfirmed');
    expect(await outbox.get('mail-1')).toMatchObject({ state: 'unconfirmed' });
    expect(await outbox.listDue('2027-01-01T00:00:00.000Z', 10)).toEqual([]);
    expect(existsSync(path.join(outboxDir, 'mail'))).toBe(false);
    await outbox.close();
  });

  it('is not taken while it still runs', async () => {
    const outbox = new SqliteOutboxStore(':memory:');
    await outbox.init();
    const { item: claimed } = await outbox.add(
      item('mail-2', { state: 'claimed', holder: 'busy', claimedUntil: '2026-12-24T09:10:00.000Z', attempts: 1 }),
    );
    const deps = await depsAt('2026-12-24T10:00:00+01:00', outbox);
    expect(await deliver(deps, claimed)).toBe('skipped');
    expect(await outbox.get('mail-2')).toMatchObject({ state: 'claimed', holder: 'busy' });
    expect(existsSync(path.join(outboxDir, 'mail'))).toBe(false);
    await outbox.close();
  });
});
