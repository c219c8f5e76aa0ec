import pino from 'pino';
import { anonymiseExpired } from '../../src/app/retention';
import { ConcurrencyError, type ListOptions, type SignalPage, type SignalStore } from '../../src/app/ports';
import { decodeContinuation, NO_DEADLINE } from '../../src/adapters/paging';
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import { formatReference } from '../../src/domain/reference';
import { registerSignal } from '../../src/domain/register';
import { applyDutyMove } from '../../src/domain/reporting-duty';
import type { PersonRef, Signal, SignalKind } from '../../src/domain/signal';

/** Opens one store instance on the storage the factory prepared; call it twice for two "bot instances". */
export type OpenStore = () => Promise<SignalStore>;
/** Prepares fresh, empty storage (a new SQLite file, a new Cosmos database) for one test. */
export type StoreFactory = () => Promise<OpenStore>;

const ANNA: PersonRef = { id: 'aad-anna', name: 'Anna de Vries' };
const BRAM: PersonRef = { id: 'aad-bram', name: 'Bram Jansen' };

interface TestSignal {
  sequence: number;
  kind?: SignalKind;
  receivedOn?: string;
  locationId?: string;
  by?: PersonRef;
  closed?: boolean;
  /** When it was closed; default 15:00 UTC on the day of receipt. */
  closedAt?: string;
}

