/**
 * Role × command/verb matrix: every role, every command of commands.json (and `rol`), and every
 * card verb, through the real bot on TestAdapter, asserting what each role is allowed or denied.
 */
import { randomUUID } from 'node:crypto';
import { COMMAND_SPECS } from '../../bot/commands/catalog';
import { VERBS } from '../../bot/verbs';
import { SqliteAnalysisStore } from '../../src/adapters/sqlite/sqlite-analysis-store';
import { computeYearFigures, type AnnualAnalysisDeps } from '../../src/app/annual-analysis';
import {
  DEFAULT_ANALYSIS_SETTINGS,
  addMeasure,
  draftAnalysis,
  reviewAnalysis,
} from '../../src/domain/analysis-workflow';
import type { Signal } from '../../src/domain/signal';
import { BotDriver, cardOf, cardText } from '../support/test-adapter';
import { validIntake } from '../support/services';
import { commandServices, referencesIn, ROLE_PEOPLE, seed, type RoleKey, type TestServices } from './fixtures';
import { REPORT_CONTENT } from '../analysis/report-content';

const A = 'KS-2026-0001'; // complaint, De Zonnebloem, by Alex, overdue (6 weeks passed)
const B = 'KS-2026-0002'; // question, De Vlinder, by Lynne, answer due within 7 days
const C = 'KS-2026-0003'; // complaint, 't Eikeltje, by Megan, escalated to manager Mona
const D = 'KS-2026-0004'; // compliment, De Zonnebloem, by Alex, closed

const ALL = [A, B, C, D];
/** What each role may see: the heart of the matrix; everything else follows from it and the data. */
const VISIBLE: Record<RoleKey, string[]> = {
  employee: [A, D],
  otherEmployee: [B],
  locationManager: [A, C, D],
  manager: [B, C],
  quality: ALL,
  mt: ALL,
  admin: ALL,
};
/** May act (process moves) on A. */
const ACTS_ON_A: Record<RoleKey, boolean> = {
  employee: true,
  otherEmployee: false,
  locationManager: true,
  manager: false,
  quality: true,
  mt: false,
  admin: false,
};
const SEES_PERSONAL_DATA_OF_A = ACTS_ON_A;
const MINE: Record<RoleKey, string[]> = {
  employee: [A],
  otherEmployee: [B],
  locationManager: [C],
  manager: [C],
  quality: [],
  mt: [],
  admin: [],
};
const ROLES = Object.keys(VISIBLE) as RoleKey[];
const NOW = new Date('2026-11-25T10:00:00+01:00');
const IN_7_DAYS = '2026-12-02T22:59:59.999Z';

const HIDDEN = 'Ik kan geen signaal';
const NOT_ALLOWED = 'hoort niet bij jouw rol';

