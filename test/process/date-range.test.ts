/**
 * Dates entered for something still to come (a measure's deadline, the committee's obligations, the
 * planned conversation) must lie between the signal's receipt and five years ahead: a browser date
 * field where someone typed "26" as the year sends 0026-05-01, which the reminder calendar cannot
 * compute. The form refuses it in Dutch and keeps what was typed; the domain refuses it as well.
 */
import { randomUUID } from 'node:crypto';
import { parseMoveForm } from '../../src/app/move-forms';
import { measureDeadlineProblem } from '../../src/domain/analysis-workflow';
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import {
  conversationPlanned,
  disputeRuling,
  escalateToOrganisation,
  fileDispute,
  isPlausibleFutureDate,
  MAX_YEARS_AHEAD,
  recordDecision,
  type RecordDecisionInput,
} from '../../src/domain/process';
import { registerSignal } from '../../src/domain/register';
import type { PersonRef, Signal } from '../../src/domain/signal';
import { actionData, BotDriver, cardText, findInput } from '../support/test-adapter';
import { PEOPLE, testServices, validIntake } from '../support/services';

const manager: PersonRef = { id: 'mgr', name: 'Mira' };
let events = 0;
const ctx = (iso: string) => ({ actor: manager, at: new Date(iso), eventId: `e${(events += 1)}` });
const NOW = '2026-03-10T12:00:00Z';

function complaint(): Signal {
  return registerSignal(
    {
      id: 'sig',
      reference: 'KS-2026-0001',
      by: manager,
      at: new Date('2026-03-02T09:00:00Z'),
      input: {
        kind: 'complaint',
        locationId: 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn: '2026-03-02',
        parentName: 'Ouder',
        parentEmail: 'ouder@example.nl',
        parentPhone: undefined,
        contactPreference: 'meeting',
        description: 'x',
        parentWish: 'y',
      },
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
}

const decision = (deadline: string): RecordDecisionInput => ({
  text: 'Besluit',
  measures: [{ description: 'Scholing', deadline }],
  sentOn: '2026-03-10',
  tenor: 'founded',
  sentVia: 'email',
});

describe('the domain refuses a date for something to come outside its range', () => {
  test.each([
    ['0026-05-01', false], // "26" typed as the year
    ['2026-03-01', false], // before the signal was received
    ['2026-03-02', true], // the day of receipt
    [`${2026 + MAX_YEARS_AHEAD}-03-10`, true], // five years from today
    [`${2026 + MAX_YEARS_AHEAD}-03-11`, false],
    ['2260-05-01', false],
  ])('measure deadline %s: accepted %s', (deadline, accepted) => {
    const result = recordDecision(complaint(), decision(deadline), ctx(NOW));
    if (accepted) expect(result.ok).toBe(true);
    else expect(result).toMatchObject({ ok: false, error: 'invalidInput', field: 'measures.0.deadline' });
  });

  test('the obligations of a ruling and a planned conversation follow the same range', () => {
    const escalated = escalateToOrganisation(complaint(), { manager }, ctx('2026-03-03T10:00:00Z'));
    if (!escalated.ok) throw new Error(escalated.error);
    expect(conversationPlanned(escalated.signal, { plannedFor: '0026-03-12T09:00:00Z' }, ctx(NOW))).toMatchObject({
      field: 'plannedFor',
    });
    expect(conversationPlanned(escalated.signal, { plannedFor: '2026-03-12T09:00:00Z' }, ctx(NOW)).ok).toBe(true);
    const filed = fileDispute(complaint(), { filedOn: '2026-03-09', caseNumber: 'GC-1' }, ctx(NOW));
    if (!filed.ok) throw new Error(filed.error);
    const ruling = (obligationsDeadline: string) =>
      disputeRuling(filed.signal, { ruling: 'founded', obligations: 'Scholing', obligationsDeadline }, ctx(NOW));
    expect(ruling('0026-09-01')).toMatchObject({ field: 'obligationsDeadline' });
    expect(ruling('2026-09-01').ok).toBe(true);
  });
});

describe('the move form', () => {
  test('refuses an out-of-range date per field, before the domain sees it', () => {
    const organisation = { people: [], locations: [], themes: [] } as never;
    const form = parseMoveForm(
      'recordDecision',
      {
        text: 'Besluit',
        measure1: 'Scholing',
        measure1Deadline: '0026-05-01',
        measure2: 'Overdracht',
        measure2Deadline: '2026-05-01',
        measure3: 'Folder',
        measure3Deadline: '2040-05-01',
        sentOn: '2026-03-10',
        tenor: 'founded',
        sentVia: 'email',
      },
      complaint(),
      organisation,
      new Date(NOW),
    );
    expect(form).toEqual({
      ok: false,
      errors: { measure1Deadline: 'dateOutOfRange', measure3Deadline: 'dateOutOfRange' },
    });
    const planned = parseMoveForm(
      'conversationPlanned',
      { plannedDate: '0026-03-12', plannedTime: '10:00' },
      complaint(),
      organisation,
      new Date(NOW),
    );
    expect(planned).toEqual({ ok: false, errors: { plannedDate: 'dateOutOfRange' } });
  });

  test('on the card: a Dutch message at the field, and what was typed stays', async () => {
    const services = await testServices('2026-11-25T10:00:00+01:00');
    const driver = new BotDriver(services);
    const signalId = randomUUID();
    await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId: signalId, ...validIntake() });
    const form = await driver.execute(PEOPLE.manager, 'signal.form', { signalId, move: 'recordDecision' });
    const submit = actionData(form.card, 'signal.move');
    if (!submit) throw new Error(`no form: ${cardText(form.card)}`);
    const typed = {
      text: 'De klacht is gegrond.',
      measure1: 'Overdracht verlengen',
      measure1Deadline: '0026-05-01',
      sentOn: '2026-11-25',
      tenor: 'founded',
      sentVia: 'email',
    };
    const result = await driver.execute(PEOPLE.manager, 'signal.move', { ...submit, ...typed });
    const text = cardText(result.card);
    expect(text).toContain('Niet alles is goed ingevuld.');
    expect(text).toContain('Kies een datum vanaf de ontvangst van het signaal, niet meer dan 5 jaar vooruit.');
    expect(findInput(result.card, 'measure1Deadline')?.value).toBe('0026-05-01');
    expect(findInput(result.card, 'measure1')?.value).toBe('Overdracht verlengen');
    expect(findInput(result.card, 'text')?.value).toBe('De klacht is gegrond.');
    const stored = await services.store.get(signalId);
    expect(stored!.value.decision).toBeUndefined();
  });
});

