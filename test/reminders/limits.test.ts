/** Teams' sending limits, checked from the timestamps at which the local connector received each message. */
import { loadConfig } from '../../src/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRetryAfter, scaleRateLimits, SlidingWindowLimiter, TEAMS_RATE_LIMITS } from '../../bot/proactive';
import { runReminderSweep } from '../../src/app/reminders';
import { ManualClock } from '../../src/domain/clock';
import { RecordingConnector } from '../support/recording-connector';
import { ScriptedConnector } from './support/scripted-connector';
import {
  chatOf,
  conversationOfPath,
  introduce,
  maxInWindow,
  newAdapter,
  openStores,
  reminderDeps,
  type Stores,
} from './support/harness';
import { makeSignal } from './support/signals';

const DUE = new Date('2026-04-09T06:00:00Z');

async function seed(stores: Stores, owners: { id: string; name: string }[], perOwner: number[]): Promise<number> {
  let count = 0;
  for (const [ownerIndex, owner] of owners.entries()) {
    for (let index = 0; index < perOwner[ownerIndex]!; index += 1) {
      count += 1;
      await stores.signals.create(
        makeSignal({
          id: `s-${ownerIndex}-${index}`,
          reference: `KS-2026-${String(count).padStart(4, '0')}`,
          owner,
          receivedOn: '2026-03-02',
          registeredAt: '2026-04-09T05:00:00Z',
        }),
      );
    }
  }
  return count;
}

function byConversation(calls: { path: string; at: number }[]): Map<string, number[]> {
  const result = new Map<string, number[]>();
  for (const call of calls) {
    const id = conversationOfPath(call.path);
    result.set(id, [...(result.get(id) ?? []), call.at]);
  }
  return result;
}

