/**
 * The parent's AVG rights as use cases (src/app/privacy.ts), on the real SQLite store and access log:
 * only staf kwaliteit exports or erases; the export holds exactly the personal data kept (with the
 * letters' text, not their internals) and is in the access log once per export; erasure is done once
 * per request, survives a concurrent change, and gives up clearly when the signal keeps changing.
 */
import { exportParentData, eraseParentData } from '../../src/app/privacy';
import { ConcurrencyError, type SignalStore } from '../../src/app/ports';
import type { Person } from '../../src/domain/organisation';
import { commandServices, personOf, ROLE_PEOPLE, seed, type TestServices } from '../commands/fixtures';

async function setUp() {
  const services = await commandServices();
  const [seeded] = await seed(services, [{ sequence: 1, by: ROLE_PEOPLE.employee }]);
  const stored = (await services.store.get(seeded!.id))!;
  const letter = {
    id: 'l-1',
    kind: 'decision' as const,
    createdAt: '2026-11-20T10:00:00.000Z',
    subject: 'Uw klacht',
    body: 'Beste ouder',
  };
  await services.store.replace({ ...stored.value, letters: [letter] }, stored.etag);
  const quality = await personOf(services, 'quality');
  return { services, signalId: seeded!.id, quality };
}

const deps = (services: TestServices, store: SignalStore = services.store) => ({
  store,
  directory: services.directory,
  clock: services.clock,
  accessLog: services.accessLog,
});

/** A store whose next `conflicts` writes lose the race to a colleague. */
function racingStore(services: TestServices, conflicts: number): SignalStore & { left: () => number } {
  let left = conflicts;
  return Object.create(services.store, {
    replace: {
      value: async (...args: Parameters<SignalStore['replace']>) => {
        if (left > 0) {
          left -= 1;
          throw new ConcurrencyError(args[0].id);
        }
        return services.store.replace(...args);
      },
    },
    left: { value: () => left },
  });
}

describe('inzage (exportParentData)', () => {
  it('gives quality the parent, the texts and the letters, and logs the export', async () => {
    const { services, signalId, quality } = await setUp();
    services.clock.set(new Date('2026-11-26T09:00:00Z'));
    const outcome = await exportParentData(deps(services), signalId, quality);
    expect(outcome).toEqual({
      kind: 'done',
      value: {
        reference: 'KS-2026-0001',
        parent: expect.objectContaining({ name: 'Sanne de Vries', email: 'ouder@example.nl' }),
        description: expect.any(String),
        parentWish: expect.any(String),
        letters: [{ subject: 'Uw klacht', body: 'Beste ouder', createdAt: '2026-11-20T10:00:00.000Z' }],
      },
    });
    const signal = (await services.store.get(signalId))!.value;
    expect(outcome.kind === 'done' && outcome.value.description).toBe(signal.description);
    expect(outcome.kind === 'done' && outcome.value.parentWish).toBe(signal.parentWish);
    expect(
      (await services.accessLog.list({ signalId })).map(({ personId, action, at }) => [personId, action, at]),
    ).toEqual([[quality.id, 'export', '2026-11-26T09:00:00.000Z']]);
  });

  it.each(['employee', 'locationManager', 'manager', 'mt', 'admin'] as const)(
    'refuses %s and logs nothing',
    async (role) => {
      const { services, signalId } = await setUp();
      expect(await exportParentData(deps(services), signalId, await personOf(services, role))).toEqual({
        kind: 'notAllowed',
      });
      expect(await services.accessLog.list({ signalId })).toEqual([]);
    },
  );

  it('has nothing to give for an unknown or an erased signal', async () => {
    const { services, signalId, quality } = await setUp();
    expect(await exportParentData(deps(services), 'no-such-signal', quality)).toEqual({ kind: 'unavailable' });
    await eraseParentData(deps(services), { signalId, person: quality, eventId: 'erase-1' });
    expect(await exportParentData(deps(services), signalId, quality)).toEqual({ kind: 'unavailable' });
    expect((await services.accessLog.list({ signalId })).filter((entry) => entry.action === 'export')).toEqual([]);
  });
});

describe('erasure (eraseParentData)', () => {
  it('erases once per request, by quality, with the erasure in the history', async () => {
    const { services, signalId, quality } = await setUp();
    services.clock.set(new Date('2026-11-26T10:00:00Z'));
    const first = await eraseParentData(deps(services), { signalId, person: quality, eventId: 'erase-1' });
    expect(first.kind).toBe('done');
    const stored = await services.store.get(signalId);
    expect(stored!.value).toMatchObject({ parent: null, letters: [], anonymisedAt: '2026-11-26T10:00:00.000Z' });
    expect(first.kind === 'done' && first.value).toEqual(stored!.value);
    expect(stored!.value.history.at(-1)).toMatchObject({
      id: 'erase-1',
      type: 'anonymised',
      note: 'erasureRequest',
      actor: { id: quality.id, name: quality.name },
    });

    services.clock.set(new Date('2026-11-27T10:00:00Z'));
    const again = await eraseParentData(deps(services), { signalId, person: quality, eventId: 'erase-1' });
    expect(again).toEqual({ kind: 'done', value: stored!.value });
    expect((await services.store.get(signalId))!.etag).toBe(stored!.etag);
  });

  it.each(['employee', 'locationManager', 'manager', 'mt', 'admin'] as const)(
    'refuses %s and changes nothing',
    async (role) => {
      const { services, signalId } = await setUp();
      const before = await services.store.get(signalId);
      const person: Person = await personOf(services, role);
      expect(await eraseParentData(deps(services), { signalId, person, eventId: 'erase-1' })).toEqual({
        kind: 'notAllowed',
      });
      expect(await services.store.get(signalId)).toEqual(before);
    },
  );

  it('answers unavailable for an unknown signal', async () => {
    const { services, quality } = await setUp();
    expect(await eraseParentData(deps(services), { signalId: 'nope', person: quality, eventId: 'e' })).toEqual({
      kind: 'unavailable',
    });
  });

  it('erases after a concurrent change, on the fresh version', async () => {
    const { services, signalId, quality } = await setUp();
    const store = racingStore(services, 4);
    const outcome = await eraseParentData(deps(services, store), { signalId, person: quality, eventId: 'erase-1' });
    expect(store.left()).toBe(0);
    expect(outcome.kind).toBe('done');
    expect((await services.store.get(signalId))!.value.parent).toBeNull();
  });

  it('gives up with a concurrency error after five lost races, erasing nothing', async () => {
    const { services, signalId, quality } = await setUp();
    const store = racingStore(services, 5);
    await expect(
      eraseParentData(deps(services, store), { signalId, person: quality, eventId: 'erase-1' }),
    ).rejects.toThrow(ConcurrencyError);
    expect(store.left()).toBe(0);
    expect((await services.store.get(signalId))!.value.parent).not.toBeNull();
  });

  it('passes on any other store failure at once', async () => {
    const { services, signalId, quality } = await setUp();
    let writes = 0;
    const broken: SignalStore = Object.create(services.store, {
      replace: {
        value: async () => {
          writes += 1;
          throw new Error('disk full');
        },
      },
    });
    await expect(
      eraseParentData(deps(services, broken), { signalId, person: quality, eventId: 'erase-1' }),
    ).rejects.toThrow('disk full');
    expect(writes).toBe(1);
  });
});
