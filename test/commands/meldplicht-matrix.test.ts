/**
 * Meldplicht through the real bot (TestAdapter): a melding registered with the triage question
 * answered yes, and one flagged later on an ordinary signal. For every role outside the route, every
 * command answers exactly as in the same organisation without those two meldingen (nothing leaks:
 * no reference, no count, no text), every card verb on a melding reveals nothing, and the export and
 * the yearly figures are those of a world without them. The route sees both, records the steps with
 * their times, and every read is in the access log.
 */
import { randomUUID } from 'node:crypto';
import { buildExport } from '../../src/app/export';
import { computeYearFigures } from '../../src/app/annual-analysis';
import type { Signal } from '../../src/domain/signal';
import { BotDriver, actionData, cardOf, cardText, type InvokeResult } from '../support/test-adapter';
import { validIntake } from '../support/services';
import { CONVERSATIONS, sayIn } from '../privacy/support';
import {
  commandServices,
  personOf,
  referencesIn,
  ROLE_PEOPLE,
  seed,
  type RoleKey,
  type TestServices,
} from './fixtures';

const HOUDER = { id: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez' };
const AANDACHT = { id: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' };
const M1 = 'KS-2026-0005'; // triage yes at intake, by Alex (employee), De Zonnebloem
const M2 = 'KS-2026-0006'; // registered by Megan (location manager) at 't Eikeltje, flagged later
const SECRETS = ['Geheime', 'GEHEIM', 'sloeg'];
const OUTSIDE = Object.keys(ROLE_PEOPLE) as RoleKey[];

const COMMANDS = [
  'mijn',
  'open',
  'open zonnebloem',
  'open eikeltje',
  'open klacht',
  'termijnen 60',
  'te laat',
  'zoek zonnebloem',
  'zoek eikeltje',
  'zoek geheime',
  'zoek sloeg',
  `zoek ${M1}`,
  `zoek ${M2}`,
  `status ${M1}`,
  `status ${M2}`,
  'overzicht 2026',
  'overzicht 2026 11',
  'export 2026',
  'analyse 2026',
];

async function say(driver: BotDriver, person: { id: string; name: string }, text: string): Promise<string> {
  const replies = await driver.say(person, text);
  return replies.map((reply) => (reply.attachments?.length ? cardText(cardOf(reply)) : (reply.text ?? ''))).join('\n');
}

async function world(
  withMeldingen: boolean,
): Promise<{ driver: BotDriver; services: TestServices; meldingen: Signal[] }> {
  const services = await commandServices();
  await seed(services, [
    { sequence: 1, locationId: 'zonnebloem', receivedOn: '2026-09-01', by: ROLE_PEOPLE.employee },
    { sequence: 2, kind: 'question', locationId: 'vlinder', receivedOn: '2026-11-20', by: ROLE_PEOPLE.otherEmployee },
    {
      sequence: 3,
      locationId: 'eikeltje',
      receivedOn: '2026-11-20',
      by: ROLE_PEOPLE.locationManager,
      escalatedTo: ROLE_PEOPLE.manager,
    },
    {
      sequence: 4,
      kind: 'compliment',
      locationId: 'zonnebloem',
      receivedOn: '2026-11-18',
      by: ROLE_PEOPLE.employee,
      closedOn: '2026-11-21',
    },
  ]);
  const driver = new BotDriver(services);
  if (!withMeldingen) {
    services.clock.advance(60_000); // the same moment as the other world
    return { driver, services, meldingen: [] };
  }

  const registered = await driver.execute(ROLE_PEOPLE.employee, 'intake.submit', {
    intakeId: randomUUID(),
    ...validIntake({
      parentName: 'Geheime Ouder',
      description: 'GEHEIM-1: de juf sloeg een kind',
      reportingDuty: 'yes',
    }),
  });
  expect(cardText(registered.card)).toContain(`**${M1}** is doorgegeven aan de aandachtsfunctionaris en de houder`);
  expect(cardText(registered.card)).not.toContain('GEHEIM');

  const ordinary = await driver.execute(ROLE_PEOPLE.locationManager, 'intake.submit', {
    intakeId: randomUUID(),
    ...validIntake({
      locationId: 'eikeltje',
      parentName: 'Andere Geheime Ouder',
      description: 'GEHEIM-2: een invaller sloeg',
    }),
  });
  expect(cardText(ordinary.card)).toContain(M2);
  const m2 = (await services.store.getByReference(M2))!.value;
  const card = await driver.execute(ROLE_PEOPLE.locationManager, 'signal.open', { signalId: m2.id });
  expect(actionData(card.card, 'duty.flagConfirm')).toEqual({ signalId: m2.id });
  const confirm = await driver.execute(ROLE_PEOPLE.locationManager, 'duty.flagConfirm', { signalId: m2.id });
  // The location manager's own reads before the flag are told apart from any read after it.
  services.clock.advance(60_000);
  const flag = await driver.execute(ROLE_PEOPLE.locationManager, 'duty.flag', actionData(confirm.card, 'duty.flag')!);
  expect(cardText(flag.card)).toContain(`**${M2}** is doorgegeven`);
  const meldingen = [
    (await services.store.getByReference(M1))!.value,
    (await services.store.getByReference(M2))!.value,
  ];
  expect(meldingen.map((signal) => signal.reportingDuty?.via)).toEqual(['intake', 'later']);
  return { driver, services, meldingen };
}

describe('meldplicht: nothing of a melding reaches anyone outside the route', () => {
  let plain: { driver: BotDriver; services: TestServices };
  let withMeldingen: Awaited<ReturnType<typeof world>>;

  beforeAll(async () => {
    plain = await world(false);
    withMeldingen = await world(true);
  });

  describe.each(OUTSIDE)('%s', (role) => {
    const person = ROLE_PEOPLE[role];

    it.each(COMMANDS)('"%s" answers as if there were no melding', async (command) => {
      const registrant =
        (role === 'employee' && command === `status ${M1}`) ||
        (role === 'locationManager' && command === `status ${M2}`);
      const answer = await say(withMeldingen.driver, person, command);
      // A search echoes its words; there the comparison below is the check.
      if (!command.startsWith('zoek')) for (const secret of SECRETS) expect(answer).not.toContain(secret);
      if (registrant) {
        // Who registered it learns only that it was passed on.
        expect(answer).toContain('is doorgegeven aan de aandachtsfunctionaris en de houder');
        return;
      }
      expect(answer).toBe(await say(plain.driver, person, command));
    });

    it('help meldplicht: the explanation, without figures', async () => {
      const answer = await say(withMeldingen.driver, person, 'help meldplicht');
      expect(answer).toContain('meld-, overleg- en aangifteplicht');
      expect(answer).toContain('0900-111 3 111');
      expect(answer).not.toContain('Jaarcijfers');
    });

    it('every card verb on a melding reveals nothing and changes nothing', async () => {
      for (const melding of withMeldingen.meldingen) {
        const before = await withMeldingen.services.store.get(melding.id);
        const verbs: [string, Record<string, unknown>][] = [
          ['signal.open', {}],
          ['signal.refresh', {}],
          ['signal.form', { move: 'handle' }],
          ['signal.move', { move: 'handle', formId: randomUUID(), summary: 'x', satisfaction: 'satisfied' }],
          ['duty.open', {}],
          ['duty.form', { move: 'consult' }],
          [
            'duty.move',
            {
              move: 'consult',
              formId: randomUUID(),
              on: '2026-11-25',
              time: '09:00',
              inspector: 'X',
              advice: 'Y',
              offence: 'violence',
            },
          ],
          ['duty.flagConfirm', {}],
          ['duty.flag', { formId: randomUUID() }],
          ['privacy.export', {}],
          ['privacy.eraseConfirm', {}],
          ['planning.offer', {}],
        ];
        for (const [verb, data] of verbs) {
          const result: InvokeResult = await withMeldingen.driver.execute(person, verb, {
            signalId: melding.id,
            ...data,
          });
          const text = `${cardText(result.card)}\n${result.message ?? ''}`;
          expect(referencesIn(text)).toEqual([]);
          for (const secret of SECRETS) expect(text).not.toContain(secret);
        }
        expect((await withMeldingen.services.store.get(melding.id))!.etag).toBe(before!.etag);
      }
    });
  });

  it('the export leaves meldingen out, also for staf kwaliteit', async () => {
    const quality = await personOf(withMeldingen.services, 'quality');
    const deps = {
      store: withMeldingen.services.store,
      directory: withMeldingen.services.directory,
      clock: withMeldingen.services.clock,
    };
    const outcome = await buildExport(deps, quality, 2026);
    if (outcome.kind !== 'file') throw new Error('no export');
    expect(outcome.signals.map((signal) => signal.reference).sort()).toEqual([
      'KS-2026-0001',
      'KS-2026-0002',
      'KS-2026-0003',
      'KS-2026-0004',
    ]);
  });

  it('the yearly analysis (GGD and parent committees) holds the figures of a world without meldingen', async () => {
    const asOf = withMeldingen.services.clock.now();
    expect(await computeYearFigures(withMeldingen.services.store, 2026, asOf)).toEqual(
      await computeYearFigures(plain.services.store, 2026, asOf),
    );
  });

  it('the access log: nobody outside the route read a melding (the flag itself is recorded as an act)', async () => {
    for (const melding of withMeldingen.meldingen) {
      const entries = await withMeldingen.services.accessLog.list({ signalId: melding.id });
      const flaggedAt = melding.reportingDuty!.flaggedAt;
      const outside = entries.filter(
        (entry) => ![HOUDER.id, AANDACHT.id].includes(entry.personId) && entry.at >= flaggedAt,
      );
      expect(outside.filter((entry) => entry.action !== 'act')).toEqual([]);
      expect(outside.map((entry) => entry.personId)).toEqual(
        melding.reference === M2 ? [ROLE_PEOPLE.locationManager.id] : [],
      );
    }
  });
});

describe('meldplicht: the route sees it, records the steps with their times, and every read is logged', () => {
  it('houder and aandachtsfunctionaris', async () => {
    const { driver, services, meldingen } = await world(true);
    const [m1] = meldingen as [Signal, Signal];
    expect(m1.owner).toEqual(HOUDER);

    for (const person of [HOUDER, AANDACHT]) {
      expect(referencesIn(await say(driver, person, 'open'))).toEqual(expect.arrayContaining([M1, M2]));
      expect(referencesIn(await say(driver, person, 'zoek geheime'))).toEqual([M1, M2]);
      const status = await say(driver, person, `status ${M1}`);
      expect(status).toContain('Geheime Ouder');
      expect(status).toContain('Meldplicht openen');
      expect(await say(driver, person, 'overzicht 2026')).toMatch(/Signalen\n6\b/);
      expect(await say(driver, person, 'help meldplicht')).toContain('Meldingen: 2');
    }

    // The steps, with their times, on the melding's own card.
    const open = await driver.execute(HOUDER, 'duty.open', { signalId: m1.id });
    const shown = cardText(open.card);
    expect(shown).toContain(`Meldplicht · ${M1}`);
    expect(shown).toContain('Vertrouwensinspecteurs Inspectie van het Onderwijs');
    expect(shown).toContain('Overleg uiterlijk');
    expect(shown).toContain('Overleg uiterlijk\ndo 26 nov 2026 23:59 · op tijd'); // flagged Wednesday 10:00

    const step = async (move: string, values: Record<string, string>) => {
      const form = await driver.execute(HOUDER, 'duty.form', { signalId: m1.id, move });
      const submit = actionData(form.card, 'duty.move')!;
      return driver.execute(HOUDER, 'duty.move', { ...submit, ...values });
    };
    const wrong = await step('consult', {
      on: '2026-11-25',
      time: '9 uur',
      inspector: 'Mw. Jansen',
      offence: 'violence',
      advice: 'Aangifte doen',
    });
    expect(cardText(wrong.card)).toContain('Niet alles is goed ingevuld');
    expect(cardText(wrong.card)).toContain('Mw. Jansen'); // what was typed stays
    await step('consult', {
      on: '2026-11-25',
      time: '09:40',
      inspector: 'Mw. Jansen',
      offence: 'violence',
      advice: 'Aangifte doen',
    });
    await step('conclude', { reasonableSuspicion: 'yes', explanation: 'Redelijk vermoeden na overleg' });
    const reported = await step('reportToPolice', { on: '2026-11-25', time: '11:15', by: 'Patti Fernandez, houder' });
    const after = cardText(reported.card);
    expect(after).toContain('Aangifte politie: opgeslagen.');
    expect(after).toContain('25 november 2026 09:40');
    expect(after).toContain('25 november 2026 11:15');
    const stored = (await services.store.get(m1.id))!.value.reportingDuty!;
    expect(stored.consultation).toMatchObject({
      on: '2026-11-25',
      time: '09:40',
      inspector: 'Mw. Jansen',
      recordedBy: HOUDER,
    });
    expect(stored.policeReport).toMatchObject({ on: '2026-11-25', time: '11:15', by: 'Patti Fernandez, houder' });

    const log = await services.accessLog.list({ signalId: m1.id });
    // Shown in a list or search ('open', 'zoek') is logged too, per person.
    for (const person of [HOUDER, AANDACHT]) {
      expect(log.filter((entry) => entry.personId === person.id && entry.action === 'list')).toHaveLength(2);
    }
    expect(
      log.filter((entry) => entry.personId === HOUDER.id && entry.action === 'view').length,
    ).toBeGreaterThanOrEqual(4);
    expect(log.filter((entry) => entry.personId === HOUDER.id && entry.action === 'act')).toHaveLength(3);
    expect(log.some((entry) => entry.personId === AANDACHT.id && entry.action === 'view')).toBe(true);
  });
});

describe('meldplicht: in a group chat or channel even the route sees nothing of a melding', () => {
  it.each(['groupChat', 'channel'] as const)('%s', async (kind) => {
    const { driver } = await world(true);
    for (const person of [HOUDER, AANDACHT]) {
      for (const command of ['open', 'te laat', 'termijnen 60', `zoek ${M1}`, 'overzicht 2026']) {
        const shown = (await sayIn(driver, CONVERSATIONS[kind], person, command)).replace(
          /Zoekresultaat voor "[^"]*"/,
          '',
        );
        expect(referencesIn(shown).filter((reference) => [M1, M2].includes(reference))).toEqual([]);
      }
      expect(await sayIn(driver, CONVERSATIONS[kind], person, `status ${M1}`)).toContain(`Ik kan geen signaal ${M1}`);
      expect(await sayIn(driver, CONVERSATIONS[kind], person, 'overzicht 2026')).toMatch(/Signalen\n4\b/);
    }
  });
});
