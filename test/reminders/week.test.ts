/**
 * A few weeks in the life of one complaint, hour by hour, over real HTTP: the bot's CloudAdapter
 * sends each reminder to a local Bot Connector; the test checks exactly which cards arrive when.
 */
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReminderSweep, trackSignalReminders } from '../../src/app/reminders';
import { ManualClock } from '../../src/domain/clock';
import {
  close,
  confirmationSent,
  conversationHeld,
  conversationPlanned,
  escalateToLocation,
  escalateToOrganisation,
  handle,
  recordDecision,
} from '../../src/domain/process';
import type { Signal } from '../../src/domain/signal';
import { nlReminders } from '../../src/i18n/nl-reminders';
import { startLocalCosmos, type LocalCosmos } from '../support/cosmos-server';
import { RecordingConnector } from '../support/recording-connector';
import { PEOPLE } from '../support/services';
import {
  cardOfCall,
  chatOf,
  conversationOfPath,
  introduce,
  newAdapter,
  notifications,
  openStores,
  reminderDeps,
  textOf,
  type StoreKind,
  type Stores,
} from './support/harness';
import { applyStored, makeSignal, moveContext } from './support/signals';

const ZONE = 'Europe/Amsterdam';
const local = (text: string) => DateTime.fromISO(text, { zone: ZONE }).toJSDate();
const { employee, locationManager, manager, quality } = PEOPLE;
const NAMES = new Map<string, string>(Object.values(PEOPLE).map((person) => [chatOf(person.id), person.name]));

let cosmos: LocalCosmos;
beforeAll(async () => {
  cosmos = await startLocalCosmos();
});
afterAll(async () => {
  await cosmos.stop();
});

// SQLite walks all six weeks (up to the measures after closing); the local Cosmos server answers
// ~25 ms per sweep, so there the walk covers the first week and a bit (the same-week confirmation).
const WALKS: [StoreKind, string, number][] = [
  ['SQLite', '2026-04-15T12:00', 8],
  ['Cosmos DB', '2026-03-10T12:00', 3],
];

