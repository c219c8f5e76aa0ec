/**
 * A melding's notifications over real peers: the e-mail to each person on the route (local outbox
 * and the Graph stand-in), the Teams notice through the reminder sweep to a local Bot Connector
 * (route only, exactly once), and the escalation when the consultation is not recorded within one
 * working day — with fixed clocks from a Friday 17:30.
 */
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOutbound } from '../../src/adapters/outbound';
import { SqliteOutboxStore } from '../../src/adapters/sqlite/sqlite-outbox-store';
import { runReminderSweep } from '../../src/app/reminders';
import { GraphTestServer } from '../support/graph-server';
import { RecordingConnector } from '../support/recording-connector';
import { PEOPLE, testServices, validIntake } from '../support/services';
import { BotDriver, actionData, cardText } from '../support/test-adapter';
import { GRAPH_TOKEN, graphServices } from '../planning/planning-support';
import {
  cardOfCall,
  chatOf,
  conversationOfPath,
  introduce,
  newAdapter,
  openStores,
  reminderDeps,
  textOf,
  type Stores,
} from './support/harness';

const local = (text: string) => DateTime.fromISO(text, { zone: 'Europe/Amsterdam' }).toJSDate();
const ROUTE = [PEOPLE.admin, PEOPLE.manager]; // Patti Fernandez (houder), Adele Vance (aandachtsfunctionaris)
const EVERYONE = Object.values(PEOPLE);
const SECRET_INTAKE = validIntake({
  parentName: 'Geheime Ouder',
  description: 'GEHEIM: een invalkracht sloeg een kind',
  reportingDuty: 'yes',
});

