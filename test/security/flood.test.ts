/**
 * Issue 11 (7): one person sending hundreds of messages a second is slowed down, without affecting
 * anyone else. The guard is botbuilder middleware with a token bucket per sender (Entra object id).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import pino from 'pino';
import { FloodGuard, TokenBuckets } from '../../bot/flood-guard';
import { nlSecurity } from '../../src/i18n/nl-security';
import { startApp, type RunningApp } from '../../src/server';
import { RecordingConnector } from '../support/recording-connector';
import { PEOPLE, SAMPLE_ORGANISATION, testServices, validIntake } from '../support/services';
import { BotDriver, cardText } from '../support/test-adapter';

const isSlowDown = (activity: Partial<Activity>) => activity.text === nlSecurity.flood.slowDown;
const isHelpCard = (activity: Partial<Activity>) =>
  cardText(activity.attachments).includes('Nieuw signaal registreren');

describe('TokenBuckets', () => {
  it('allows a burst, then refills at the set rate', () => {
    let now = 0;
    const buckets = new TokenBuckets(10, 2, () => now);
    const allowed = () => Array.from({ length: 100 }, () => buckets.take('a')).filter((d) => d.allowed).length;
    expect(allowed()).toBe(10);
    now += 1000;
    expect(allowed()).toBe(2);
    now += 60_000;
    expect(allowed()).toBe(10);
  });

  it('marks only the first refusal of an episode; a new episode starts once the bucket is full again', () => {
    let now = 0;
    const buckets = new TokenBuckets(1, 1, () => now);
    expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a')).toEqual({ allowed: false, first: true });
    expect(buckets.take('a')).toEqual({ allowed: false, first: false });
    now += 500;
    expect(buckets.take('a')).toEqual({ allowed: false, first: false });
    now += 1000;
    expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a')).toEqual({ allowed: false, first: true });
  });

  it('stays bounded when a stream of made-up sender ids arrives', () => {
    const buckets = new TokenBuckets(10, 2, () => 0, 1000);
    for (let index = 0; index < 20_000; index += 1) buckets.take(`sender-${index}`);
    expect(buckets.size).toBeLessThanOrEqual(1000);
  });

  it('refuses nonsense settings', () => {
    expect(() => new TokenBuckets(0, 2)).toThrow(RangeError);
    expect(() => new TokenBuckets(10, 0)).toThrow(RangeError);
  });
});

describe('the flood guard on the real bot (TestAdapter)', () => {
  let now: number;
  let driver: BotDriver;
  let services: Awaited<ReturnType<typeof testServices>>;

  beforeEach(async () => {
    now = 1_000_000;
    services = await testServices();
    driver = new BotDriver(services);
    driver.adapter.use(new FloodGuard({ burst: 10, refillPerSecond: 2, now: () => now }));
  });

  it('slows down one sender at ~300 messages a second, with one polite Dutch answer, and serves another sender', async () => {
    const flooderReplies: Partial<Activity>[] = [];
    const otherReplies: Partial<Activity>[] = [];
    for (let index = 0; index < 300; index += 1) {
      now += 3; // 300 messages in 0.9 s
      flooderReplies.push(...(await driver.say(PEOPLE.employee, 'help')));
      if (index % 30 === 0) otherReplies.push(...(await driver.say(PEOPLE.manager, 'help')));
    }
    const served = flooderReplies.filter(isHelpCard).length;
    // 10 at once, plus 2 per second over 0.9 s.
    expect(served).toBeGreaterThanOrEqual(10);
    expect(served).toBeLessThanOrEqual(12);
    expect(flooderReplies.filter(isSlowDown)).toHaveLength(1);
    expect(flooderReplies).toHaveLength(served + 1);
    // The other person, sending at a normal pace, got every answer and no warning.
    expect(otherReplies.filter(isHelpCard)).toHaveLength(10);
    expect(otherReplies.filter(isSlowDown)).toHaveLength(0);
  });

  it('serves the flooder again once the bucket refills, and warns once per new flood', async () => {
    for (let index = 0; index < 50; index += 1) await driver.say(PEOPLE.employee, 'help');
    now += 5000;
    const after = await driver.say(PEOPLE.employee, 'help');
    expect(after.filter(isHelpCard)).toHaveLength(1);
    const second: Partial<Activity>[] = [];
    for (let index = 0; index < 50; index += 1) second.push(...(await driver.say(PEOPLE.employee, 'help')));
    expect(second.filter(isSlowDown)).toHaveLength(1);
  });

  it('answers a card action over the limit at once with a Dutch message, without running it', async () => {
    for (let index = 0; index < 20; index += 1) await driver.say(PEOPLE.employee, 'help');
    const intakeId = randomUUID();
    driver.adapter.activeQueue.splice(0);
    await driver.adapter.receiveActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: 'flooded-invoke',
      from: { id: `29:${PEOPLE.employee.id}`, name: PEOPLE.employee.name, aadObjectId: PEOPLE.employee.id },
      value: { action: { type: 'Action.Execute', verb: 'intake.submit', data: { intakeId, ...validIntake() } } },
    });
    const response = driver.adapter.activeQueue.find((activity) => activity.type === 'invokeResponse');
    expect(response?.value).toEqual({
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: nlSecurity.flood.cardSlowDown,
      },
    });
    expect(await services.store.get(intakeId)).toBeUndefined();
    // The same click from someone else goes through.
    const other = await driver.execute(PEOPLE.manager, 'intake.submit', { intakeId, ...validIntake() });
    expect(cardText(other.card)).toMatch(/Signaal geregistreerd/);
  });

  it('automatic card refreshes have their own, higher allowance: scrolling past 40 cards slows no one down', async () => {
    const guarded = new BotDriver(services);
    guarded.adapter.use(
      new FloodGuard({
        burst: 10,
        refillPerSecond: 2,
        refresh: { burst: 60, refillPerSecond: 10, verbs: ['signal.refresh'] },
        now: () => now,
      }),
    );
    const signalId = randomUUID();
    await guarded.execute(PEOPLE.employee, 'intake.submit', { intakeId: signalId, ...validIntake() });
    const refresh = async (verb: string, data: Record<string, unknown>) => {
      guarded.adapter.activeQueue.splice(0);
      await guarded.adapter.receiveActivity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        from: { id: `29:${PEOPLE.employee.id}`, name: PEOPLE.employee.name, aadObjectId: PEOPLE.employee.id },
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'automatic' },
      });
      return guarded.adapter.activeQueue.find((activity) => activity.type === 'invokeResponse')?.value as {
        status: number;
        body?: { type: string; value: unknown };
      };
    };
    for (let index = 0; index < 40; index += 1) {
      now += 10;
      const answer = await refresh('signal.refresh', { signalId });
      expect(answer.status).toBe(200);
      expect(answer.body?.type).toBe('application/vnd.microsoft.card.adaptive');
    }
    // The refreshes took nothing from the person's own clicks.
    const click = await guarded.execute(PEOPLE.employee, 'intake.submit', { intakeId: randomUUID(), ...validIntake() });
    expect(cardText(click.card)).toMatch(/Signaal geregistreerd/);

    // Beyond even that allowance a refresh is refused quietly: the card stays, no "rustig aan".
    const answers = [];
    for (let index = 0; index < 100; index += 1) answers.push(await refresh('signal.refresh', { signalId }));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((answer) => answer.body === undefined)).toBe(true);

    // "automatic" on another verb is no refresh: it counts as a click, so it cannot flood writes.
    for (let index = 0; index < 20; index += 1)
      await refresh('intake.submit', { intakeId: randomUUID(), ...validIntake() });
    const forged = await refresh('intake.submit', { intakeId: randomUUID(), ...validIntake() });
    expect(forged.body?.value).toBe(nlSecurity.flood.cardSlowDown);
  });

  it('lets installation and other non-user activities through', async () => {
    for (let index = 0; index < 20; index += 1) await driver.say(PEOPLE.employee, 'help');
    driver.adapter.activeQueue.splice(0);
    await driver.adapter.receiveActivity({
      type: 'conversationUpdate',
      from: { id: `29:${PEOPLE.employee.id}`, name: PEOPLE.employee.name, aadObjectId: PEOPLE.employee.id },
      recipient: { id: 'bot', name: 'Klantsignaal' },
      membersAdded: [{ id: 'bot', name: 'Klantsignaal' }],
    });
    expect(cardText(driver.adapter.activeQueue[0]?.attachments)).toContain('Welkom bij Klantsignaal');
  });
});

describe('the flood guard over real HTTP (default settings)', () => {
  const connector = new RecordingConnector();
  let app: RunningApp;
  let dataDir: string;

  beforeAll(async () => {
    await connector.start();
    dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-flood-'));
    app = await startApp({
      env: {},
      settings: { PORT: '0', DATA_DIR: dataDir, ORGANISATION_FILE: SAMPLE_ORGANISATION },
      logger: pino({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    await app?.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const message = (person: { id: string; name: string }, conversationId: string) => ({
    type: 'message',
    text: 'help',
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: conversationId, conversationType: 'personal' },
    from: { id: `29:${person.id}`, name: person.name, aadObjectId: person.id },
    recipient: { id: '28:klantsignaal', name: 'Klantsignaal' },
    id: randomUUID(),
  });

  const post = (body: unknown) =>
    fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((response) => response.status);

  it('takes 300 concurrent messages from one person without error, answers ~10, and still serves others', async () => {
    const started = Date.now();
    const statuses = await Promise.all([
      ...Array.from({ length: 300 }, () => post(message(PEOPLE.employee, 'a:flooder'))),
      ...Array.from({ length: 5 }, () => post(message(PEOPLE.manager, 'a:calm'))),
    ]);
    const seconds = (Date.now() - started) / 1000;
    expect(new Set(statuses)).toEqual(new Set([200]));
    const toFlooder = connector.calls.filter((call) => call.path.includes(encodeURIComponent('a:flooder')));
    const toOther = connector.calls.filter((call) => call.path.includes(encodeURIComponent('a:calm')));
    const warnings = toFlooder.filter((call) => call.body.text === nlSecurity.flood.slowDown);
    expect(warnings).toHaveLength(1);
    expect(toFlooder.length - 1).toBeLessThanOrEqual(10 + Math.ceil(seconds * 2));
    expect(toOther).toHaveLength(5);
  });
});