/** A signal as the intake would register it; `closed` ones have no open deadline (urgency = NO_DEADLINE). */
function signal(spec: TestSignal): Signal {
  const receivedOn = spec.receivedOn ?? '2026-03-02';
  const year = Number(receivedOn.slice(0, 4));
  const registered = registerSignal(
    {
      id: `signal-${year}-${spec.sequence}`,
      reference: formatReference(year, spec.sequence),
      input: {
        kind: spec.kind ?? 'complaint',
        locationId: spec.locationId ?? 'loc-zonnebloem',
        themeId: 'communicatie',
        channel: 'inPerson',
        receivedOn,
        parentName: 'Ouder van Test',
        parentEmail: 'ouder@example.nl',
        parentPhone: undefined,
        contactPreference: 'phone',
        description: `Signaal ${spec.sequence}`,
        parentWish: undefined,
      },
      by: spec.by ?? ANNA,
      at: new Date(`${receivedOn}T09:00:00Z`),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
  if (!spec.closed) return registered;
  return {
    ...registered,
    status: 'closed',
    nextDeadline: null,
    closedAt: spec.closedAt ?? `${receivedOn}T15:00:00.000Z`,
  };
}

function urgency(item: Signal): string {
  return item.nextDeadline ?? NO_DEADLINE;
}

/** The order every list promises: urgency, then reference. */
function byUrgency(a: Signal, b: Signal): number {
  return urgency(a) < urgency(b) ? -1 : urgency(a) > urgency(b) ? 1 : a.reference < b.reference ? -1 : 1;
}

/** Follows continuation tokens to the end, checking each token names the last item of its page. */
async function allPages(
  list: (options: ListOptions) => Promise<SignalPage>,
  options: ListOptions,
): Promise<{
  items: Signal[];
  pages: number;
}> {
  const items: Signal[] = [];
  let continuation: string | undefined;
  let pages = 0;
  do {
    const page = await list({ ...options, ...(continuation ? { continuation } : {}) });
    pages += 1;
    if (options.limit) expect(page.items.length).toBeLessThanOrEqual(options.limit);
    const last = page.items[page.items.length - 1];
    if (page.continuation) {
      // Same token format in both stores: the keyset position of the page's last item.
      expect(last).toBeDefined();
      expect(decodeContinuation(page.continuation)).toEqual({ urgency: urgency(last!), reference: last!.reference });
    }
    items.push(...page.items);
    continuation = page.continuation;
    if (pages > 100) throw new Error('paging does not end');
  } while (continuation);
  return { items, pages };
}

const references = (items: readonly Signal[]): string[] => items.map((item) => item.reference);

export function signalStoreContract(name: string, factory: StoreFactory): void {
  describe(`SignalStore contract: ${name}`, () => {
    let opened: SignalStore[] = [];
    let openStore: OpenStore;

    const open = async (): Promise<SignalStore> => {
      const store = await openStore();
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      openStore = await factory();
    });

    afterEach(async () => {
      await Promise.all(opened.map((store) => store.close()));
      opened = [];
    });

    async function seed(store: SignalStore, specs: readonly TestSignal[]): Promise<Signal[]> {
      const signals = specs.map(signal);
      for (const item of signals) expect((await store.create(item)).created).toBe(true);
      return signals;
    }

    test('a melding keeps its reportingDuty and its events through create, replace, every read and list', async () => {
      // The stores filter nothing: access is the app's (access.ts). What they must do is keep the
      // field, so the filter always sees it, whichever query path brought the signal.
      const store = await open();
      const flagged = applyDutyMove(
        signal({ sequence: 7 }),
        { name: 'flag', input: { via: 'intake', newOwner: BRAM } },
        { actor: ANNA, at: new Date('2026-03-02T10:00:00Z'), eventId: 'flag-7' },
      );
      if (!flagged.ok) throw new Error(flagged.error);
      const { stored } = await store.create(flagged.signal);
      const consulted = applyDutyMove(
        stored.value,
        {
          name: 'consult',
          input: { on: '2026-03-03', time: '09:30', inspector: 'Mw. Jansen', advice: 'Aangifte', offence: 'sexual' },
        },
        { actor: BRAM, at: new Date('2026-03-03T10:00:00Z'), eventId: 'consult-7' },
      );
      if (!consulted.ok) throw new Error(consulted.error);
      await store.replace(consulted.signal, stored.etag);
      const reads = [
        (await store.get(consulted.signal.id))?.value,
        (await store.getByReference(consulted.signal.reference))?.value,
        ...(await store.listByOwner(BRAM.id)).items,
        ...(await store.listByLocations(['loc-zonnebloem'])).items,
        ...(await store.listDue(NO_DEADLINE)).items,
      ];
      for await (const item of store.streamYear(2026)) reads.push(item);
      expect(reads).toHaveLength(6);
      for (const read of reads) {
        expect(read?.reportingDuty).toEqual(consulted.signal.reportingDuty);
        expect(read?.history.map((event) => event.type).slice(-2)).toEqual([
          'reportingDutyFlagged',
          'reportingDutyConsulted',
        ]);
      }
    });

    test('create, then get by id and by reference return the stored signal with an etag', async () => {
      const store = await open();
      await store.ping();
      const original = signal({ sequence: 42 });
      const { stored, created } = await store.create(original);
      expect(created).toBe(true);
      expect(stored.value).toEqual(original);
      expect(stored.etag).toEqual(expect.any(String));

      const byId = await store.get(original.id);
      expect(byId?.value).toEqual(original);
      expect(byId?.etag).toBe(stored.etag);
      const byReference = await store.getByReference('KS-2026-0042');
      expect(byReference?.value).toEqual(original);
      expect(byReference?.etag).toBe(stored.etag);

      expect(await store.get('no-such-signal')).toBeUndefined();
      expect(await store.getByReference('KS-2026-9999')).toBeUndefined();
      // Whatever a user types ends up here; odd input finds nothing rather than failing.
      expect(await store.getByReference('KS/2026#42?')).toBeUndefined();
      expect(await store.getByReference('')).toBeUndefined();
    });

    test('creating the same id twice stores one signal and returns the first unchanged', async () => {
      const store = await open();
      const first = signal({ sequence: 1 });
      const again = { ...first, description: 'opnieuw verstuurd' };
      const one = await store.create(first);
      const two = await store.create(again);
      expect(two.created).toBe(false);
      expect(two.stored.value).toEqual(first);
      expect(two.stored.etag).toBe(one.stored.etag);
      const page = await store.listByOwner(ANNA.id);
      expect(page.items).toEqual([first]);

      // A re-sent submit that allocated a fresh reference still finds the first signal, and the
      // fresh reference leads nowhere.
      const renumbered = await store.create({ ...first, reference: 'KS-2026-0002' });
      expect(renumbered).toEqual({ stored: one.stored, created: false });
      expect(await store.getByReference('KS-2026-0002')).toBeUndefined();
      expect((await store.getByReference('KS-2026-0001'))?.value).toEqual(first);
    });

    test('a reference belongs to one signal: creating another signal with it fails and stores nothing', async () => {
      const store = await open();
      const first = signal({ sequence: 5 });
      await store.create(first);
      const intruder: Signal = { ...signal({ sequence: 6 }), reference: first.reference };
      await expect(store.create(intruder)).rejects.toThrow();
      expect(await store.get(intruder.id)).toBeUndefined();
      expect((await store.getByReference(first.reference))?.value).toEqual(first);
    });

    test('replace with the current etag succeeds; with a stale etag it throws ConcurrencyError', async () => {
      const store = await open();
      const other = await open(); // a second bot instance on the same store
      const original = signal({ sequence: 7 });
      const { stored } = await store.create(original);

      const changed: Signal = { ...original, themeId: 'veiligheid' };
      const replaced = await other.replace(changed, stored.etag);
      expect(replaced.value).toEqual(changed);
      expect(replaced.etag).not.toBe(stored.etag);

      await expect(store.replace({ ...original, themeId: 'voeding' }, stored.etag)).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      expect((await store.get(original.id))?.value.themeId).toBe('veiligheid');
      // Derived fields follow the replacement: the signal now lists under its new status.
      const closed: Signal = { ...changed, status: 'closed', nextDeadline: null };
      await store.replace(closed, replaced.etag);
      expect((await store.listByOwner(ANNA.id, { status: 'open' })).items).toEqual([]);
      expect((await store.listByOwner(ANNA.id, { status: 'closed' })).items).toEqual([closed]);
    });

    test('20 concurrent reference allocations over two instances give 20 distinct references in sequence', async () => {
      const one = await open();
      const two = await open();
      const allocated = await Promise.all(
        Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? one : two).allocateReference(2026)),
      );
      expect(new Set(allocated).size).toBe(20);
      expect([...allocated].sort()).toEqual(Array.from({ length: 20 }, (_, index) => formatReference(2026, index + 1)));
      // Each year counts on its own; the instances keep counting after each other.
      expect(await one.allocateReference(2027)).toBe('KS-2027-0001');
      expect(await two.allocateReference(2026)).toBe('KS-2026-0021');
      expect(await one.allocateReference(2026)).toBe('KS-2026-0022');
    });

    test('listByOwner pages in urgency order without duplicates or gaps, and filters on status', async () => {
      const store = await open();
      const mine = await seed(store, [
        { sequence: 1, receivedOn: '2026-03-10' },
        { sequence: 2, receivedOn: '2026-03-02', kind: 'question' }, // answerBy: earliest
        { sequence: 3, receivedOn: '2026-03-02' },
        { sequence: 4, receivedOn: '2026-03-02' }, // same urgency as 3: reference decides
        { sequence: 5, receivedOn: '2026-02-20', closed: true }, // no open deadline: last
        { sequence: 6, receivedOn: '2026-01-15' },
        { sequence: 7, receivedOn: '2026-03-05', kind: 'remark' },
        { sequence: 8, receivedOn: '2026-02-01', closed: true },
        { sequence: 9, receivedOn: '2026-03-03' },
        { sequence: 10, receivedOn: '2026-03-03' },
        { sequence: 11, receivedOn: '2026-01-20', kind: 'suggestion' },
      ]);
      await seed(store, [
        { sequence: 20, by: BRAM },
        { sequence: 21, by: BRAM, closed: true },
      ]);

      const all = await allPages((options) => store.listByOwner(ANNA.id, options), { limit: 3 });
      expect(references(all.items)).toEqual(references([...mine].sort(byUrgency)));
      expect(all.pages).toBe(4);
      expect(references(all.items).slice(-2)).toEqual(['KS-2026-0005', 'KS-2026-0008']);

      const open_ = await allPages((options) => store.listByOwner(ANNA.id, options), { limit: 4, status: 'open' });
      expect(references(open_.items)).toEqual(references(mine.filter((s) => s.status === 'open').sort(byUrgency)));
      const closed = await allPages((options) => store.listByOwner(ANNA.id, options), { limit: 4, status: 'closed' });
      expect(references(closed.items)).toEqual(['KS-2026-0005', 'KS-2026-0008']);

      expect((await store.listByOwner('aad-nobody')).items).toEqual([]);
    });

    test('listByLocations covers one or several locations in urgency order, with status filter and paging', async () => {
      const store = await open();
      const seeded = await seed(store, [
        { sequence: 1, locationId: 'loc-a', receivedOn: '2026-04-01' },
        { sequence: 2, locationId: 'loc-b', receivedOn: '2026-03-01' },
        { sequence: 3, locationId: 'loc-c', receivedOn: '2026-02-01' },
        { sequence: 4, locationId: 'loc-a', receivedOn: '2026-03-15', kind: 'concern' },
        { sequence: 5, locationId: 'loc-b', receivedOn: '2026-03-01' },
        { sequence: 6, locationId: 'loc-a', receivedOn: '2026-01-10', closed: true },
        { sequence: 7, locationId: 'loc-b', receivedOn: '2026-02-10', by: BRAM },
        { sequence: 8, locationId: 'loc-a', receivedOn: '2026-02-11' },
        { sequence: 9, locationId: 'loc-c', receivedOn: '2026-01-05', closed: true },
      ]);
      const at = (...ids: string[]) => seeded.filter((s) => ids.includes(s.locationId)).sort(byUrgency);

      const oneLocation = await allPages((options) => store.listByLocations(['loc-a'], options), { limit: 2 });
      expect(references(oneLocation.items)).toEqual(references(at('loc-a')));

      const two = await allPages((options) => store.listByLocations(['loc-a', 'loc-b'], options), { limit: 2 });
      expect(references(two.items)).toEqual(references(at('loc-a', 'loc-b')));
      expect(two.pages).toBe(4);

      const openInTwo = await allPages((options) => store.listByLocations(['loc-b', 'loc-a'], options), {
        limit: 2,
        status: 'open',
      });
      expect(references(openInTwo.items)).toEqual(references(at('loc-a', 'loc-b').filter((s) => s.status === 'open')));

      const closedInOne = await store.listByLocations(['loc-c'], { status: 'closed' });
      expect(references(closedInOne.items)).toEqual(['KS-2026-0009']);
      expect(closedInOne.continuation).toBeUndefined();

      expect((await store.listByLocations([])).items).toEqual([]);
      expect((await store.listByLocations(['loc-unknown'])).items).toEqual([]);
    });

    test('listDue returns open signals due at or before the moment, in urgency order, excluding closed and later ones', async () => {
      const store = await open();
      const seeded = await seed(store, [
        { sequence: 1, receivedOn: '2026-01-05' },
        { sequence: 2, receivedOn: '2026-01-06', kind: 'question' },
        { sequence: 3, receivedOn: '2026-01-07', closed: true },
        { sequence: 4, receivedOn: '2026-02-20' },
        { sequence: 5, receivedOn: '2026-01-08', locationId: 'loc-b', by: BRAM },
        { sequence: 6, receivedOn: '2026-01-08' },
        { sequence: 7, receivedOn: '2026-06-01' },
        { sequence: 8, receivedOn: '2026-01-02', kind: 'compliment' },
        { sequence: 9, receivedOn: '2026-01-10', closed: true },
      ]);
      // A moment exactly on one deadline: "at or before" includes it.
      const before = seeded.find((s) => s.reference === 'KS-2026-0004')!.nextDeadline!;
      const expected = seeded.filter((s) => s.status === 'open' && urgency(s) <= before).sort(byUrgency);
      expect(references(expected)).toHaveLength(6);

      const due = await allPages((options) => store.listDue(before, options), { limit: 4 });
      expect(references(due.items)).toEqual(references(expected));
      expect(due.items.every((s) => s.status === 'open')).toBe(true);
      expect(references(due.items)).not.toContain('KS-2026-0007');

      const nothingYet = await store.listDue('2026-01-01T00:00:00.000Z');
      expect(nothingYet).toEqual({ items: [] });
    });

    // 130 signals: more than one page in both stores (100 per page), so the stream crosses page boundaries.
    test('streamYear yields exactly the signals received in the year, across page boundaries', async () => {
      const store = await open();
      const inYear: TestSignal[] = Array.from({ length: 128 }, (_, index) => ({
        sequence: index + 1,
        receivedOn: `2025-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`,
        closed: index % 5 === 0,
        locationId: index % 2 === 0 ? 'loc-a' : 'loc-b',
      }));
      const year = await seed(store, [
        ...inYear,
        { sequence: 200, receivedOn: '2025-12-31' },
        { sequence: 201, receivedOn: '2025-01-01' },
      ]);
      await seed(store, [
        { sequence: 1, receivedOn: '2024-12-31' },
        { sequence: 2, receivedOn: '2026-01-01' },
      ]);

      const streamed: Signal[] = [];
      let written = 0;
      for await (const item of store.streamYear(2025)) {
        streamed.push(item);
        // The store stays usable mid-stream (e.g. a job that updates what it streams).
        if (streamed.length % 7 === 0) {
          const current = await store.get(item.id);
          await store.replace({ ...item, themeId: 'overig' }, current!.etag);
          written += 1;
        }
      }
      expect(written).toBe(18);
      const ordered = [...year].sort((a, b) =>
        a.receivedOn !== b.receivedOn ? (a.receivedOn < b.receivedOn ? -1 : 1) : a.reference < b.reference ? -1 : 1,
      );
      expect(streamed).toHaveLength(130);
      expect(references(streamed)).toEqual(references(ordered));
      expect(streamed).toEqual(ordered);
      expect((await store.get(streamed[6]!.id))?.value.themeId).toBe('overig');

      const empty: Signal[] = [];
      for await (const item of store.streamYear(2023)) empty.push(item);
      expect(empty).toEqual([]);
    });

    test('retention anonymises exactly the signals closed before the cutoff, and they still count', async () => {
      const store = await open();
      await seed(store, [
        { sequence: 1, receivedOn: '2023-01-10', closed: true },
        { sequence: 2, receivedOn: '2023-06-10', closed: true },
        { sequence: 3, receivedOn: '2025-06-10', closed: true },
        { sequence: 4, receivedOn: '2023-02-10' },
      ]);
      const logger = pino({ level: 'silent' });
      const clock = { now: () => new Date('2025-12-01T00:00:00Z') };
      expect(await anonymiseExpired({ store, clock, logger }, 24)).toBe(2);
      expect(references(await store.listRetentionDue('2099-01-01T00:00:00Z', 10))).toEqual(['KS-2025-0003']);

      const expired = (await store.getByReference('KS-2023-0001'))!.value;
      expect(expired.parent).toBeNull();
      expect(expired.description).toBe('');
      expect(expired.anonymisedAt).toBe('2025-12-01T00:00:00.000Z');
      expect(expired.history.at(-1)).toMatchObject({ type: 'anonymised', note: 'retention' });
      expect(JSON.stringify(expired)).not.toContain('Ouder van Test');
      expect((await store.getByReference('KS-2025-0003'))!.value.parent?.name).toBe('Ouder van Test');
      expect((await store.getByReference('KS-2023-0004'))!.value.parent?.name).toBe('Ouder van Test');
      // A second run finds nothing left to do.
      expect(await anonymiseExpired({ store, clock, logger }, 24)).toBe(0);

      const counted: Signal[] = [];
      for await (const item of store.streamYear(2023)) counted.push(item);
      expect(counted).toHaveLength(3);
    });

    test('retention counts from the close, not from receipt', async () => {
      const store = await open();
      await seed(store, [
        // Received long before the cutoff, closed after it: kept.
        { sequence: 1, receivedOn: '2023-01-10', closed: true, closedAt: '2024-03-01T10:00:00.000Z' },
        // Received after the cutoff's date a year earlier, closed just before the cutoff: due.
        { sequence: 2, receivedOn: '2023-11-02', closed: true, closedAt: '2023-11-30T22:59:59.000Z' },
        // Closed at 00:30 Amsterdam on 1 December (23:30 UTC on 30 November): before the cutoff instant.
        { sequence: 3, receivedOn: '2023-11-20', closed: true, closedAt: '2023-11-30T23:30:00.000Z' },
        // Closed exactly at the cutoff: not yet longer ago than the retention period.
        { sequence: 4, receivedOn: '2023-06-01', closed: true, closedAt: '2023-12-01T00:00:00.000Z' },
      ]);
      expect(references(await store.listRetentionDue('2023-12-01T00:00:00.000Z', 10))).toEqual([
        'KS-2023-0002',
        'KS-2023-0003',
      ]);
      const logger = pino({ level: 'silent' });
      const clock = { now: () => new Date('2025-12-01T00:00:00Z') };
      expect(await anonymiseExpired({ store, clock, logger }, 24)).toBe(2);
      const parents = await Promise.all(
        [1, 2, 3, 4].map(async (n) => (await store.getByReference(`KS-2023-000${n}`))!.value.parent?.name ?? null),
      );
      expect(parents).toEqual(['Ouder van Test', null, null, 'Ouder van Test']);
    });
  });
}