describe('meldplicht notifications', () => {
  let stores: Stores;
  let connector: RecordingConnector;
  let outboxDir: string;

  beforeEach(async () => {
    stores = await openStores('SQLite');
    connector = new RecordingConnector();
    await connector.start();
    outboxDir = mkdtempSync(path.join(tmpdir(), 'ks-meldplicht-'));
  });
  afterEach(async () => {
    await connector.stop();
    await stores.close();
    rmSync(outboxDir, { recursive: true, force: true });
  });

  /** The bot on the sweep's stores, with the local outbox; Alex registers at `at`. */
  async function registerMelding(at: string) {
    const base = await testServices(local(at).toISOString());
    const outbound = await createOutbound({
      env: {},
      dataDir: outboxDir,
      store: { kind: 'sqlite', path: ':memory:' },
      organisationName: 'Kinderopvang De Regenboog',
      outboxStore: new SqliteOutboxStore(':memory:'),
      now: () => base.clock.now(),
    });
    let sweeps = 0;
    const services = {
      ...base,
      store: stores.signals,
      reminders: stores.reminders,
      outbound,
      sweepNow: () => void (sweeps += 1),
    };
    const driver = new BotDriver(services);
    const adapter = newAdapter();
    for (const person of EVERYONE) await introduce(adapter, stores.reminders, connector.url, person);
    const result = await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId: randomUUID(), ...SECRET_INTAKE });
    const signal = (await stores.signals.getByReference('KS-2026-0001'))!.value;
    const deps = reminderDeps({ stores, adapter, clock: services.clock, outboxDir, holder: 'sweeper-1' });
    const sweepAt = async (when: string) => {
      services.clock.set(local(when));
      const before = connector.calls.length;
      await runReminderSweep(deps);
      return connector.calls.slice(before).map((call) => ({
        to: conversationOfPath(call.path),
        text: textOf(cardOfCall(call.body as Record<string, unknown>)),
      }));
    };
    return { services, driver, result, signal, sweepAt, sweeps: () => sweeps };
  }

  it('e-mails each person on the route once, without the melding’s contents (local outbox)', async () => {
    const { result, signal, sweeps } = await registerMelding('2026-11-27T17:30');
    expect(cardText(result.card)).toContain('is doorgegeven aan de aandachtsfunctionaris en de houder');
    expect(sweeps()).toBe(1); // the Teams notice is sent at once, not at the next interval
    const files = readdirSync(path.join(outboxDir, 'outbox', 'mail'));
    expect(files).toHaveLength(2);
    const mails = files.map((file) => readFileSync(path.join(outboxDir, 'outbox', 'mail', file), 'utf8'));
    for (const address of ['patti.fernandez@regenboog.example', 'adele.vance@regenboog.example']) {
      const mail = mails.find((text) => text.includes(address));
      expect(mail).toContain(`Subject: Meldplicht: nieuwe melding ${signal.reference}`);
      expect(mail).toContain('0900-111 3 111');
      for (const secret of ['Geheime', 'GEHEIM', 'sloeg', 'invalkracht']) expect(mail).not.toContain(secret);
    }
  });

  it('Teams: the route only, exactly once; Monday 08:00 a reminder; Tuesday 08:00 the escalation', async () => {
    const { signal, sweepAt } = await registerMelding('2026-11-27T17:30'); // a Friday
    expect(signal.reportingDuty?.consultBy).toBe(
      DateTime.fromISO('2026-11-30', { zone: 'Europe/Amsterdam' }).endOf('day').toUTC().toISO(),
    );

    const first = await sweepAt('2026-11-27T17:31');
    expect(first.map((sent) => sent.to).sort()).toEqual(ROUTE.map((person) => chatOf(person.id)).sort());
    for (const sent of first) {
      expect(sent.text).toContain(signal.reference);
      expect(sent.text).toContain('Meldplicht: overleg met de vertrouwensinspecteur');
      for (const secret of ['Geheime', 'GEHEIM', 'sloeg']) expect(sent.text).not.toContain(secret);
    }
    expect(await sweepAt('2026-11-27T18:00')).toEqual([]);
    expect(await sweepAt('2026-11-30T07:59')).toEqual([]);

    const monday = await sweepAt('2026-11-30T08:00');
    expect(monday.map((sent) => sent.to).sort()).toEqual(ROUTE.map((person) => chatOf(person.id)).sort());
    expect(monday[0]!.text).toContain('Herinnering');
    expect(await sweepAt('2026-11-30T17:00')).toEqual([]);

    const tuesday = await sweepAt('2026-12-01T08:00');
    expect(tuesday.map((sent) => sent.to).sort()).toEqual(ROUTE.map((person) => chatOf(person.id)).sort());
    expect(tuesday[0]!.text).toContain('Termijn verstreken');
    expect(await sweepAt('2026-12-02T08:00')).toEqual([]);
  });

  it('no escalation once the consultation is recorded, and the melding leaves the watch list', async () => {
    const { driver, signal, sweepAt, services } = await registerMelding('2026-11-27T17:30');
    await sweepAt('2026-11-27T17:31');
    services.clock.set(local('2026-11-30T10:00'));
    const form = await driver.execute(PEOPLE.admin, 'duty.form', { signalId: signal.id, move: 'consult' });
    const saved = await driver.execute(PEOPLE.admin, 'duty.move', {
      ...actionData(form.card, 'duty.move'),
      on: '2026-11-30',
      time: '09:30',
      inspector: 'Mw. Jansen',
      offence: 'violence',
      advice: 'Aangifte doen',
    });
    expect(cardText(saved.card)).toContain('Overleg vertrouwensinspecteur: opgeslagen.');
    expect(await sweepAt('2026-12-01T08:00')).toEqual([]);
    expect(await stores.reminders.listWatches('2027-12-31T00:00:00.000Z', 10)).toEqual([]);
  });

  it('a melding registered before a holiday: Thursday 24 December → reminder Monday 28, escalation Tuesday 29', async () => {
    const { sweepAt: sweepAll } = await registerMelding('2026-12-24T10:00');
    // The complaint side's own reminders (the six weeks) also reach the route; these are the melding's.
    const sweepAt = async (when: string) => (await sweepAll(when)).filter((sent) => sent.text.includes('Meldplicht'));
    expect(await sweepAt('2026-12-24T10:01')).toHaveLength(2);
    expect(await sweepAt('2026-12-25T08:00')).toEqual([]);
    expect(await sweepAt('2026-12-28T08:00')).toHaveLength(2);
    const escalation = await sweepAt('2026-12-29T08:00');
    expect(escalation).toHaveLength(2);
    expect(escalation[0]!.text).toContain('Termijn verstreken');
  });

  it('every reminder of a melding, the complaint side’s too, goes to the route and nobody else', async () => {
    const { sweepAt } = await registerMelding('2026-12-24T10:00');
    const recipients = new Set<string>();
    for (const day of [
      '2026-12-24T10:01',
      '2026-12-28T08:00',
      '2026-12-29T08:00',
      '2027-01-04T08:00',
      '2027-01-06T08:00',
    ]) {
      for (const sent of await sweepAt(day)) recipients.add(sent.to);
    }
    expect([...recipients].sort()).toEqual(ROUTE.map((person) => chatOf(person.id)).sort());
  });
});

describe('meldplicht e-mail through Graph (local Graph stand-in)', () => {
  let graph: GraphTestServer;
  let outboxDir: string;
  beforeAll(async () => {
    graph = await GraphTestServer.start({ token: GRAPH_TOKEN });
    outboxDir = mkdtempSync(path.join(tmpdir(), 'ks-meldplicht-graph-'));
  });
  afterAll(async () => {
    await graph.stop();
    rmSync(outboxDir, { recursive: true, force: true });
  });

  it('sends one sendMail per person on the route, in Graph’s documented shape', async () => {
    const services = await graphServices(graph, '2026-11-27T17:30:00+01:00', outboxDir);
    const driver = new BotDriver(services);
    const intakeId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId, ...SECRET_INTAKE });
    // The same card again (a double click): no second e-mail.
    await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId, ...SECRET_INTAKE });
    expect(graph.violations).toEqual([]);
    const mails = graph.mails.filter((mail) => mail.message.subject.startsWith('Meldplicht'));
    expect(mails.map((mail) => mail.message.toRecipients[0]!.emailAddress.address).sort()).toEqual([
      'adele.vance@regenboog.example',
      'patti.fernandez@regenboog.example',
    ]);
    for (const mail of mails) expect(JSON.stringify(mail)).not.toMatch(/Geheime|GEHEIM|sloeg/);
  });
});
