import { DateTime } from 'luxon';
import type { BusyInterval } from '../../src/app/outbound-ports';
import { planConversationSlots, planningWindow, type PlanRequest } from '../../src/app/slot-planner';
import { conversationDeadline } from '../../src/domain/deadlines';

const MANAGER = 'manager@kinderopvang.example';
const QUALITY = 'staf.kw@kinderopvang.example';

function local(iso: string): string {
  return DateTime.fromISO(iso).setZone('Europe/Amsterdam').toFormat('ccc yyyy-LL-dd HH:mm');
}

function busy(entries: Record<string, Array<[string, string]>>): Map<string, BusyInterval[]> {
  return new Map(
    Object.entries(entries).map(([who, spans]) => [
      who,
      spans.map(([start, end]) => ({ start, end, status: 'busy' as const })),
    ]),
  );
}

function request(now: string, extra: Partial<PlanRequest> = {}): PlanRequest {
  return { now, deadline: conversationDeadline(now), requiredPeople: [MANAGER], busy: new Map(), ...extra };
}

describe('planConversationSlots', () => {
  it('skips Christmas and the weekend after an escalation on Thursday 24 December 2026', () => {
    const plan = planConversationSlots(request('2026-12-24T10:15:00+01:00'));
    expect(plan.afterDeadline).toBe(false);
    // 25 Dec (Eerste Kerstdag, Friday), 26 Dec (Saturday, Tweede Kerstdag), 27 Dec (Sunday) are skipped.
    expect(plan.slots.map((s) => local(s.start))).toEqual([
      'Mon 2026-12-28 09:00',
      'Tue 2026-12-29 09:00',
      'Wed 2026-12-30 09:00',
    ]);
    expect(plan.slots.map((s) => s.start)).toEqual([
      '2026-12-28T08:00:00.000Z',
      '2026-12-29T08:00:00.000Z',
      '2026-12-30T08:00:00.000Z',
    ]);
    expect(plan.slots.every((s) => Date.parse(s.end) - Date.parse(s.start) === 30 * 60_000 && !s.afterDeadline)).toBe(
      true,
    );
  });

  it('skips Nieuwjaarsdag and the weekend, and needs every required person free', () => {
    const plan = planConversationSlots(
      request('2026-12-24T10:15:00+01:00', {
        requiredPeople: [MANAGER, QUALITY],
        busy: busy({
          // The manager is away until New Year; staf kw has a meeting on Monday 4 January 09:00-10:15.
          [MANAGER]: [['2026-12-27T23:00:00Z', '2026-12-31T23:00:00Z']],
          [QUALITY]: [['2027-01-04T08:00:00Z', '2027-01-04T09:15:00Z']],
        }),
      }),
    );
    expect(plan.slots.map((s) => local(s.start))).toEqual([
      'Mon 2027-01-04 10:30',
      'Tue 2027-01-05 09:00',
      'Wed 2027-01-06 09:00',
    ]);
  });

  it('ignores busy time of people who are not required', () => {
    const plan = planConversationSlots(
      request('2026-12-24T10:15:00+01:00', {
        busy: busy({ [QUALITY]: [['2026-12-28T00:00:00Z', '2026-12-31T00:00:00Z']] }),
      }),
    );
    expect(local(plan.slots[0]!.start)).toBe('Mon 2026-12-28 09:00');
  });

  it('keeps 09:00 on the Amsterdam clock across the end of DST (25 October 2026)', () => {
    const plan = planConversationSlots(
      request('2026-10-22T14:00:00+02:00', {
        busy: busy({
          // 08:00-09:00 CET on Monday: before working hours, must not block the 09:00 slot.
          [MANAGER]: [['2026-10-26T07:00:00Z', '2026-10-26T08:00:00Z']],
        }),
      }),
    );
    expect(plan.slots.map((s) => s.start)).toEqual([
      '2026-10-23T07:00:00.000Z', // Friday, CEST (+02:00)
      '2026-10-26T08:00:00.000Z', // Monday, CET (+01:00)
      '2026-10-27T08:00:00.000Z',
    ]);
    expect(plan.slots.map((s) => local(s.start))).toEqual([
      'Fri 2026-10-23 09:00',
      'Mon 2026-10-26 09:00',
      'Tue 2026-10-27 09:00',
    ]);
  });

  it('keeps working hours on the Amsterdam clock at the start of DST (29 March 2026)', () => {
    const plan = planConversationSlots(request('2026-03-27T09:00:00+01:00'), {
      workdayStart: '16:00',
      workdayEnd: '17:00',
      slotMinutes: 60,
    });
    expect(
      plan.slots.map(
        (s) => `${local(s.start)}-${DateTime.fromISO(s.end).setZone('Europe/Amsterdam').toFormat('HH:mm')}`,
      ),
    ).toEqual(['Mon 2026-03-30 16:00-17:00', 'Tue 2026-03-31 16:00-17:00', 'Wed 2026-04-01 16:00-17:00']);
    expect(plan.slots[0]!.start).toBe('2026-03-30T14:00:00.000Z');
  });

  it('offers the first free slot after the deadline, flagged, when nothing fits before it', () => {
    const now = '2026-06-01T11:00:00+02:00'; // Monday; deadline end of Monday 15 June
    const plan = planConversationSlots(
      request(now, { busy: busy({ [MANAGER]: [['2026-06-01T22:00:00Z', '2026-06-16T08:00:00Z']] }) }),
    );
    expect(plan.afterDeadline).toBe(true);
    expect(plan.slots).toEqual([
      { start: '2026-06-16T08:00:00.000Z', end: '2026-06-16T08:30:00.000Z', afterDeadline: true },
    ]);
    expect(Date.parse(plan.slots[0]!.start)).toBeGreaterThan(Date.parse(conversationDeadline(now)));
  });

  it('never offers a slot that ends after the deadline as an on-time slot', () => {
    const now = '2026-06-01T11:00:00+02:00';
    const deadline = '2026-06-03T07:15:00Z'; // Wednesday 09:15 local
    const plan = planConversationSlots({ now, deadline, requiredPeople: [MANAGER], busy: new Map() }, { maxPerDay: 3 });
    expect(plan.slots.map((s) => local(s.start))).toEqual([
      'Tue 2026-06-02 09:00',
      'Tue 2026-06-02 09:30',
      'Tue 2026-06-02 10:00',
    ]);
    const tight = planConversationSlots({
      now,
      deadline: '2026-06-02T07:15:00Z',
      requiredPeople: [MANAGER],
      busy: new Map(),
    });
    expect(tight.afterDeadline).toBe(true);
    // 09:00-09:30 is free but ends after 09:15: it is the first late slot.
    expect(tight.slots).toEqual([
      { start: '2026-06-02T07:00:00.000Z', end: '2026-06-02T07:30:00.000Z', afterDeadline: true },
    ]);
  });

  it('respects configured working hours and slot length', () => {
    const plan = planConversationSlots(
      request('2026-12-24T10:15:00+01:00', {
        busy: busy({ [MANAGER]: [['2026-12-28T12:00:00Z', '2026-12-28T14:30:00Z']] }),
      }),
      { workdayStart: '13:00', workdayEnd: '16:30', slotMinutes: 45, stepMinutes: 15, maxSlots: 2 },
    );
    expect(plan.slots.map((s) => local(s.start))).toEqual(['Mon 2026-12-28 15:30', 'Tue 2026-12-29 13:00']);
    expect(() => planConversationSlots(request('2026-12-24T10:00:00Z'), { workdayStart: '9:00' })).toThrow(RangeError);
  });

  it('asks free/busy for a window that covers the late-search days', () => {
    const window = planningWindow('2026-12-24T10:15:00+01:00', conversationDeadline('2026-12-24T10:15:00+01:00'));
    expect(window.fromIso).toBe('2026-12-27T23:00:00.000Z'); // start of Monday 28 December in Amsterdam
    expect(Date.parse(window.toIso)).toBeGreaterThan(Date.parse(conversationDeadline('2026-12-24T10:15:00+01:00')));
  });
});
