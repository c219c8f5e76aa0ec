/**
 * The meldplicht's pure rules: the flag, the steps and their guards, the one-working-day clock with
 * fixed dates (weekends and Dutch holidays), the reminder points, the history, the access rule and
 * the yearly figures.
 */
import { DateTime } from 'luxon';
import { canActOnSignal, canSeePersonalData, canViewSignal } from '../../src/app/access';
import { validateIntake } from '../../src/domain/intake';
import type { Person } from '../../src/domain/organisation';
import { close, handle, recordDecision } from '../../src/domain/process';
import { dueInstant } from '../../src/domain/reminders';
import { replay } from '../../src/domain/replay';
import {
  applyDutyMove,
  availableDutyMoves,
  consultationDeadline,
  consultationOverdue,
  dutyFigures,
  dutyReminderPoints,
  dutyStepStates,
  isPassedOnTo,
  replayReportingDuty,
  type DutyMoveCommand,
} from '../../src/domain/reporting-duty';
import type { Signal } from '../../src/domain/signal';
import { employee, newSignal } from './fixtures';

const local = (text: string) => DateTime.fromISO(text, { zone: 'Europe/Amsterdam' }).toJSDate();
const houder = { id: 'houder-1', name: 'Hanna Houder' };
const af = { id: 'af-1', name: 'Anouk Aandacht' };
let events = 0;
const ctx = (at: Date, actor = houder) => ({ actor, at, eventId: `e-${(events += 1)}` });

function ok(signal: Signal, command: DutyMoveCommand, at: Date, actor = houder): Signal {
  const result = applyDutyMove(signal, command, ctx(at, actor));
  if (!result.ok) throw new Error(`refused: ${result.error} ${result.field ?? ''}`);
  return result.signal;
}

const FLAG_AT = local('2026-03-06T17:30'); // a Friday
function flagged(): Signal {
  return ok(
    newSignal({ registeredAt: local('2026-03-06T17:00') }),
    { name: 'flag', input: { via: 'later', newOwner: houder } },
    FLAG_AT,
    employee,
  );
}

describe('the consultation clock: the end of the first working day after the day of flagging', () => {
  it.each([
    ['Friday 17:30 → Monday end of day', '2026-03-06T17:30', '2026-03-09'],
    ['Monday 07:00 → Tuesday', '2026-03-09T07:00', '2026-03-10'],
    ['Saturday → Monday', '2026-03-07T12:00', '2026-03-09'],
    ['Thursday before Christmas → Monday 28 December', '2026-12-24T10:00', '2026-12-28'],
    ['the day before Koningsdag (Monday 27 April) → Tuesday 28 April', '2026-04-26T10:00', '2026-04-28'],
    ['Wednesday before Hemelvaart (Thursday 14 May) → Friday 15 May', '2026-05-13T16:00', '2026-05-15'],
  ])('%s', (_name, at, day) => {
    expect(consultationDeadline(local(at))).toBe(
      DateTime.fromISO(day, { zone: 'Europe/Amsterdam' }).endOf('day').toUTC().toISO(),
    );
  });
});

describe('flag', () => {
  it('turns the signal into a melding, hands it to the route and records one event with before/after', () => {
    const before = newSignal();
    const signal = ok(before, { name: 'flag', input: { via: 'later', newOwner: houder } }, FLAG_AT, employee);
    expect(signal.reportingDuty).toMatchObject({ via: 'later', flaggedBy: employee, flaggedAt: FLAG_AT.toISOString() });
    expect(signal.owner).toEqual(houder);
    const event = signal.history.at(-1)!;
    expect(event.type).toBe('reportingDutyFlagged');
    expect(event.before).toEqual({ reportingDuty: null, owner: before.owner });
    expect(replay(signal).ok).toBe(true);
    expect(replayReportingDuty(signal).ok).toBe(true);
  });

  it('cannot be set twice, and the same event id again is a harmless duplicate', () => {
    const signal = flagged();
    expect(applyDutyMove(signal, { name: 'flag', input: { via: 'later' } }, ctx(FLAG_AT))).toEqual({
      ok: false,
      error: 'alreadyFlagged',
    });
    const again = applyDutyMove(
      signal,
      { name: 'flag', input: { via: 'later' } },
      { actor: employee, at: FLAG_AT, eventId: signal.history.at(-1)!.id },
    );
    expect(again).toMatchObject({ ok: true, duplicate: true });
  });

  it('the intake answer: yes, no, absent (no) and anything else refused', () => {
    const base = {
      kind: 'complaint',
      locationId: 'loc',
      themeId: 'th',
      channel: 'phone',
      receivedOn: '2026-03-02',
      parentName: 'P',
      parentEmail: 'p@example.nl',
      contactPreference: 'phone',
      description: 'd',
    };
    const context = { locationIds: ['loc'], themeIds: ['th'], today: '2026-03-02' };
    const yes = validateIntake({ ...base, reportingDuty: 'yes' }, context);
    const no = validateIntake({ ...base, reportingDuty: 'no' }, context);
    const absent = validateIntake(base, context);
    expect(yes.ok && yes.value.reportingDuty).toBe(true);
    expect(no.ok && no.value.reportingDuty).toBe(false);
    expect(absent.ok && absent.value.reportingDuty).toBeFalsy();
    expect(validateIntake({ ...base, reportingDuty: 'misschien' }, context)).toEqual({
      ok: false,
      errors: { reportingDuty: 'unknownOption' },
    });
  });
});