describe('sending within Teams limits', () => {
  let stores: Stores;
  let outbox: string;
  const adapter = newAdapter();

  beforeEach(async () => {
    stores = await openStores('SQLite', undefined, { fast: true, signalsInMemory: true });
    outbox = mkdtempSync(join(tmpdir(), 'klantsignaal-outbox-'));
  });
  afterEach(async () => {
    await stores.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  test('1,000 due reminders across 100 conversations, limits scaled to 1/10 of the time', async () => {
    const connector = new RecordingConnector();
    await connector.start();
    try {
      const owners = Array.from({ length: 100 }, (_, index) => ({ id: `owner-${index}`, name: `Eigenaar ${index}` }));
      for (const owner of owners) await introduce(adapter, stores.reminders, connector.url, owner);
      expect(
        await seed(
          stores,
          owners,
          owners.map(() => 10),
        ),
      ).toBe(1000);
      const factor = 0.1;
      const limits = scaleRateLimits(TEAMS_RATE_LIMITS, factor, 20);
      const deps = reminderDeps({
        stores,
        adapter,
        clock: new ManualClock(DUE),
        outboxDir: outbox,
        holder: 'load',
        limits,
        settings: { sendConcurrency: 16 },
      });
      const started = Date.now();
      const report = await runReminderSweep(deps);
      const elapsed = Date.now() - started;
      expect(report).toMatchObject({ due: 1000, sentViaTeams: 1000, refused: 0, unknown: 0 });

      const calls = connector.calls.filter((call) => call.path.includes('/activities'));
      expect(calls).toHaveLength(1000);
      const conversations = byConversation(calls);
      expect(conversations.size).toBe(100);
      for (const [, times] of conversations) {
        expect(times).toHaveLength(10);
        expect(maxInWindow(times, 1_000 * factor)).toBeLessThanOrEqual(7);
        expect(maxInWindow(times, 30_000 * factor)).toBeLessThanOrEqual(60);
      }
      expect(
        maxInWindow(
          calls.map((call) => call.at),
          1_000 * factor,
        ),
      ).toBeLessThanOrEqual(30);
      // 30 per 100 ms at best: 1,000 messages need at least 33 full windows.
      expect(elapsed).toBeGreaterThanOrEqual(3_300);
      console.log(`1,000 reminders delivered in ${elapsed} ms (scaled limits)`);
    } finally {
      await connector.stop();
    }
  }, 60_000);

  test('real limits on a small count: 15 to one person (≤ 7/s, ≤ 8/2 s) and 80 in all (≤ 30/s)', async () => {
    const connector = new RecordingConnector();
    await connector.start();
    try {
      const owners = Array.from({ length: 14 }, (_, index) => ({ id: `real-${index}`, name: `Eigenaar ${index}` }));
      for (const owner of owners) await introduce(adapter, stores.reminders, connector.url, owner);
      expect(
        await seed(
          stores,
          owners,
          owners.map((_, index) => (index === 0 ? 15 : 5)),
        ),
      ).toBe(80);
      const deps = reminderDeps({
        stores,
        adapter,
        clock: new ManualClock(DUE),
        outboxDir: outbox,
        holder: 'real',
        settings: { sendConcurrency: 16 },
      });
      const report = await runReminderSweep(deps);
      expect(report.sentViaTeams).toBe(80);
      const calls = connector.calls.filter((call) => call.path.includes('/activities'));
      const busiest = byConversation(calls).get(chatOf('real-0'))!;
      expect(busiest).toHaveLength(15);
      expect(maxInWindow(busiest, 1_000)).toBeLessThanOrEqual(7);
      expect(maxInWindow(busiest, 2_000)).toBeLessThanOrEqual(8);
      expect(Math.max(...busiest) - Math.min(...busiest)).toBeGreaterThanOrEqual(2_000);
      expect(
        maxInWindow(
          calls.map((call) => call.at),
          1_000,
        ),
      ).toBeLessThanOrEqual(30);
    } finally {
      await connector.stop();
    }
  }, 30_000);

  test('429 with Retry-After: the message waits and then arrives once', async () => {
    const connector = new ScriptedConnector(({ index }) =>
      index === 0
        ? { status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'Throttled' } } }
        : undefined,
    );
    await connector.start();
    try {
      const owner = { id: 'throttled', name: 'Drukbezet' };
      await introduce(adapter, stores.reminders, connector.url, owner);
      await seed(stores, [owner], [1]);
      const report = await runReminderSweep(
        reminderDeps({ stores, adapter, clock: new ManualClock(DUE), outboxDir: outbox, holder: 'h' }),
      );
      expect(report).toMatchObject({ sentViaTeams: 1, refused: 0 });
      expect(connector.calls.map((call) => call.status)).toEqual([429, 200]);
      expect(connector.calls[1]!.at - connector.calls[0]!.at).toBeGreaterThanOrEqual(950);
    } finally {
      await connector.stop();
    }
  });

  test('429s beyond the SDK’s own retries: the sender pauses the conversation for Retry-After and tries again', async () => {
    // The Bot Connector client retries a 429 three times itself; the fourth reaches our sender.
    const connector = new ScriptedConnector(({ index }) =>
      index < 4 ? { status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'Throttled' } } } : undefined,
    );
    await connector.start();
    try {
      const owner = { id: 'throttled', name: 'Drukbezet' };
      await introduce(adapter, stores.reminders, connector.url, owner);
      await seed(stores, [owner], [1]);
      const report = await runReminderSweep(
        reminderDeps({ stores, adapter, clock: new ManualClock(DUE), outboxDir: outbox, holder: 'h' }),
      );
      expect(report).toMatchObject({ sentViaTeams: 1, refused: 0 });
      expect(connector.calls.map((call) => call.status)).toEqual([429, 429, 429, 429, 200]);
      for (let index = 1; index < 5; index += 1) {
        expect(connector.calls[index]!.at - connector.calls[index - 1]!.at).toBeGreaterThanOrEqual(950);
      }
    } finally {
      await connector.stop();
    }
  }, 20_000);
});