async function scenario(): Promise<{ driver: BotDriver; services: TestServices; signals: Signal[] }> {
  const services = await commandServices();
  const signals = await seed(services, [
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
  return { driver: new BotDriver(services), services, signals };
}

function only(refs: string[], keep: (signal: Signal) => boolean, signals: Signal[]): string[] {
  return signals
    .filter((signal) => refs.includes(signal.reference) && keep(signal))
    .map((s) => s.reference)
    .sort();
}

const isOpen = (signal: Signal) => signal.status === 'open';
const isOverdue = (signal: Signal) =>
  isOpen(signal) && signal.nextDeadline !== null && signal.nextDeadline < NOW.toISOString();
const isDueIn7 = (signal: Signal) =>
  isOpen(signal) &&
  signal.nextDeadline !== null &&
  signal.nextDeadline >= NOW.toISOString() &&
  signal.nextDeadline <= IN_7_DAYS;

async function say(driver: BotDriver, role: RoleKey, text: string): Promise<string> {
  const replies = await driver.say(ROLE_PEOPLE[role], text);
  return replies.map((reply) => (reply.attachments?.length ? cardText(cardOf(reply)) : (reply.text ?? ''))).join('\n');
}

describe('role × command matrix', () => {
  let driver: BotDriver;
  let signals: Signal[];

  beforeAll(async () => {
    ({ driver, signals } = await scenario());
    // The data is what the expectations assume.
    expect(only(ALL, isOverdue, signals)).toEqual([A]);
    expect(only(ALL, isDueIn7, signals)).toEqual([B]);
  });

  it('covers every command in commands.json plus the demo role switch', () => {
    expect(COMMAND_SPECS.map((spec) => spec.id).sort()).toEqual(
      [
        'analysis',
        'deadlines',
        'export',
        'help',
        'mine',
        'new',
        'open',
        'overdue',
        'search',
        'status',
        'summary',
      ].sort(),
    );
  });

  describe.each(ROLES)('%s', (role) => {
    const visible = VISIBLE[role];

    it('help: allowed', async () => {
      expect(await say(driver, role, 'help')).toContain('Nieuw signaal registreren');
    });

    it('nieuw: allowed (everyone registers)', async () => {
      const [reply] = await driver.say(ROLE_PEOPLE[role], 'nieuw');
      expect(cardText(cardOf(reply))).toContain('Nieuw signaal registreren');
    });

    it('mijn: only own open signals', async () => {
      expect(referencesIn(await say(driver, role, 'mijn'))).toEqual(MINE[role]);
    });

    it.each(ALL)('status %s: allowed only when visible, same answer otherwise', async (reference) => {
      const text = await say(driver, role, `status ${reference.toLowerCase()}`);
      if (visible.includes(reference)) {
        expect(text).toContain(reference);
        expect(text).not.toContain(HIDDEN);
      } else {
        expect(text).toBe(
          `Ik kan geen signaal ${reference} voor je tonen. Controleer de referentie, of vraag de eigenaar van het signaal.`,
        );
      }
    });

    it('status of a reference that does not exist: the same answer as not allowed', async () => {
      expect(await say(driver, role, 'status KS-2026-0999')).toContain(HIDDEN);
    });

    it('status: personal data (parent and description) only for roles that may see it', async () => {
      const text = await say(driver, role, `status ${A}`);
      // A's description, as fixtures.ts seeds it; the parent's e-mail likewise.
      const personal = ['Sanne de Vries', 'ouder@example.nl', 'Omschrijving 1'];
      if (!visible.includes(A)) return expect(text).not.toContain('Sanne');
      for (const value of personal) {
        if (SEES_PERSONAL_DATA_OF_A[role]) expect(text).toContain(value);
        else expect(text).not.toContain(value);
      }
      if (!SEES_PERSONAL_DATA_OF_A[role]) expect(text).toContain('zijn niet zichtbaar voor jouw rol.');
    });

    it('open: visible open signals', async () => {
      expect(referencesIn(await say(driver, role, 'open'))).toEqual(only(visible, isOpen, signals));
    });

    it('open zonnebloem klacht: filtered', async () => {
      const expected = only(
        visible,
        (s) => isOpen(s) && s.locationId === 'zonnebloem' && s.kind === 'complaint',
        signals,
      );
      expect(referencesIn(await say(driver, role, 'open zonnebloem klacht'))).toEqual(expected);
    });

    it('termijnen: deadlines within 7 days', async () => {
      expect(referencesIn(await say(driver, role, 'termijnen'))).toEqual(only(visible, isDueIn7, signals));
    });

    it('te laat / overdue: overdue signals', async () => {
      const expected = only(visible, isOverdue, signals);
      expect(referencesIn(await say(driver, role, 'te laat'))).toEqual(expected);
      expect(referencesIn(await say(driver, role, 'overdue'))).toEqual(expected);
    });

    it('zoek zonnebloem: by location name, within what is visible', async () => {
      const expected = only(visible, (s) => s.locationId === 'zonnebloem', signals);
      expect(referencesIn(await say(driver, role, 'zoek zonnebloem'))).toEqual(expected);
    });

    it('zoek <parent name>: only where personal data may be seen', async () => {
      const found = referencesIn(await say(driver, role, 'zoek sanne'));
      if (role === 'mt' || role === 'admin') expect(found).toEqual([]);
      else expect(found).toEqual(visible);
    });

    it('overzicht 2026: counts only what is visible', async () => {
      const text = await say(driver, role, 'overzicht 2026');
      expect(text).toContain('Overzicht 2026');
      expect(text).toMatch(new RegExp(`Signalen\\n${visible.length}\\b`));
    });

    it('export: quality only', async () => {
      const replies = await driver.say(ROLE_PEOPLE[role], 'export 2026');
      const consent = replies[0]?.attachments?.[0];
      if (role === 'quality') {
        expect(consent?.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
      } else {
        expect(cardText(cardOf(replies[0]))).toContain(NOT_ALLOWED);
      }
    });

    it('analyse: quality makes it, the MT opens it to adopt; everyone else is refused', async () => {
      const text = await say(driver, role, 'analyse 2026');
      if (role === 'quality' || role === 'mt') expect(text).not.toContain(NOT_ALLOWED);
      else expect(text).toContain(NOT_ALLOWED);
    });

    it('rol: refused without demo mode', async () => {
      expect(await say(driver, role, 'rol staf')).toContain('alleen in de demo-omgeving');
    });
  });
});

describe('role × card verb matrix', () => {
  it('lists every verb the bot answers, so a new verb must be added here', () => {
    expect(VERBS.map((verb) => verb.verb).sort()).toEqual(
      [
        'analysis.adopt',
        'analysis.audience',
        'analysis.comment',
        'analysis.form',
        'analysis.ggdMail',
        'analysis.informed',
        'analysis.measure.add',
        'analysis.measure.status',
        'analysis.measuresSummary',
        'analysis.refresh',
        'analysis.reminder.measure',
        'analysis.sentToGgd',
        'analysis.submit',
        'duty.flag',
        'duty.flagConfirm',
        'duty.form',
        'duty.move',
        'duty.open',
        'help.show',
        'intake.open',
        'intake.submit',
        'list.more',
        'planning.offer',
        'planning.pick',
        'privacy.erase',
        'privacy.eraseConfirm',
        'privacy.export',
        'signal.form',
        'signal.move',
        'signal.open',
        'signal.refresh',
      ].sort(),
    );
  });

  describe.each(ROLES)('%s', (role) => {
    let driver: BotDriver;
    let signals: Signal[];
    const person = ROLE_PEOPLE[role];
    const visible = VISIBLE[role];

    beforeEach(async () => {
      ({ driver, signals } = await scenario());
    });

    const idOf = (reference: string) => signals.find((signal) => signal.reference === reference)!.id;

    it('help.show and intake.open: allowed', async () => {
      expect(cardText((await driver.execute(person, 'help.show', {})).card)).toContain('Wat kan Klantsignaal?');
      expect(cardText((await driver.execute(person, 'intake.open', {})).card)).toContain('Nieuw signaal registreren');
    });

    it('intake.submit: allowed (everyone registers)', async () => {
      const result = await driver.execute(person, 'intake.submit', { intakeId: randomUUID(), ...validIntake() });
      expect(cardText(result.card)).toContain('KS-2026-');
    });

    it.each(['signal.open', 'signal.refresh', 'signal.form'])(
      '%s on each signal: allowed only when visible',
      async (verb) => {
        for (const reference of ALL) {
          const data = { signalId: idOf(reference), ...(verb === 'signal.form' ? { move: 'handle' } : {}) };
          const text = cardText((await driver.execute(person, verb, data)).card);
          if (visible.includes(reference)) expect(text).toContain(reference);
          else expect(text).toContain('kan ik niet tonen');
        }
      },
    );

    it('signal.open on A: the description only for roles that may see personal data', async () => {
      const text = cardText((await driver.execute(person, 'signal.open', { signalId: idOf(A) })).card);
      if (!visible.includes(A)) return expect(text).toContain('kan ik niet tonen');
      if (SEES_PERSONAL_DATA_OF_A[role]) expect(text).toContain('Omschrijving 1');
      else expect(text).not.toContain('Omschrijving 1');
    });

    it.each(['privacy.export', 'privacy.eraseConfirm'])('%s: quality only', async (verb) => {
      const text = cardText((await driver.execute(person, verb, { signalId: idOf(A) })).card);
      if (role === 'quality') expect(text).not.toContain('Alleen staf kwaliteit');
      else expect(text).toContain('Alleen staf kwaliteit');
    });

    it('signal.move (handle) on A: allowed only for who may act', async () => {
      const result = await driver.execute(person, 'signal.move', {
        signalId: idOf(A),
        move: 'handle',
        formId: randomUUID(),
        summary: 'Gebeld met de ouder',
        satisfaction: 'satisfied',
      });
      const stored = await driver.services.store.getByReference(A);
      if (ACTS_ON_A[role]) {
        expect(stored?.value.handling?.summary).toBe('Gebeld met de ouder');
      } else {
        expect(cardText(result.card)).toContain('kan ik niet tonen');
        expect(stored?.value.handling).toBeUndefined();
      }
    });

    it.each(['planning.offer', 'planning.pick'])('%s on A: reveals nothing to who may not act', async (verb) => {
      // Without outbound services (not wired in these tests) planning answers "not configured" to all;
      // what is asserted here is that nobody who may not act on A learns anything about it.
      const result = await driver.execute(person, verb, {
        signalId: idOf(A),
        slotStart: '2026-11-30T10:00:00+01:00',
        pickId: randomUUID(),
      });
      const text = cardText(result.card);
      if (!ACTS_ON_A[role]) {
        expect(text).not.toContain(A);
        expect(text).not.toContain('Sanne');
      }
      expect(result.status).toBe(200);
    });

    it('list.more: the clicker sees only their own part, whatever the card carried', async () => {
      const result = await driver.execute(person, 'list.more', {
        query: JSON.stringify({ kind: 'open' }),
        continuation: 'forged-or-stale-token',
      });
      expect(referencesIn(cardText(result.card))).toEqual(only(visible, isOpen, signals));
    });
  });
});

describe('analysis.reminder.measure: the owner of the action, staf kw and the MT', () => {
  const MAY_UPDATE: Record<RoleKey, boolean> = {
    employee: false,
    otherEmployee: false,
    locationManager: true, // the action's owner
    manager: false,
    quality: true,
    mt: true,
    admin: false,
  };

  it.each(ROLES)('%s', async (role) => {
    const services = await commandServices();
    const analyses = new SqliteAnalysisStore(':memory:');
    await analyses.init();
    const deps: AnnualAnalysisDeps = {
      signals: services.store,
      analyses,
      clock: services.clock,
      settings: DEFAULT_ANALYSIS_SETTINGS,
      reportContent: () => REPORT_CONTENT,
      documents: { render: () => Promise.reject(new Error('not rendered in this test')) },
    };
    const quality = { ...ROLE_PEOPLE.quality, roles: ['quality'] as const };
    const mt = { ...ROLE_PEOPLE.mt, roles: ['mt'] as const };
    const at = new Date('2026-03-01T10:00:00Z');
    let result = draftAnalysis(
      {
        figures: await computeYearFigures(services.store, 2025, at),
        settings: { ...DEFAULT_ANALYSIS_SETTINGS, requiredAdoptions: 1 },
        content: REPORT_CONTENT,
      },
      quality,
      at,
    );
    if (result.ok) result = reviewAnalysis(result.analysis, { verdict: 'adopt' }, mt, at);
    if (result.ok) {
      result = addMeasure(
        result.analysis,
        { id: 'm1', description: 'Folder vernieuwen', owner: ROLE_PEOPLE.locationManager, deadline: '2026-12-01' },
        mt,
        at,
      );
    }
    if (!result.ok) throw new Error(result.error);
    await analyses.save(result.analysis);

    const driver = new BotDriver({ ...services, analysis: deps });
    const answer = await driver.execute(ROLE_PEOPLE[role], 'analysis.reminder.measure', {
      year: 2025,
      measureId: 'm1',
      status: 'inProgress',
    });
    const status = (await analyses.get(2025))!.value.measures[0]!.status;
    if (MAY_UPDATE[role]) {
      expect(cardText(answer.card)).toContain('staat nu op bezig');
      expect(status).toBe('inProgress');
    } else {
      expect(cardText(answer.card)).toContain(NOT_ALLOWED);
      expect(status).toBe('planned');
    }
  });
});

describe('a person the directory does not know', () => {
  const stranger = { id: 'ffffffff-0000-0000-0000-000000000000', name: 'Onbekend' };

  it.each(['mijn', `status ${A}`, 'open', 'termijnen', 'te laat', 'zoek zonnebloem', 'overzicht', 'export', 'analyse'])(
    '%s: denied politely',
    async (text) => {
      const { driver } = await scenario();
      const [reply] = await driver.say(stranger, text);
      const shown = cardText(cardOf(reply));
      expect(shown).toContain('nog niet bekend');
      expect(shown).not.toMatch(/KS-2026-000[1-4]/);
    },
  );

  it('list.more: denied', async () => {
    const { driver } = await scenario();
    const result = await driver.execute(stranger, 'list.more', { query: '{"kind":"open"}', continuation: 'x' });
    // Answered with a message response (the card stays as it was), no longer with a card.
    expect(result.message).toContain('nog niet bekend');
    expect(result.card).toEqual({});
  });
});