describe('the steps', () => {
  const consult: DutyMoveCommand = {
    name: 'consult',
    input: { on: '2026-03-09', time: '09:15', inspector: 'Mw. Jansen', advice: 'Aangifte doen', offence: 'violence' },
  };
  const at = local('2026-03-09T10:00');

  it('go in order: consultation, conclusion, then police report (only with a reasonable suspicion), measures, aftercare', () => {
    let signal = flagged();
    expect(availableDutyMoves(signal)).toEqual(['consult']);
    expect(
      applyDutyMove(signal, { name: 'conclude', input: { reasonableSuspicion: true, explanation: 'x' } }, ctx(at)),
    ).toEqual({ ok: false, error: 'consultationFirst' });
    signal = ok(signal, consult, at);
    expect(availableDutyMoves(signal)).toEqual(['conclude']);
    expect(
      applyDutyMove(signal, { name: 'reportToPolice', input: { on: '2026-03-09', time: '11:00', by: 'H' } }, ctx(at)),
    ).toEqual({ ok: false, error: 'conclusionFirst' });
    signal = ok(
      signal,
      { name: 'conclude', input: { reasonableSuspicion: true, explanation: 'Redelijk vermoeden' } },
      at,
    );
    expect(availableDutyMoves(signal)).toEqual(['reportToPolice', 'recordMeasures', 'recordAftercare']);
    signal = ok(
      signal,
      { name: 'reportToPolice', input: { on: '2026-03-09', time: '11:00', by: 'Hanna Houder, houder' } },
      at,
    );
    signal = ok(
      signal,
      { name: 'recordMeasures', input: { employee: 'Op non-actief', parents: 'Gesprek met de ouders' } },
      at,
    );
    signal = ok(signal, { name: 'recordAftercare', input: { text: 'Slachtofferhulp ingeschakeld' } }, at);
    expect(availableDutyMoves(signal)).toEqual([]);
    expect(dutyStepStates(signal.reportingDuty!)).toEqual({
      consultation: 'done',
      conclusion: 'done',
      policeReport: 'done',
      measures: 'done',
      aftercare: 'done',
    });
    expect(signal.reportingDuty!.policeReport).toMatchObject({ on: '2026-03-09', time: '11:00', recordedBy: houder });
    expect(signal.history.map((event) => event.type).slice(-6)).toEqual([
      'reportingDutyFlagged',
      'reportingDutyConsulted',
      'reportingDutyConcluded',
      'reportingDutyPoliceReported',
      'reportingDutyMeasuresRecorded',
      'reportingDutyAftercareRecorded',
    ]);
    expect(replayReportingDuty(signal)).toEqual({ ok: true, mismatches: [] });
    expect(replay(signal).ok).toBe(true);
  });

  it('no police report without a reasonable suspicion', () => {
    let signal = ok(flagged(), consult, at);
    signal = ok(signal, { name: 'conclude', input: { reasonableSuspicion: false, explanation: 'Geen vermoeden' } }, at);
    expect(dutyStepStates(signal.reportingDuty!).policeReport).toBe('notNeeded');
    expect(
      applyDutyMove(signal, { name: 'reportToPolice', input: { on: '2026-03-09', time: '11:00', by: 'H' } }, ctx(at)),
    ).toEqual({ ok: false, error: 'noSuspicion' });
  });

  it.each([
    ['a date before the melding', { on: '2026-03-05' }, 'on'],
    ['a date in the future', { on: '2026-03-10' }, 'on'],
    ['no real date', { on: '2026-02-30' }, 'on'],
    ['a time that is no time', { time: '9.15' }, 'time'],
    ['no advice', { advice: '  ' }, 'advice'],
    ['an unknown kind', { offence: 'theft' }, 'offence'],
  ])('refuses %s and names the field', (_name, change, field) => {
    const input = { ...consult.input, ...change } as never;
    expect(applyDutyMove(flagged(), { name: 'consult', input }, ctx(at))).toEqual({
      ok: false,
      error: 'invalidInput',
      field,
    });
  });

  it('may be recorded on a closed complaint: the duty does not end with it', () => {
    let signal = flagged();
    const handled = handle(signal, { summary: 'Gesproken', satisfaction: 'partly' }, ctx(at));
    if (!handled.ok) throw new Error(handled.error);
    // A klacht closes only with its written outcome.
    const written = recordDecision(
      handled.signal,
      {
        text: 'Afspraken',
        tenor: 'resolvedByAgreement',
        measures: [],
        sentOn: handled.signal.receivedOn,
        sentVia: 'email',
      },
      ctx(at),
    );
    if (!written.ok) throw new Error(written.error);
    const closed = close(written.signal, {}, ctx(at));
    if (!closed.ok) throw new Error(closed.error);
    signal = ok(closed.signal, consult, at);
    expect(signal.reportingDuty!.consultation?.offence).toBe('violence');
  });

  it('the consultation is overdue only after its deadline and while not recorded', () => {
    const signal = flagged();
    expect(consultationOverdue(signal.reportingDuty!, local('2026-03-09T23:00'))).toBe(false);
    expect(consultationOverdue(signal.reportingDuty!, local('2026-03-10T00:00'))).toBe(true);
    expect(
      consultationOverdue(
        ok(signal, { ...consult, input: { ...consult.input, on: '2026-03-10' } }, local('2026-03-10T12:00'))
          .reportingDuty!,
        local('2026-03-11T00:00'),
      ),
    ).toBe(false);
  });
});

