/**
 * The reminder rules skip what they cannot compute one deadline at a time, and send a measure's
 * reminder late only within MEASURE_LATE_WORKING_DAYS working days (src/domain/reminders.ts):
 * - a measure whose stored date the calendar refuses is left out on its own and listed in the plan's
 *   `unreadable` (index and date only); the signal's other measures and open deadlines still come;
 * - the same for one of the signal's own deadlines (a record written by an old client);
 * - after the late window the measure's last advance point is no longer due.
 */
import { trackSignalReminders } from '../../src/app/reminders';
import {
  DEFAULT_REMINDER_RULES,
  MEASURE_LATE_WORKING_DAYS,
  dueReminders,
  duePoints,
  reminderPlan,
  reminderPoints,
} from '../../src/domain/reminders';
import type { Signal } from '../../src/domain/signal';
import { makeSignal } from './support/signals';

const owner = { id: 'owner-1', name: 'Olga Eigenaar' };

/** A question (answerBy 12 March, not yet handled) with a decision recorded on 3 March. */
function decided(measures: { description: string; deadline: string }[], kind: Signal['kind'] = 'question'): Signal {
  const signal = makeSignal({
    id: 'sig',
    reference: 'KS-2026-0001',
    owner,
    kind,
    receivedOn: '2026-03-02',
    registeredAt: '2026-03-02T09:00:00Z',
  });
  return {
    ...signal,
    decision: {
      text: 'Besluit',
      measures,
      sentOn: '2026-03-03',
      tenor: 'founded',
      sentVia: 'email',
      decidedBy: owner,
      recordedAt: '2026-03-03T10:00:00Z',
    },
  };
}

const ids = (signal: Signal) => reminderPoints(signal).map((point) => point.id);

describe('a signal the rules cannot fully read', () => {
  test('an unreadable measure is left out on its own; the open deadline and the other measures stay', () => {
    const signal = decided([
      { description: 'Scholing', deadline: '2026-04-20' },
      { description: 'Folder', deadline: '0026-05-01' },
      { description: 'Gesprek', deadline: '2026-04-24' },
    ]);
    const plan = reminderPlan(signal);
    expect(plan.unreadable).toEqual([{ deadlineKind: 'measure', measureIndex: 1, storedDate: '0026-05-01' }]);
    expect(plan.points.map((point) => point.id)).toEqual([
      'sig:answerBy:2026-03-12:-2wd',
      'sig:answerBy:2026-03-12:missed',
      'sig:measure0:2026-04-20:-5wd',
      'sig:measure2:2026-04-24:-5wd',
      'sig:measure0:2026-04-20:-0wd',
      'sig:measure2:2026-04-24:-0wd',
    ]);
    // duePoints and the watch skip it as well, instead of throwing.
    expect(duePoints(signal, new Date('2026-03-10T07:00:00Z')).map((point) => point.id)).toEqual([
      'sig:answerBy:2026-03-12:-2wd',
    ]);
    expect(dueReminders(signal, new Date('2026-03-10T07:00:00Z')).unreadable).toHaveLength(1);
  });

  test.each([
    ['not a real date', '2026-02-30', '2026-02-30'],
    ['a date in another format', '01-05-2026', undefined],
    ['free text from an old client', 'Scholing volgen', undefined],
    ['missing', undefined, undefined],
  ])('a measure date that is %s is unreadable; only a date-like value is named', (_title, deadline, named) => {
    const plan = reminderPlan(decided([{ description: 'Scholing', deadline: deadline as string }]));
    expect(plan.unreadable).toEqual([
      { deadlineKind: 'measure', measureIndex: 0, ...(named === undefined ? {} : { storedDate: named }) },
    ]);
    expect(plan.points.map((point) => point.deadlineKind)).toEqual(['answerBy', 'answerBy']);
  });

  test("one of the signal's own deadlines unreadable: only its reminders are left out", () => {
    const complaint = makeSignal({
      id: 'sig',
      reference: 'KS-2026-0001',
      owner,
      receivedOn: '2026-03-02',
      registeredAt: '2026-03-02T09:00:00Z',
    });
    const escalatedAt = '2026-03-04T10:00:00Z';
    const odd: Signal = {
      ...complaint,
      deadlines: { ...complaint.deadlines, confirmBy: '2026-03-08T22:59:59.999Z', conversationBy: '0026-03-18' },
      escalation: {
        ...({} as NonNullable<Signal['escalation']>),
        escalatedAt,
        manager: owner,
        conversation: { mode: 'meeting' } as NonNullable<Signal['escalation']>['conversation'],
      },
    };
    const plan = reminderPlan(odd);
    expect(plan.unreadable).toEqual([{ deadlineKind: 'conversationBy', storedDate: '0026-03-18' }]);
    // The legal six-week deadline and the same-week confirmation are still reminded.
    expect(plan.points.map((point) => point.deadlineKind)).toEqual(
      expect.arrayContaining(['confirmBy', 'settleBy', 'settleBy', 'settleBy']),
    );
    expect(plan.points.filter((point) => point.deadlineKind === 'settleBy').map((point) => point.offsetLabel)).toEqual([
      '-10wd',
      '-5wd',
      '-2wd',
      'missed',
    ]);
  });

  test('trackSignalReminders watches the readable measures of such a signal instead of throwing', async () => {
    const watches: [string, string | null][] = [];
    const store = { setWatch: async (id: string, nextAt: string | null) => void watches.push([id, nextAt]) };
    const signal = decided([
      { description: 'Folder', deadline: '0026-05-01' },
      { description: 'Scholing', deadline: '2026-04-20' },
    ]);
    await trackSignalReminders(store, signal);
    expect(watches).toEqual([['sig', '2026-04-13T06:00:00.000Z']]); // measure 1, 5 working days before
  });
});

describe(`a measure reminder is sent late only within ${MEASURE_LATE_WORKING_DAYS} working days`, () => {
  // Monday 20 April 2026; five working days on, Koningsdag (Monday 27 April) skipped: Tuesday 28 April.
  const signal = decided([{ description: 'Scholing', deadline: '2026-04-20' }], 'complaint');
  const due = (iso: string) => duePoints(signal, new Date(iso), DEFAULT_REMINDER_RULES).map((point) => point.id);

  test.each([
    // Before the deadline every due point is listed; the ledger keeps the -5wd one from going twice.
    ['on the day, 08:00', '2026-04-20T06:00:00Z', ['sig:measure0:2026-04-20:-5wd', 'sig:measure0:2026-04-20:-0wd']],
    ['two days late', '2026-04-22T06:00:00Z', ['sig:measure0:2026-04-20:-0wd']],
    ['the last day of the window, 23:59 Amsterdam', '2026-04-28T21:59:00Z', ['sig:measure0:2026-04-20:-0wd']],
    ['the day after the window', '2026-04-29T06:00:00Z', []],
    ['months later (a first deployment)', '2026-09-01T06:00:00Z', []],
  ])('%s', (_title, now, expected) => {
    expect(due(now)).toEqual(expected);
  });

  test('the window is what it says: 5 working days', () => {
    expect(MEASURE_LATE_WORKING_DAYS).toBe(5);
    expect(ids(signal)).toEqual(['sig:measure0:2026-04-20:-5wd', 'sig:measure0:2026-04-20:-0wd']);
  });
});
