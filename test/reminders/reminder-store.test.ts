import { personKey } from '../../src/app/reminder-ports';
import { startLocalCosmos, type LocalCosmos } from '../support/cosmos-server';
import { openStores, type StoreKind, type Stores } from './support/harness';

let cosmos: LocalCosmos;
beforeAll(async () => {
  cosmos = await startLocalCosmos();
});
afterAll(async () => {
  await cosmos.stop();
});

const t0 = new Date('2026-03-02T08:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe.each<StoreKind>(['SQLite', 'Cosmos DB'])('reminder store on %s', (kind) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores(kind, cosmos);
  });
  afterEach(async () => {
    await stores.close();
  });

  test('lease: one holder at a time, taken over only after expiry, renew fails once lost, release frees it', async () => {
    const other = await stores.second();
    const a = await stores.reminders.tryAcquireLease('sweep', 'A', 60_000, t0);
    expect(a?.holder).toBe('A');
    expect(await other.reminders.tryAcquireLease('sweep', 'B', 60_000, later(30_000))).toBeUndefined();
    // Our own lease can be taken again (a restart with the same holder name).
    const again = await stores.reminders.tryAcquireLease('sweep', 'A', 60_000, later(1_000));
    expect(again).toBeDefined();
    // Expired: B takes it over, and A's renewal and release no longer touch it.
    const b = await other.reminders.tryAcquireLease('sweep', 'B', 60_000, later(120_000));
    expect(b?.holder).toBe('B');
    expect(await stores.reminders.renewLease(again!, 60_000, later(121_000))).toBeUndefined();
    await stores.reminders.releaseLease(again!);
    expect(await stores.reminders.tryAcquireLease('sweep', 'A', 60_000, later(122_000))).toBeUndefined();
    const renewed = await other.reminders.renewLease(b!, 60_000, later(150_000));
    expect(renewed?.expiresAt).toBe(later(210_000).toISOString());
    await other.reminders.releaseLease(renewed!);
    expect((await stores.reminders.tryAcquireLease('sweep', 'A', 60_000, later(151_000)))?.holder).toBe('A');
  });

  test('lease: of many concurrent claimants exactly one wins', async () => {
    const other = await stores.second();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 ? other : stores).reminders.tryAcquireLease('race', `H${index}`, 60_000, t0),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  test('claim: exactly once across connections; sent stays sent; refused may be claimed again until maxAttempts', async () => {
    const other = await stores.second();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? other : stores).reminders.claim('d1', `H${index}`, t0, 3)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = `H${claims.indexOf(true)}`;
    await stores.reminders.markSent('d1', winner, later(1000), 'teams', 'activity-1');
    expect(await stores.reminders.claim('d1', 'X', later(2000), 3)).toBe(false);
    const record = (await stores.reminders.getDeliveries(['d1', 'missing'])).get('d1');
    expect(record).toMatchObject({ id: 'd1', state: 'sent', via: 'teams', detail: 'activity-1' });

    expect(await stores.reminders.claim('d2', 'A', t0, 2)).toBe(true);
    expect(await stores.reminders.markRefused('d2', 'A', t0, 2, '400 bad')).toBe('retry');
    expect(await stores.reminders.claim('d2', 'B', later(1000), 2)).toBe(true);
    expect(await stores.reminders.claim('d2', 'C', later(1000), 2)).toBe(false);
    expect(await stores.reminders.markRefused('d2', 'B', t0, 2, '400 bad')).toBe('failed');
    expect(await stores.reminders.claim('d2', 'D', later(2000), 2)).toBe(false);
  });

  test('markRefused records only our own claim; a delivery never claimed is left absent and may be tried again', async () => {
    expect(await stores.reminders.markRefused('never', 'A', t0, 3, '400 bad')).toBe('retry');
    expect((await stores.reminders.getDeliveries(['never'])).has('never')).toBe(false);
    expect(await stores.reminders.claim('never', 'A', t0, 3)).toBe(true);
    // Someone else's claim, and a sent delivery: left as they are, their state returned.
    expect(await stores.reminders.markRefused('never', 'B', t0, 3, '400 bad')).toBe('claimed');
    await stores.reminders.markSent('never', 'A', t0, 'teams', 'activity-1');
    expect(await stores.reminders.markRefused('never', 'A', t0, 3, '400 bad')).toBe('sent');
    expect((await stores.reminders.getDeliveries(['never'])).get('never')).toMatchObject({
      state: 'sent',
      attempts: 0,
    });
  });

  test('stale claims are listed oldest first and marked unconfirmed, never handed out again', async () => {
    await stores.reminders.claim('old', 'A', t0, 3);
    await stores.reminders.claim('new', 'A', later(600_000), 3);
    await stores.reminders.claim('done', 'A', t0, 3);
    await stores.reminders.markSent('done', 'A', t0, 'feed');
    const stale = await stores.reminders.listStaleClaims(later(300_000).toISOString(), 10);
    expect(stale.map((record) => record.id)).toEqual(['old']);
    await stores.reminders.markUnconfirmed('old', later(300_000));
    expect((await stores.reminders.getDeliveries(['old'])).get('old')?.state).toBe('unconfirmed');
    expect(await stores.reminders.claim('old', 'B', later(400_000), 3)).toBe(false);
    expect(await stores.reminders.listStaleClaims(later(300_000).toISOString(), 10)).toEqual([]);
  });

  test('conversation references: written only when changed; unreachable kept until the next contact', async () => {
    const key = personKey('p1');
    const reference = { serviceUrl: 'http://connector', conversation: { id: 'a:1' } };
    expect(await stores.reminders.saveReference(key, reference, t0)).toBe('created');
    expect(await stores.reminders.saveReference(key, reference, later(1000))).toBe('unchanged');
    expect(await stores.reminders.saveReference(key, { ...reference, locale: 'nl-NL' }, later(2000))).toBe('updated');
    const since = await stores.reminders.markUnreachable(key, 'notInRoster', later(3000));
    expect(await stores.reminders.markUnreachable(key, 'notInRoster', later(4000))).toBe(since);
    expect(await stores.reminders.getReference(key)).toMatchObject({
      unreachableSince: since,
      unreachableReason: 'notInRoster',
    });
    expect(await stores.reminders.saveReference(key, { ...reference, locale: 'nl-NL' }, later(5000))).toBe('updated');
    const back = await stores.reminders.getReference(key);
    expect(back?.unreachableSince).toBeUndefined();
    expect(back?.reference).toEqual({ ...reference, locale: 'nl-NL' });
    // Someone who never chatted with the bot.
    const never = personKey('p2');
    await stores.reminders.markUnreachable(never, 'noReference', t0);
    expect(await stores.reminders.getReference(never)).toMatchObject({
      reference: null,
      unreachableReason: 'noReference',
    });
  });

  test('ids with characters Cosmos forbids in ids still work', async () => {
    expect(await stores.reminders.claim('a/b?c#d\\e~f', 'A', t0, 3)).toBe(true);
    expect(await stores.reminders.claim('a/b?c#d\\e~f', 'B', t0, 3)).toBe(false);
    expect((await stores.reminders.getDeliveries(['a/b?c#d\\e~f'])).get('a/b?c#d\\e~f')?.state).toBe('claimed');
  });

  test('watch list: due entries, earliest first; null removes', async () => {
    await stores.reminders.setWatch('s1', '2026-04-10T06:00:00.000Z');
    await stores.reminders.setWatch('s2', '2026-04-02T06:00:00.000Z');
    await stores.reminders.setWatch('s3', '2026-05-01T06:00:00.000Z');
    expect(await stores.reminders.listWatches('2026-04-10T06:00:00.000Z', 10)).toEqual([
      { signalId: 's2', nextAt: '2026-04-02T06:00:00.000Z' },
      { signalId: 's1', nextAt: '2026-04-10T06:00:00.000Z' },
    ]);
    await stores.reminders.setWatch('s2', null);
    await stores.reminders.setWatch('s2', null);
    expect((await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).map((entry) => entry.signalId)).toEqual(
      ['s1', 's3'],
    );
  });
});
