/**
 * The calendar edge cases of issue 3, through the moves: exact UTC instants for the 6-week limit,
 * the same-week confirmation and the 2-week conversation, computed on the Amsterdam wall clock.
 */
import { amsterdamDate } from '../../src/domain/deadlines';
import { escalateToOrganisation } from '../../src/domain/process';
import { ctx, manager, newSignal, ok } from './fixtures';

function escalatedAt(instant: string, receivedOn = amsterdamDate(instant)) {
  const signal = newSignal({ receivedOn, registeredAt: new Date(instant) });
  return ok(escalateToOrganisation(signal, { manager }, ctx(instant)));
}

describe('deadlines at the edges of the calendar', () => {
  it('received and escalated on Sunday 23:30 Amsterdam: the terms start on Monday, the next working day', () => {
    const s = escalatedAt('2026-03-01T22:30:00Z'); // Sunday 23:30 CET
    expect(s.receivedOn).toBe('2026-03-01');
    expect(s.deadlines).toEqual({
      settleBy: '2026-04-12T21:59:59.999Z', // 6 weeks after receipt, by then on summer time
      confirmBy: '2026-03-08T22:59:59.999Z',
      conversationBy: '2026-03-16T22:59:59.999Z',
    });
    expect(s.nextDeadline).toBe('2026-03-08T22:59:59.999Z');
  });

  it('Monday 00:30 Amsterdam is still Sunday in UTC, but starts a new week here', () => {
    const s = escalatedAt('2026-06-07T22:30:00Z'); // Monday 2026-06-08 00:30 CEST
    expect(s.receivedOn).toBe('2026-06-08');
    expect(s.deadlines).toEqual({
      settleBy: '2026-07-20T21:59:59.999Z',
      confirmBy: '2026-06-14T21:59:59.999Z',
      conversationBy: '2026-06-22T21:59:59.999Z',
    });
  });

  it('escalated on a Friday afternoon: confirmation by the end of that Sunday', () => {
    const s = escalatedAt('2026-03-06T15:00:00Z'); // Friday 16:00 CET
    expect(s.deadlines).toEqual({
      settleBy: '2026-04-17T21:59:59.999Z',
      confirmBy: '2026-03-08T22:59:59.999Z',
      conversationBy: '2026-03-20T22:59:59.999Z',
    });
  });

  it('across the March clock change (2026-03-29): the week ends on summer time', () => {
    const s = escalatedAt('2026-03-25T09:00:00Z', '2026-02-20'); // Wednesday 10:00 CET
    expect(s.deadlines).toEqual({
      settleBy: '2026-04-03T21:59:59.999Z',
      confirmBy: '2026-03-29T21:59:59.999Z',
      conversationBy: '2026-04-08T21:59:59.999Z',
    });
  });

  it('escalated during the 23-hour day itself (Sunday 2026-03-29, 01:30 CET): terms from Monday', () => {
    const s = escalatedAt('2026-03-29T00:30:00Z');
    expect(s.deadlines.confirmBy).toBe('2026-04-05T21:59:59.999Z');
    expect(s.deadlines.conversationBy).toBe('2026-04-13T21:59:59.999Z');
    expect(s.deadlines.settleBy).toBe('2026-05-10T21:59:59.999Z');
  });

  it('across the October clock change (2026-10-25): the week ends on winter time', () => {
    const s = escalatedAt('2026-10-22T08:00:00Z', '2026-09-20'); // Thursday 10:00 CEST
    expect(s.deadlines).toEqual({
      settleBy: '2026-11-01T22:59:59.999Z',
      confirmBy: '2026-10-25T22:59:59.999Z',
      conversationBy: '2026-11-05T22:59:59.999Z',
    });
  });

  it('escalated in the repeated hour of Sunday 2026-10-25 (02:30, both CEST and CET): terms from Monday', () => {
    for (const instant of ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']) {
      const s = escalatedAt(instant);
      expect(s.deadlines.confirmBy).toBe('2026-11-01T22:59:59.999Z');
      expect(s.deadlines.conversationBy).toBe('2026-11-09T22:59:59.999Z');
    }
  });

  it('escalated on New Year’s Eve 2026: the ISO week runs to Sunday 2027-01-03', () => {
    const s = escalatedAt('2026-12-31T13:00:00Z'); // Thursday 14:00 CET, ISO week 2026-W53
    expect(s.deadlines).toEqual({
      settleBy: '2027-02-11T22:59:59.999Z',
      confirmBy: '2027-01-03T22:59:59.999Z',
      conversationBy: '2027-01-14T22:59:59.999Z',
    });
  });

  it('New Year’s Eve 23:30 Amsterdam stays in the week that ends on 3 January', () => {
    const s = escalatedAt('2026-12-31T22:30:00Z');
    expect(s.deadlines.confirmBy).toBe('2027-01-03T22:59:59.999Z');
    expect(s.deadlines.conversationBy).toBe('2027-01-14T22:59:59.999Z');
  });
});
