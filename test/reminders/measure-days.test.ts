/**
 * A measure's reminders fall on working days: "on the day" (-0wd) of a measure due on a weekend or a
 * Dutch public holiday goes out on the working day before, at the send hour in Amsterdam (so its UTC
 * instant follows summer and winter time); -5wd counts working days only.
 */
import { DEFAULT_REMINDER_RULES, reminderPoints } from '../../src/domain/reminders';
import type { Decision, Signal } from '../../src/domain/signal';
import { makeSignal } from './support/signals';

const owner = { id: 'owner-1', name: 'Olga Eigenaar' };

/** A complaint received early January 2027, decided with one measure due `deadline`. */
function decidedWith(deadline: string): Signal {
  const signal = makeSignal({
    id: 'signal-measure',
    reference: 'KS-2027-0007',
    owner,
    receivedOn: '2027-01-04',
    registeredAt: '2027-01-04T09:00:00Z',
  });
  const decision = {
    text: 'Gegrond; de overdracht wordt langer.',
    measures: [{ description: 'Overdrachtsprotocol aanpassen', deadline }],
    sentOn: '2027-01-20',
    sentVia: 'email',
    decidedBy: owner,
    recordedAt: '2027-01-20T10:00:00.000Z',
  } as Decision;
  return { ...signal, decision };
}

function measureDueAt(deadline: string): Record<string, string> {
  return Object.fromEntries(
    reminderPoints(decidedWith(deadline), DEFAULT_REMINDER_RULES)
      .filter((point) => point.deadlineKind === 'measure')
      .map((point) => [point.offsetLabel, point.dueAt]),
  );
}

describe('measure reminders on working days', () => {
  it('on an ordinary working day: that day at 08:00 Amsterdam, and five working days before', () => {
    // Wednesday 3 March 2027, winter time (UTC+1).
    expect(measureDueAt('2027-03-03')).toEqual({
      '-5wd': '2027-02-24T07:00:00.000Z',
      '-0wd': '2027-03-03T07:00:00.000Z',
    });
  });

  it.each([
    ["King's Day (Tuesday 27 April 2027)", '2027-04-27', '2027-04-26T06:00:00.000Z'],
    ['Easter Monday 2027, the day after summer time starts', '2027-03-29', '2027-03-26T07:00:00.000Z'],
    ['Whit Monday 2027', '2027-05-17', '2027-05-14T06:00:00.000Z'],
    ['Christmas Day 2026 (a Friday)', '2026-12-25', '2026-12-24T07:00:00.000Z'],
    ['New Year 2027 (a Friday)', '2027-01-01', '2026-12-31T07:00:00.000Z'],
    ['a Saturday', '2027-03-06', '2027-03-05T07:00:00.000Z'],
    ['a Sunday', '2027-03-07', '2027-03-05T07:00:00.000Z'],
    ['the Sunday after Christmas 2026 (Friday and Saturday holidays)', '2026-12-27', '2026-12-24T07:00:00.000Z'],
  ])('due on %s: "on the day" goes on the working day before', (_name, deadline, expected) => {
    expect(measureDueAt(deadline)['-0wd']).toBe(expected);
  });

  it('counts five working days back over a holiday', () => {
    // Friday 30 April 2027: back over King's Day (Tuesday 27th) to Thursday 22nd.
    expect(measureDueAt('2027-04-30')['-5wd']).toBe('2027-04-22T06:00:00.000Z');
  });
});