describe.each(WALKS)('a complaint walked hour by hour (%s, until %s)', (kind, until, expectedCount) => {
  let stores: Stores;
  let connector: RecordingConnector;
  let outbox: string;

  beforeEach(async () => {
    stores = await openStores(kind, cosmos, { fast: true });
    connector = new RecordingConnector();
    await connector.start();
    outbox = mkdtempSync(join(tmpdir(), 'klantsignaal-outbox-'));
  });
  afterEach(async () => {
    await connector.stop();
    await stores.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  test('yields exactly one reminder per due point, at its moment, to the right people', async () => {
    const clock = new ManualClock(local('2026-03-02T09:00'));
    const adapter = newAdapter();
    for (const person of [employee, locationManager, manager, quality]) {
      await introduce(adapter, stores.reminders, connector.url, person);
    }
    const deps = reminderDeps({ stores, adapter, clock, outboxDir: outbox, holder: 'instance-1', activityFeed: true });
    const signalId = 'sig-week';
    await stores.signals.create(
      makeSignal({
        id: signalId,
        reference: 'KS-2026-0042',
        owner: employee,
        receivedOn: '2026-03-02',
        registeredAt: clock.now().toISOString(),
      }),
    );

    const moves: Record<string, (signal: Signal, at: Date) => Promise<void>> = {
      '2026-03-04T10:00': async (_s, at) => {
        await applyStored(stores.signals, signalId, (s) =>
          escalateToLocation(s, { locationManager }, moveContext(at, employee)),
        );
      },
      '2026-03-05T10:00': async (_s, at) => {
        await applyStored(stores.signals, signalId, (s) =>
          escalateToOrganisation(s, { manager, supporter: quality }, moveContext(at, locationManager)),
        );
      },
      // The confirmation goes out late (the week ended on Sunday).
      '2026-03-10T10:00': async (_s, at) => {
        await applyStored(stores.signals, signalId, (s) =>
          conversationPlanned(s, { plannedFor: local('2026-03-13T10:00').toISOString() }, moveContext(at, manager)),
        );
        await applyStored(stores.signals, signalId, (s) => confirmationSent(s, {}, moveContext(at, manager)));
      },
      '2026-03-16T14:00': async (_s, at) => {
        await applyStored(stores.signals, signalId, (s) => conversationHeld(s, {}, moveContext(at, manager)));
      },
      '2026-03-30T10:00': async (_s, at) => {
        const decided = await applyStored(stores.signals, signalId, (s) =>
          recordDecision(
            s,
            {
              text: 'Gedeeltelijk gegrond.',
              measures: [{ description: 'Overdrachtsmoment verlengen naar 10 minuten', deadline: '2026-04-10' }],
              sentOn: '2026-03-30',
              tenor: 'founded',
              sentVia: 'email',
            },
            moveContext(at, manager),
          ),
        );
        await trackSignalReminders(stores.reminders, decided, deps.settings.rules); // the lead's call after a decision
      },
      '2026-03-31T10:00': async (_s, at) => {
        await applyStored(stores.signals, signalId, (s) =>
          handle(s, { summary: 'Besproken', satisfaction: 'partly' }, moveContext(at, manager)),
        );
        await applyStored(stores.signals, signalId, (s) => close(s, {}, moveContext(at, manager)));
      },
    };

    const seen: string[] = [];
    const end = local(until).getTime();
    let sweeps = 0;
    for (;;) {
      const stamp = DateTime.fromJSDate(clock.now()).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm");
      const move = moves[stamp];
      if (move) await move((await stores.signals.get(signalId))!.value, clock.now());
      const before = connector.calls.length;
      const report = await runReminderSweep(deps);
      sweeps += 1;
      expect(report.skipped).toBeUndefined();
      expect(report.unknown + report.refused).toBe(0);
      for (const call of connector.calls.slice(before)) {
        const text = textOf(cardOfCall(call.body));
        const deadline = Object.entries(nlReminders.deadlineKinds).find(([, label]) => text.includes(label))?.[0];
        const missed = text.includes('Termijn verstreken') ? 'missed' : 'upcoming';
        seen.push(`${stamp} ${NAMES.get(conversationOfPath(call.path))} ${deadline} ${missed}`);
      }
      if (clock.now().getTime() >= end) break;
      clock.advance(3_600_000);
    }

    expect(sweeps).toBeGreaterThan(kind === 'SQLite' ? 1000 : 190);
    expect(seen).toEqual(
      [
        '2026-03-06T08:00 Adele Vance confirmBy upcoming',
        '2026-03-09T08:00 Adele Vance confirmBy missed',
        '2026-03-09T08:00 Isaiah Langer confirmBy missed',
        '2026-03-16T08:00 Adele Vance conversationBy upcoming',
        '2026-03-16T08:00 Isaiah Langer conversationBy upcoming',
        '2026-03-27T08:00 Adele Vance settleBy upcoming',
        '2026-04-02T08:00 Adele Vance measure upcoming', // 5 working days before 10 April: Easter Monday skipped
        '2026-04-10T08:00 Adele Vance measure upcoming',
      ].slice(0, expectedCount),
    );

    // Each card has the reference, the state and the button the signal verbs answer.
    const first = cardOfCall(connector.calls[0]!.body);
    expect(textOf(first)).toContain('KS-2026-0042');
    expect(textOf(first)).toContain('bijna');
    expect(first.actions).toEqual([
      expect.objectContaining({ type: 'Action.Execute', verb: 'signal.open', data: { signalId } }),
    ]);
    const missedCard = textOf(cardOfCall(connector.calls[1]!.body));
    expect(missedCard).toContain('te laat');

    // With Graph configured, every reminder also went to the activity feed, under the same key.
    const feed = notifications(outbox);
    expect(feed).toHaveLength(expectedCount);
    expect(new Set(feed.map((line) => line.idempotencyKey)).size).toBe(expectedCount);
    expect(feed[0]).toMatchObject({
      userId: manager.id,
      idempotencyKey: `${signalId}:confirmBy:2026-03-08:week-last1@${manager.id}`,
    });
  }, 120_000);
});
