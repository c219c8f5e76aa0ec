import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import {
  close,
  confirmationSent,
  conversationHeld,
  conversationPlanned,
  escalateToOrganisation,
  handle,
  recordDecision,
} from '../../src/domain/process';
import { registerSignal } from '../../src/domain/register';
import {
  DEFAULT_REMINDER_RULES,
  duePoints,
  lookaheadDays,
  reminderPoints,
  weeklyDueAt,
  workingDaysOfWeek,
} from '../../src/domain/reminders';
import type { PersonRef, Signal, SignalKind } from '../../src/domain/signal';

const employee: PersonRef = { id: 'emp', name: 'Eva' };
const manager: PersonRef = { id: 'mgr', name: 'Mira' };
const supporter: PersonRef = { id: 'kw', name: 'Kees' };
let events = 0;
const at = (iso: string, actor: PersonRef = manager) => ({ actor, at: new Date(iso), eventId: `e${(events += 1)}` });
const ok = (result: { ok: boolean; signal?: Signal; error?: string }): Signal => {
  if (!result.ok || !result.signal) throw new Error(`refused: ${result.error}`);
  return result.signal;
};

function complaint(
  receivedOn = '2026-03-02',
  kind: SignalKind = 'complaint',
  registeredAt = `${receivedOn}T09:00:00+01:00`,
): Signal {
  return registerSignal(
    {
      id: 'sig',
      reference: 'KS-2026-0001',
      by: employee,
      at: new Date(registeredAt),
      input: {
        kind,
        locationId: 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn,
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

const summary = (signal: Signal) => reminderPoints(signal).map((point) => `${point.dueAt} ${point.id}`);

describe('reminder rules', () => {
  test('a new complaint: 10, 5 and 2 working days before the 6-week limit (Easter Monday skipped), then missed', () => {
    // settleBy = 13 April 2026; Easter Monday 6 April is no working day, Good Friday 3 April is.
    expect(summary(complaint())).toEqual([
      '2026-03-27T07:00:00.000Z sig:settleBy:2026-04-13:-10wd',
      '2026-04-03T06:00:00.000Z sig:settleBy:2026-04-13:-5wd',
      '2026-04-09T06:00:00.000Z sig:settleBy:2026-04-13:-2wd',
      '2026-04-14T06:00:00.000Z sig:settleBy:2026-04-13:missed',
    ]);
    const missed = reminderPoints(complaint()).at(-1)!;
    expect(missed.recipients).toEqual([
      { type: 'person', person: employee, audience: 'owner' },
      { type: 'role', role: 'manager', locationId: 'zonnebloem', audience: 'escalationManager' },
      { type: 'role', role: 'quality', audience: 'quality' },
    ]);
  });

  test('points at 08:00 Amsterdam on both sides of the DST change', () => {
    const points = reminderPoints(complaint());
    expect(points[0]!.dueAt).toBe('2026-03-27T07:00:00.000Z'); // CET
    expect(points[1]!.dueAt).toBe('2026-04-03T06:00:00.000Z'); // CEST
  });

  test('escalated on Thursday 10:00: confirmation reminder on Friday only, missed on Monday; conversation 3 working days before', () => {
    const escalated = ok(escalateToOrganisation(complaint(), { manager, supporter }, at('2026-03-05T10:00:00+01:00')));
    const ids = summary(escalated).filter((line) => !line.includes('settleBy'));
    expect(ids).toEqual([
      '2026-03-06T07:00:00.000Z sig:confirmBy:2026-03-08:week-last1',
      '2026-03-09T07:00:00.000Z sig:confirmBy:2026-03-08:missed',
      '2026-03-16T07:00:00.000Z sig:conversationBy:2026-03-19:-3wd',
      '2026-03-20T07:00:00.000Z sig:conversationBy:2026-03-19:missed',
    ]);
    const conversation = reminderPoints(escalated).find((point) =>
      point.id.endsWith('conversationBy:2026-03-19:-3wd'),
    )!;
    expect(
      conversation.recipients.map((recipient) => (recipient.type === 'person' ? recipient.person.id : recipient.role)),
    ).toEqual(['mgr', 'kw']);
  });

  test('escalated on Monday: Thursday and Friday; a holiday Friday moves them to Wednesday and Thursday', () => {
    const monday = ok(escalateToOrganisation(complaint(), { manager }, at('2026-03-02T10:00:00+01:00')));
    expect(
      reminderPoints(monday)
        .filter((point) => point.deadlineKind === 'confirmBy' && point.kind === 'upcoming')
        .map((point) => point.dueAt),
    ).toEqual(['2026-03-05T07:00:00.000Z', '2026-03-06T07:00:00.000Z']);
    // Week of Christmas 2026: Friday 25 December and 26 December are holidays.
    expect(workingDaysOfWeek('2026-12-21')).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24']);
    const christmas = ok(
      escalateToOrganisation(
        complaint('2026-12-21', 'complaint', '2026-12-21T09:00:00+01:00'),
        { manager },
        at('2026-12-21T10:00:00+01:00'),
      ),
    );
    expect(
      reminderPoints(christmas)
        .filter((point) => point.deadlineKind === 'confirmBy')
        .map((point) => `${point.dueAt} ${point.offsetLabel}`),
    ).toEqual([
      '2026-12-23T07:00:00.000Z week-last2',
      '2026-12-24T07:00:00.000Z week-last1',
      '2026-12-28T07:00:00.000Z missed',
    ]);
  });

  test('escalated on Friday afternoon: the last confirmation point still fires (catch-up), once', () => {
    const friday = ok(escalateToOrganisation(complaint(), { manager }, at('2026-03-06T15:00:00+01:00')));
    const confirm = reminderPoints(friday).filter((point) => point.deadlineKind === 'confirmBy');
    expect(confirm.map((point) => point.offsetLabel)).toEqual(['week-last1', 'missed']);
    expect(duePoints(friday, new Date('2026-03-06T15:00:00+01:00')).map((point) => point.offsetLabel)).toEqual([
      'week-last1',
    ]);
  });

  test('done deadlines stop reminding; a decision settles the legal clock; measures remind even after closing', () => {
    let signal = ok(escalateToOrganisation(complaint(), { manager }, at('2026-03-05T10:00:00+01:00')));
    signal = ok(
      conversationPlanned(signal, { plannedFor: '2026-03-12T10:00:00+01:00' }, at('2026-03-06T09:00:00+01:00')),
    );
    signal = ok(confirmationSent(signal, {}, at('2026-03-06T09:30:00+01:00')));
    expect(reminderPoints(signal).some((point) => point.deadlineKind === 'confirmBy')).toBe(false);
    signal = ok(conversationHeld(signal, {}, at('2026-03-12T11:00:00+01:00')));
    signal = ok(
      recordDecision(
        signal,
        {
          text: 'Besluit',
          measures: [{ description: 'Overdracht verlengen', deadline: '2026-04-10' }],
          sentOn: '2026-03-20',
          tenor: 'founded',
          sentVia: 'email',
        },
        at('2026-03-20T10:00:00+01:00'),
      ),
    );
    signal = ok(handle(signal, { summary: 'Afgehandeld', satisfaction: 'satisfied' }, at('2026-03-20T11:00:00+01:00')));
    signal = ok(close(signal, {}, at('2026-03-20T12:00:00+01:00')));
    expect(summary(signal)).toEqual([
      '2026-04-02T06:00:00.000Z sig:measure0:2026-04-10:-5wd', // Easter Monday skipped,
      '2026-04-10T06:00:00.000Z sig:measure0:2026-04-10:-0wd',
    ]);
  });

  test('other kinds: answerBy 2 working days before, until handled', () => {
    const question = complaint('2026-03-02', 'question');
    expect(summary(question)).toEqual([
      '2026-03-10T07:00:00.000Z sig:answerBy:2026-03-12:-2wd',
      '2026-03-13T07:00:00.000Z sig:answerBy:2026-03-12:missed',
    ]);
    const handled = ok(
      handle(question, { summary: 'Beantwoord', satisfaction: 'satisfied' }, at('2026-03-03T10:00:00+01:00', employee)),
    );
    expect(reminderPoints(handled)).toEqual([]);
  });

  test('identities are deterministic and unique', () => {
    const signal = ok(escalateToOrganisation(complaint(), { manager }, at('2026-03-02T10:00:00+01:00')));
    const first = reminderPoints(signal).map((point) => point.id);
    expect(reminderPoints(structuredClone(signal)).map((point) => point.id)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  test('lookahead covers the earliest advance point; weekly digest moment skips a holiday Monday', () => {
    expect(lookaheadDays(DEFAULT_REMINDER_RULES)).toBe(21);
    expect(weeklyDueAt(new Date('2026-03-04T12:00:00Z'), 1, 8)).toEqual({
      week: '2026-W10',
      dueAt: '2026-03-02T07:00:00.000Z',
    });
    // Easter Monday 6 April 2026: the digest comes on Tuesday.
    expect(weeklyDueAt(new Date('2026-04-08T12:00:00Z'), 1, 8)).toEqual({
      week: '2026-W15',
      dueAt: '2026-04-07T06:00:00.000Z',
    });
  });
});
