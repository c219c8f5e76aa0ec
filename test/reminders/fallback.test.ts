/** 403 and unknown people fall back to the activity feed and staf kw hears of it; the weekly digest; wiring. */
import { TurnContext, type Activity } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { conversationsOf, rememberConversation } from '../../bot/conversation-references';
import { personKey, teamKey } from '../../src/app/reminder-ports';
import {
  reminderSettingsFromEnv,
  ReminderSettingsError,
  runReminderSweep,
  startReminderScheduler,
  SWEEP_LEASE,
} from '../../src/app/reminders';
import { ManualClock } from '../../src/domain/clock';
import { PEOPLE } from '../support/services';
import { ScriptedConnector } from './support/scripted-connector';
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
  type Stores,
} from './support/harness';
import { makeSignal } from './support/signals';

const DUE = new Date('2026-04-09T06:00:00Z'); // settleBy -2wd of a complaint received 2 March
const quality = PEOPLE.quality;

describe('reaching people', () => {
  let stores: Stores;
  let outbox: string;
  let connector: ScriptedConnector;
  let roster = new Set<string>();
  const adapter = newAdapter();

  beforeEach(async () => {
    stores = await openStores('SQLite', undefined, { fast: true });
    outbox = mkdtempSync(join(tmpdir(), 'klantsignaal-outbox-'));
    roster = new Set<string>();
    // Conversations outside the roster answer 403 BotNotInConversationRoster, as Teams does after an uninstall.
    connector = new ScriptedConnector(({ path }) =>
      roster.has(conversationOfPath(path))
        ? {
            status: 403,
            body: {
              error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' },
            },
          }
        : undefined,
    );
    await connector.start();
  });
  afterEach(async () => {
    await connector.stop();
    await stores.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const seed = (id: string, owner: { id: string; name: string }, registeredAt = '2026-04-09T05:00:00Z') =>
    stores.signals.create(
      makeSignal({ id, reference: `KS-2026-${id.slice(-4)}`, owner, receivedOn: '2026-03-02', registeredAt }),
    );

  test('403: marked unreachable, reminder to the activity feed, staf kw told once; contact again restores Teams', async () => {
    const gone = { id: 'gone-person', name: 'Sanne Weg' };
    await introduce(adapter, stores.reminders, connector.url, gone);
    await introduce(adapter, stores.reminders, connector.url, quality);
    await introduce(adapter, stores.reminders, connector.url, PEOPLE.manager); // gets the "missed" escalation
    roster.add(chatOf(gone.id));
    await seed('sig-0001', gone);
    const clock = new ManualClock(DUE);
    const deps = reminderDeps({ stores, adapter, clock, outboxDir: outbox, holder: 'h' });

    const report = await runReminderSweep(deps);
    expect(report).toMatchObject({ sentViaFeed: 1, sentViaTeams: 1, refused: 0 }); // feed for Sanne, Teams for staf kw
    expect(connector.calls.map((call) => [conversationOfPath(call.path), call.status])).toEqual([
      [chatOf(gone.id), 403],
      [chatOf(quality.id), 200],
    ]);
    expect(textOf(cardOfCall(connector.calls[1]!.body))).toContain('Sanne Weg heeft Klantsignaal niet meer in Teams');
    const feed = notifications(outbox);
    expect(feed).toEqual([
      expect.objectContaining({ userId: gone.id, idempotencyKey: `sig-0001:settleBy:2026-04-13:-2wd@${gone.id}` }),
    ]);
    expect(feed[0]!.webUrl).toContain('sig-0001');
    expect((await stores.reminders.getReference(personKey(gone.id)))?.unreachableReason).toBe('notInRoster');

    // The next reminder for Sanne goes straight to the feed: Teams is not asked again, staf kw not told again.
    await seed('sig-0002', gone, '2026-04-09T06:30:00Z');
    clock.set(new Date('2026-04-14T06:00:00Z')); // both signals' settleBy passed: the "missed" points
    const calls = connector.calls.length;
    const second = await runReminderSweep(deps);
    const later = connector.calls.slice(calls);
    expect(later.map((call) => conversationOfPath(call.path)).sort()).toEqual(
      [chatOf(PEOPLE.manager.id), chatOf(PEOPLE.manager.id), chatOf(quality.id), chatOf(quality.id)].sort(),
    );
    expect(later.every((call) => textOf(cardOfCall(call.body)).includes('Termijn verstreken'))).toBe(true);
    expect(second.sentViaFeed).toBeGreaterThanOrEqual(2);
    expect(notifications(outbox).filter((line) => line.userId === gone.id)).toHaveLength(3);

    // Sanne adds the app again and says hello: the next reminder is a Teams message again.
    roster.delete(chatOf(gone.id));
    await introduce(adapter, stores.reminders, connector.url, gone);
    expect((await stores.reminders.getReference(personKey(gone.id)))?.unreachableSince).toBeUndefined();
    await seed('sig-0003', gone, '2026-04-14T05:00:00Z');
    clock.set(new Date('2026-04-14T07:00:00Z'));
    const before = connector.calls.length;
    await runReminderSweep(deps);
    expect(connector.calls.slice(before).map((call) => [conversationOfPath(call.path), call.status])).toContainEqual([
      chatOf(gone.id),
      200,
    ]);
  });

  test('someone who never chatted with the bot: activity feed, and staf kw told once for all their reminders', async () => {
    await introduce(adapter, stores.reminders, connector.url, quality);
    const stranger = { id: 'never-chatted', name: 'Nog Nooit' };
    await seed('sig-0009', stranger);
    await seed('sig-0010', stranger);
    const report = await runReminderSweep(
      reminderDeps({ stores, adapter, clock: new ManualClock(DUE), outboxDir: outbox, holder: 'h' }),
    );
    // One sweeper: no claim is lost; the second reminder does not try to tell staf kw again.
    expect(report).toMatchObject({ sentViaFeed: 2, sentViaTeams: 1, lostClaims: 0 });
    expect(notifications(outbox).map((line) => line.userId)).toEqual([stranger.id, stranger.id]);
    expect(connector.calls).toHaveLength(1);
    expect(textOf(cardOfCall(connector.calls[0]!.body))).toContain('Nog Nooit heeft nog nooit met Klantsignaal gechat');
    expect((await stores.reminders.getReference(personKey(stranger.id)))?.unreachableReason).toBe('noReference');
  });

  test('weekly digest for staf kw: Monday 08:00, once per week, open and overdue per location', async () => {
    await introduce(adapter, stores.reminders, connector.url, quality);
    const owner = { id: 'owner-x', name: 'Eigenaar' };
    await introduce(adapter, stores.reminders, connector.url, owner);
    // Two open at De Zonnebloem (one past its 6 weeks), one at De Vlinder.
    await stores.signals.create(
      makeSignal({
        id: 'old',
        reference: 'KS-2026-0100',
        owner,
        receivedOn: '2026-01-05',
        registeredAt: '2026-01-05T09:00:00Z',
      }),
    );
    await stores.signals.create(
      makeSignal({
        id: 'new',
        reference: 'KS-2026-0101',
        owner,
        receivedOn: '2026-03-02',
        registeredAt: '2026-03-02T09:00:00Z',
      }),
    );
    await stores.signals.create(
      makeSignal({
        id: 'vl',
        reference: 'KS-2026-0102',
        owner,
        receivedOn: '2026-03-02',
        registeredAt: '2026-03-02T09:00:00Z',
        locationId: 'vlinder',
      }),
    );
    const at = (text: string) => DateTime.fromISO(text, { zone: 'Europe/Amsterdam' }).toJSDate();
    const clock = new ManualClock(at('2026-03-08T23:00'));
    const deps = reminderDeps({
      stores,
      adapter,
      clock,
      outboxDir: outbox,
      holder: 'h',
      settings: { digest: { enabled: true, weekday: 1, maxReferencesPerLocation: 5 } },
    });
    const digests = () => connector.calls.filter((call) => textOf(cardOfCall(call.body)).startsWith('Weekoverzicht'));
    const moments: string[] = [];
    for (const moment of [
      '2026-03-08T23:00',
      '2026-03-09T07:00',
      '2026-03-09T08:00',
      '2026-03-09T09:00',
      '2026-03-12T12:00',
      '2026-03-16T08:00',
    ]) {
      clock.set(at(moment));
      const before = digests().length;
      await runReminderSweep(deps);
      if (digests().length > before) moments.push(moment);
    }
    // The first sweep catches up on week 10's digest (its Monday had passed); then every Monday at 08:00.
    expect(moments).toEqual(['2026-03-08T23:00', '2026-03-09T08:00', '2026-03-16T08:00']);
    const card = textOf(cardOfCall(digests()[1]!.body));
    expect(card).toContain('Weekoverzicht signalen 2026 week 11');
    expect(card).toContain('3 open signalen, waarvan 1 over de termijn.');
    expect(card).toContain('KS-2026-0100');
    expect(digests().every((call) => conversationOfPath(call.path) === chatOf(quality.id))).toBe(true);
  });

  test('the scheduler sweeps right away and on its interval; stop() releases the lease', async () => {
    const owner = { id: 'sched', name: 'Gepland' };
    await introduce(adapter, stores.reminders, connector.url, owner);
    await seed('sig-0200', owner);
    const clock = new ManualClock(DUE);
    const scheduler = startReminderScheduler(
      reminderDeps({ stores, adapter, clock, outboxDir: outbox, holder: 'sched-1', settings: { intervalSeconds: 1 } }),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(connector.delivered()).toHaveLength(1);
      await scheduler.runNow();
      expect(connector.delivered()).toHaveLength(1);
    } finally {
      await scheduler.stop();
    }
    const other = await stores.reminders.tryAcquireLease(SWEEP_LEASE, 'another-instance', 60_000, clock.now());
    expect(other?.holder).toBe('another-instance');
  });
});

describe('conversation references from turns', () => {
  const adapter = newAdapter();
  const turn = (activity: Partial<Activity>) => new TurnContext(adapter, activity);

  test('a personal chat is kept by Entra object id, without the activity id; a team channel by team id', () => {
    const personal = conversationsOf(
      turn({
        type: 'message',
        id: 'msg-1',
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: 'a:1xyz', conversationType: 'personal', isGroup: false, name: '' },
        from: { id: '29:abc', name: 'Alex', aadObjectId: 'aad-1' },
        recipient: { id: '28:bot', name: 'Klantsignaal' },
      }),
    );
    expect(personal.map(([key]) => key)).toEqual([personKey('aad-1')]);
    expect(personal[0]![1]).toMatchObject({
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: { id: 'a:1xyz' },
    });
    expect(personal[0]![1].activityId).toBeUndefined();

    const channel = conversationsOf(
      turn({
        type: 'message',
        id: 'msg-2',
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: {
          id: '19:general@thread.tacv2;messageid=123',
          conversationType: 'channel',
          isGroup: true,
          name: '',
        },
        channelData: { team: { id: '19:team@thread.tacv2' } },
        from: { id: '29:abc', name: 'Alex', aadObjectId: 'aad-1' },
        recipient: { id: '28:bot', name: 'Klantsignaal' },
      }),
    );
    expect(channel.map(([key]) => key)).toEqual([teamKey('19:team@thread.tacv2')]);
    expect(channel[0]![1]).toMatchObject({ conversation: { id: '19:general@thread.tacv2' } });
  });

  test('remembering on every turn writes only when something changed', async () => {
    const stores = await openStores('SQLite', undefined, { fast: true });
    try {
      const activity: Partial<Activity> = {
        type: 'message',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:1',
        conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' },
        from: { id: '29:abc', name: 'Alex', aadObjectId: 'aad-2' },
        recipient: { id: '28:bot', name: 'Klantsignaal' },
      };
      const results: string[] = [];
      const store = Object.assign(
        Object.create(Object.getPrototypeOf(stores.reminders) as object) as typeof stores.reminders,
        stores.reminders,
      );
      store.saveReference = async (...args) => {
        const result = await stores.reminders.saveReference(...args);
        results.push(result);
        return result;
      };
      await rememberConversation(turn({ ...activity, id: 'm1' }), store);
      await rememberConversation(turn({ ...activity, id: 'm2' }), store);
      expect(results).toEqual(['created', 'unchanged']);
    } finally {
      await stores.close();
    }
  });
});

describe('reminder settings', () => {
  test('defaults, and REMINDER_* variables validated', () => {
    const defaults = reminderSettingsFromEnv({});
    expect(defaults).toMatchObject({
      enabled: true,
      intervalSeconds: 300,
      leaseTtlSeconds: 600,
      staleClaimMinutes: 15,
    });
    expect(defaults.rules.settle.workingDaysBefore).toEqual([10, 5, 2]);
    const demo = reminderSettingsFromEnv({
      REMINDER_INTERVAL_SECONDS: '30',
      REMINDER_SETTLE_DAYS: '15, 5',
      REMINDER_AUDIENCE_MISSED: 'owner,quality',
    });
    expect(demo).toMatchObject({ intervalSeconds: 30, leaseTtlSeconds: 120 });
    expect(demo.rules.settle.workingDaysBefore).toEqual([15, 5]);
    expect(demo.rules.missed.audience).toEqual(['owner', 'quality']);
    expect(() => reminderSettingsFromEnv({ REMINDER_INTERVAL_SECONDS: 'soon' })).toThrow(ReminderSettingsError);
    expect(() => reminderSettingsFromEnv({ REMINDER_AUDIENCE_SETTLE: 'owner,ceo' })).toThrow(/rules.settle.audience/);
    expect(() => reminderSettingsFromEnv({ REMINDER_SEND_HOUR: '25' })).toThrow(/sendHour/);
  });
});