describe('one date rule for signals and the yearly analysis', () => {
  test('isPlausibleFutureDate: from the earliest date given, up to MAX_YEARS_AHEAD after today', () => {
    expect(isPlausibleFutureDate('2025-03-10', '2025-03-10', '2026-03-10')).toBe(true);
    expect(isPlausibleFutureDate('2025-03-09', '2025-03-10', '2026-03-10')).toBe(false);
    expect(isPlausibleFutureDate(`${2026 + MAX_YEARS_AHEAD}-03-10`, '2025-03-10', '2026-03-10')).toBe(true);
    expect(isPlausibleFutureDate(`${2026 + MAX_YEARS_AHEAD}-03-11`, '2025-03-10', '2026-03-10')).toBe(false);
  });

  test.each([
    ['0027-05-01', 'dateOutOfRange'], // "27" typed as the year
    ['2025-03-09', 'dateOutOfRange'], // more than a year back
    ['2025-03-10', undefined], // an action already under way
    [`${2026 + MAX_YEARS_AHEAD}-03-10`, undefined],
    [`${2026 + MAX_YEARS_AHEAD}-03-11`, 'dateOutOfRange'],
    ['2027-02-30', 'invalidDate'],
    ['', 'invalidDate'],
  ])('an analysis measure deadline %s: %s', (deadline, problem) => {
    expect(measureDeadlineProblem(deadline, new Date(NOW))).toBe(problem);
  });

  test('the Dutch range messages follow MAX_YEARS_AHEAD', async () => {
    await jest.isolateModulesAsync(async () => {
      jest.doMock('../../src/domain/process', () => ({
        ...jest.requireActual('../../src/domain/process'),
        MAX_YEARS_AHEAD: 3,
      }));
      const { nlSignal } = await import('../../src/i18n/nl-signal');
      const { nlAnalysis } = await import('../../src/i18n/nl-analysis');
      expect(nlSignal.fieldErrors.dateOutOfRange).toBe(
        'Kies een datum vanaf de ontvangst van het signaal, niet meer dan 3 jaar vooruit.',
      );
      expect(nlAnalysis.card.deadlineErrors.dateOutOfRange).toBe(
        'Kies een datum vanaf 1 jaar geleden, niet meer dan 3 jaar vooruit.',
      );
    });
    jest.dontMock('../../src/domain/process');
  });
});