describe('the sliding-window limiter on virtual time', () => {
  test('2,000 messages to one conversation: ≤ 7 per second, ≤ 8 per 2 s, ≤ 60 per 30 s, ≤ 1,800 per hour', async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS, {
      now: () => now,
      sleep: async (milliseconds) => {
        now += milliseconds;
      },
    });
    const times: number[] = [];
    for (let index = 0; index < 2000; index += 1) {
      const done = await limiter.acquire('one');
      times.push(now);
      done();
    }
    expect(maxInWindow(times, 1_000)).toBe(7);
    expect(maxInWindow(times, 2_000)).toBe(8);
    expect(maxInWindow(times, 30_000)).toBe(60);
    expect(maxInWindow(times, 3_600_000)).toBe(1_800);
    // 60 per ~30 s sustained: 2,000 take about 1,000 s of virtual time.
    expect(times.at(-1)!).toBeGreaterThan(990_000);
  });

  test('a ceiling per tenant across conversations (30 per second), and a pause holds one conversation only', async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS, {
      now: () => now,
      sleep: async (ms) => void (now += ms),
    });
    const times: number[] = [];
    for (let index = 0; index < 200; index += 1) {
      const done = await limiter.acquire(`c${index}`, 'tenant-a');
      times.push(now);
      done();
    }
    expect(maxInWindow(times, 1_000)).toBe(30);
    // Another tenant has its own ceiling: it does not wait for tenant-a's window.
    const otherTenantFrom = now;
    for (let index = 0; index < 30; index += 1) (await limiter.acquire(`b${index}`, 'tenant-b'))();
    expect(now).toBe(otherTenantFrom);
    limiter.pause('c1', 5_000);
    const before = now;
    (await limiter.acquire('c1'))();
    expect(now - before).toBeGreaterThanOrEqual(5_000);
  });

  test('sends in flight count: 7 unanswered requests block the 8th until one completes and a window passes', async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(TEAMS_RATE_LIMITS, {
      now: () => now,
      sleep: async (ms) => void (now += ms),
    });
    const open = await Promise.all(Array.from({ length: 7 }, () => limiter.acquire('slow')));
    let eighthAt: number | undefined;
    const eighth = limiter.acquire('slow').then((done) => {
      eighthAt = now;
      done();
    });
    // The connector is slow: the first answer comes at 400 ms (virtual time moves on in the poll).
    while (now < 400) await Promise.resolve();
    open[0]!();
    await eighth;
    expect(eighthAt).toBeGreaterThanOrEqual(400 + 1_000);
  });

  test('Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('Teams limits from the settings', () => {
  test("the defaults are Teams' documented limits; other windows can be set, nonsense is refused", () => {
    const defaults = loadConfig({}).teamsRateLimits;
    expect(defaults).toEqual({
      perConversation: TEAMS_RATE_LIMITS.perConversation,
      perTenant: TEAMS_RATE_LIMITS.perTenant,
    });
    expect(
      loadConfig({ TEAMS_RATE_LIMIT_CONVERSATION: '5/1, 6/2', TEAMS_RATE_LIMIT_TENANT: '50/1' }).teamsRateLimits,
    ).toEqual({
      perConversation: [
        { limit: 5, windowMs: 1_000 },
        { limit: 6, windowMs: 2_000 },
      ],
      perTenant: [{ limit: 50, windowMs: 1_000 }],
    });
    expect(loadConfig({ TEAMS_RATE_LIMIT_TENANT: ' ' }).teamsRateLimits.perTenant).toEqual(TEAMS_RATE_LIMITS.perTenant);
    for (const wrong of ['7 per second', '0/1', '7/0', '7/1,'])
      expect(() => loadConfig({ TEAMS_RATE_LIMIT_TENANT: wrong })).toThrow(/TEAMS_RATE_LIMIT_TENANT/);
  });
});