describe('reminder points (send hour 8)', () => {
  it('Friday 17:30: at once, Monday 08:00, and the escalation Tuesday 08:00', () => {
    const points = dutyReminderPoints(flagged(), 8, dueInstant);
    expect(points.map((point) => [point.kind, point.dueAt])).toEqual([
      ['flagged', FLAG_AT.toISOString()],
      ['consultToday', local('2026-03-09T08:00').toISOString()],
      ['consultMissed', local('2026-03-10T08:00').toISOString()],
    ]);
  });

  it('none once the consultation is recorded', () => {
    const signal = ok(
      flagged(),
      { name: 'consult', input: { on: '2026-03-09', time: '09:00', inspector: 'X', advice: 'Y', offence: 'sexual' } },
      local('2026-03-09T10:00'),
    );
    expect(dutyReminderPoints(signal, 8, dueInstant)).toEqual([]);
  });
});

describe('access: one rule for every melding', () => {
  const person = (id: string, roles: Person['roles'], extra: Partial<Person> = {}): Person => ({
    id,
    name: id,
    roles,
    locationIds: ['loc-zon'],
    ...extra,
  });
  const cases: [string, Person, boolean][] = [
    ['the registrant (employee)', person(employee.id, ['employee']), false],
    ['the location manager of its location', person('lm', ['locationManager']), false],
    ['staf kwaliteit', person('kw', ['quality']), false],
    ['an MT member', person('mt', ['mt']), false],
    ['the beheerder', person('admin', ['admin']), false],
    ['a manager of its area', person('mgr', ['manager']), false],
    ['the houder on the route', person(houder.id, ['mt'], { reportingRoute: true }), true],
    [
      'the aandachtsfunctionaris (an employee by role)',
      person(af.id, ['employee'], { locationIds: [], reportingRoute: true }),
      true,
    ],
  ];
  it.each(cases)('%s', (_name, who, may) => {
    const signal = flagged();
    expect(canViewSignal(who, signal)).toBe(may);
    expect(canActOnSignal(who, signal)).toBe(may);
    expect(canSeePersonalData(who, signal)).toBe(may);
    // Before the flag the usual rules hold (the route person has no special view of ordinary signals).
    if (who.roles.includes('quality')) expect(canViewSignal(who, newSignal())).toBe(true);
  });

  it('the registrant learns only that it was passed on', () => {
    expect(isPassedOnTo(person(employee.id, ['employee']), flagged())).toBe(true);
    expect(isPassedOnTo(person('other', ['employee']), flagged())).toBe(false);
    expect(isPassedOnTo(person(employee.id, ['employee']), newSignal())).toBe(false);
  });
});

describe('yearly figures', () => {
  it('counts meldingen, consultations (in time) and police reports, by kind of offence', () => {
    const late = ok(
      flagged(),
      { name: 'consult', input: { on: '2026-03-10', time: '09:00', inspector: 'X', advice: 'Y', offence: 'sexual' } },
      local('2026-03-10T10:00'),
    );
    let reported = ok(
      { ...flagged(), id: 'sig-2' },
      { name: 'consult', input: { on: '2026-03-09', time: '09:00', inspector: 'X', advice: 'Y', offence: 'violence' } },
      local('2026-03-09T10:00'),
    );
    reported = ok(
      reported,
      { name: 'conclude', input: { reasonableSuspicion: true, explanation: 'ja' } },
      local('2026-03-09T11:00'),
    );
    reported = ok(
      reported,
      { name: 'reportToPolice', input: { on: '2026-03-09', time: '12:00', by: 'H' } },
      local('2026-03-09T12:00'),
    );
    const open = { ...flagged(), id: 'sig-3' };
    const figures = dutyFigures(2026, [late, reported, open, newSignal()]);
    expect(figures).toMatchObject({
      meldingen: 3,
      consultations: 2,
      consultedInTime: 1,
      reasonableSuspicions: 1,
      policeReports: 1,
    });
    expect(figures.byOffence).toEqual({
      sexual: { meldingen: 1, consultations: 1, policeReports: 0 },
      violence: { meldingen: 1, consultations: 1, policeReports: 1 },
      both: { meldingen: 0, consultations: 0, policeReports: 0 },
      unknown: { meldingen: 1, consultations: 0, policeReports: 0 },
    });
    expect(dutyFigures(2025, [late]).meldingen).toBe(0);
  });
});
