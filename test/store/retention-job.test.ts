/**
 * The retention job (src/app/retention.ts) on the real SQLite store: it works through the due list in
 * batches until nothing is left, skips (and logs by id) a signal changed meanwhile so the next run
 * takes it, stops rather than loops when a whole batch keeps losing races, and reports each run.
 */
import { SqliteSignalStore } from '../../src/adapters/sqlite/sqlite-signal-store';
import { anonymiseExpired, RETENTION_ACTOR } from '../../src/app/retention';
import { ConcurrencyError, type SignalStore } from '../../src/app/ports';
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import { formatReference } from '../../src/domain/reference';
import { registerSignal } from '../../src/domain/register';
import type { Signal } from '../../src/domain/signal';
import { captureLogs, flush } from '../support/log-capture';

const NOW = new Date('2026-06-15T02:30:00Z');

function closedSignal(sequence: number, closedAt: string): Signal {
  const receivedOn = '2024-01-15';
  const signal = registerSignal(
    {
      id: `signal-${sequence}`,
      reference: formatReference(2024, sequence),
      input: {
        kind: 'question',
        locationId: 'zon',
        themeId: 'communicatie',
        channel: 'email',
        receivedOn,
        parentName: `Ouder ${sequence}`,
        parentEmail: 'ouder@example.nl',
        parentPhone: undefined,
        contactPreference: 'writing',
        description: 'Vraag over de opvang',
        parentWish: undefined,
      },
      by: { id: 'emp-1', name: 'Eva' },
      at: new Date(`${receivedOn}T09:00:00Z`),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
  return { ...signal, status: 'closed', nextDeadline: null, closedAt };
}

async function storeWith(signals: Signal[]): Promise<SqliteSignalStore> {
  const store = new SqliteSignalStore(':memory:');
  await store.init();
  for (const signal of signals) await store.create(signal);
  return store;
}

/** Lets `losing` ids lose every write race (a colleague keeps changing them). */
function racing(store: SignalStore, losing: Set<string>): SignalStore {
  return Object.create(store, {
    replace: {
      value: async (signal: Signal, etag: string) => {
        if (losing.has(signal.id)) throw new ConcurrencyError(signal.id);
        return store.replace(signal, etag);
      },
    },
  });
}

const parentsLeft = async (store: SignalStore, count: number) => {
  const names: (string | null)[] = [];
  for (let n = 1; n <= count; n += 1) names.push((await store.get(`signal-${n}`))!.value.parent?.name ?? null);
  return names;
};

describe('the retention job', () => {
  it('works through every due signal in batches, and leaves the ones closed too recently', async () => {
    const store = await storeWith([
      ...[1, 2, 3, 4, 5].map((n) => closedSignal(n, `2024-0${n}-20T10:00:00.000Z`)),
      closedSignal(6, '2024-06-15T02:30:00.000Z'), // exactly 24 months: not yet longer ago
      closedSignal(7, '2025-01-10T10:00:00.000Z'),
    ]);
    const { logger, lines } = captureLogs();
    expect(await anonymiseExpired({ store, clock: { now: () => NOW }, logger }, 24, 2)).toBe(5);
    expect(await parentsLeft(store, 7)).toEqual([null, null, null, null, null, 'Ouder 6', 'Ouder 7']);
    const erased = (await store.get('signal-1'))!.value;
    expect(erased.anonymisedAt).toBe(NOW.toISOString());
    expect(erased.history.at(-1)).toMatchObject({
      id: 'signal-1:anonymised',
      actor: RETENTION_ACTOR,
      note: 'retention',
    });
    await flush();
    expect(lines()).toEqual([
      expect.objectContaining({ msg: 'retention run', anonymised: 5, cutoff: '2024-06-15T02:30:00.000Z' }),
    ]);
  });

  it('with a shorter period, counts its months back from now', async () => {
    const store = await storeWith([
      closedSignal(1, '2025-12-14T10:00:00.000Z'),
      closedSignal(2, '2025-12-16T10:00:00.000Z'),
    ]);
    const { logger } = captureLogs();
    expect(await anonymiseExpired({ store, clock: { now: () => NOW }, logger }, 6)).toBe(1);
    expect(await parentsLeft(store, 2)).toEqual([null, 'Ouder 2']);
  });

  it('says nothing when nothing was due', async () => {
    const store = await storeWith([closedSignal(1, '2025-12-14T10:00:00.000Z')]);
    const { logger, lines } = captureLogs();
    expect(await anonymiseExpired({ store, clock: { now: () => NOW }, logger }, 24)).toBe(0);
    await flush();
    expect(lines()).toEqual([]);
  });

  it('skips a signal changed meanwhile, logs it by id, and takes it on the next run', async () => {
    const store = await storeWith([1, 2, 3].map((n) => closedSignal(n, '2024-01-20T10:00:00.000Z')));
    const { logger, lines } = captureLogs();
    const busy = racing(store, new Set(['signal-2']));
    expect(await anonymiseExpired({ store: busy, clock: { now: () => NOW }, logger }, 24, 10)).toBe(2);
    expect(await parentsLeft(store, 3)).toEqual([null, 'Ouder 2', null]);
    await flush();
    expect(lines().map((line) => [line.msg, line.signalId ?? line.anonymised])).toEqual([
      ['retention skipped a signal changed meanwhile', 'signal-2'],
      ['retention run', 2],
    ]);
    expect(JSON.stringify(lines())).not.toContain('Ouder');
    expect(await anonymiseExpired({ store, clock: { now: () => NOW }, logger }, 24, 10)).toBe(1);
    expect(await parentsLeft(store, 3)).toEqual([null, null, null]);
  });

  it('stops when a whole batch keeps losing races instead of looping', async () => {
    const store = await storeWith([1, 2, 3].map((n) => closedSignal(n, '2024-01-20T10:00:00.000Z')));
    const { logger } = captureLogs();
    const busy = racing(store, new Set(['signal-1', 'signal-2']));
    expect(await anonymiseExpired({ store: busy, clock: { now: () => NOW }, logger }, 24, 2)).toBe(0);
    expect(await parentsLeft(store, 3)).toEqual(['Ouder 1', 'Ouder 2', 'Ouder 3']);
  });

  it('passes on other store failures', async () => {
    const store = await storeWith([closedSignal(1, '2024-01-20T10:00:00.000Z')]);
    const { logger } = captureLogs();
    const broken: SignalStore = Object.create(store, {
      replace: { value: async () => Promise.reject(new Error('disk full')) },
    });
    await expect(anonymiseExpired({ store: broken, clock: { now: () => NOW }, logger }, 24)).rejects.toThrow(
      'disk full',
    );
  });
});
