/**
 * The legal core, rule by rule: what "settled" means, nothing closed without paper, reclassifying,
 * the terms of step 2 from the day the organisation received the complaint, the conversation date,
 * dates as entered, and the commitments after a ruling. Each table row is one case a Dutch childcare
 * organisation meets; the instants are Amsterdam wall-clock times written in UTC.
 */
import { parseMoveForm } from '../../src/app/move-forms';
import { organisationTermStart } from '../../src/domain/deadlines';
import type { Organisation } from '../../src/domain/organisation';
import {
  availableMoves,
  changeContactPreference,
  close,
  complaintsDeskOutcome,
  confirmationSent,
  conversationHeld,
  conversationPlanned,
  disputeRuling,
  escalateToLocation,
  escalateToOrganisation,
  fileComplaintsDesk,
  fileDispute,
  handle,
  reclassify,
  recordDecision,
  type RecordDecisionInput,
} from '../../src/domain/process';
import { reminderPoints } from '../../src/domain/reminders';
import { replay } from '../../src/domain/replay';
import { settlementOf } from '../../src/domain/settlement';
import type { Signal } from '../../src/domain/signal';
import { ctx, employee, locationManager, manager, newSignal, ok } from './fixtures';

const written = (sentOn: string, extra: Partial<RecordDecisionInput> = {}): RecordDecisionInput => ({
  text: 'Wij hebben uw klacht onderzocht.',
  tenor: 'partlyFounded',
  measures: [],
  sentOn,
  sentVia: 'email',
  ...extra,
});

/** Received Monday 2 March 2026: the 6 weeks end on Monday 13 April 2026. */
function handledComplaint(satisfaction: 'satisfied' | 'notSatisfied' = 'satisfied'): Signal {
  return ok(handle(newSignal(), { summary: 'Besproken met de ouder', satisfaction }, ctx('2026-03-02T10:00:00Z')));
}

describe('settled: the written outcome sent to the parent', () => {
  it('answered in writing on day 30 and closed on day 60: settled in time, whatever followed', () => {
    let s = ok(recordDecision(handledComplaint(), written('2026-04-01'), ctx('2026-04-01T10:00:00Z')));
    s = ok(fileComplaintsDesk(s, { filedOn: '2026-04-20', caseNumber: 'KL-1' }, ctx('2026-04-20T10:00:00Z')));
    s = ok(close(s, {}, ctx('2026-05-01T10:00:00Z')));
    expect(settlementOf(s, '2026-06-01')).toEqual({
      state: 'settled',
      dueOn: '2026-04-13',
      settledOn: '2026-04-01',
      inTime: true,
    });
    expect(s.nextDeadline).toBeNull();
  });

  it.each([
    ['on the last day of the six weeks', '2026-04-13', true],
    ['one day after the six weeks', '2026-04-14', false],
  ])('a written outcome sent %s', (_case, sentOn, inTime) => {
    const s = ok(recordDecision(handledComplaint(), written(sentOn), ctx(`${sentOn}T21:30:00Z`)));
    expect(settlementOf(s, sentOn)).toMatchObject({ state: 'settled', settledOn: sentOn, inTime });
  });

  it.each([
    ['still within the term', '2026-04-13', false],
    ['the day after the term', '2026-04-14', true],
  ])('without a written outcome, %s', (_case, today, overdue) => {
    expect(settlementOf(handledComplaint(), today)).toEqual({ state: 'open', dueOn: '2026-04-13', overdue });
  });

  it('an agreement letter from step 0 does not settle it once the organisation takes it over', () => {
    let s = ok(recordDecision(handledComplaint('notSatisfied'), written('2026-03-05'), ctx('2026-03-05T10:00:00Z')));
    expect(s.decision?.form).toBe('agreement');
    expect(settlementOf(s, '2026-03-05').state).toBe('settled');
    s = ok(escalateToOrganisation(s, { manager }, ctx('2026-03-09T10:00:00Z')));
    expect(settlementOf(s, '2026-03-09')).toEqual({ state: 'open', dueOn: '2026-04-13', overdue: false });
    expect(availableMoves(s)).toContain('recordDecision');
    s = ok(recordDecision(s, written('2026-03-20'), ctx('2026-03-20T10:00:00Z', manager)));
    expect(s.decision?.form).toBe('judgment');
    expect(settlementOf(s, '2026-03-20')).toMatchObject({ state: 'settled', settledOn: '2026-03-20' });
  });

  it('other kinds have no legal clock', () => {
    expect(settlementOf(newSignal({ kind: 'question' }), '2027-01-01')).toEqual({ state: 'notApplicable' });
  });
});

describe('nothing closes without paper', () => {
  const escalated = (mode: 'meeting' | 'writing' = 'meeting') =>
    ok(escalateToOrganisation(newSignal({ contactPreference: mode }), { manager }, ctx('2026-03-03T10:00:00Z')));
  type Case = [name: string, build: () => Signal, expected: string | null];
  const cases: Case[] = [
    ['step 0, satisfied, no letter', () => handledComplaint(), 'decisionRequired'],
    [
      'step 0, agreement letter sent',
      () => ok(recordDecision(handledComplaint(), written('2026-03-03'), ctx('2026-03-03T10:00:00Z'))),
      null,
    ],
    [
      'step 1, agreement letter sent',
      () => {
        const s = ok(escalateToLocation(handledComplaint(), { locationManager }, ctx('2026-03-02T11:00:00Z')));
        return ok(recordDecision(s, written('2026-03-04'), ctx('2026-03-04T10:00:00Z', locationManager)));
      },
      null,
    ],
    [
      'step 2, judgment but no confirmation',
      () => {
        let s = ok(recordDecision(escalated(), written('2026-03-10'), ctx('2026-03-10T10:00:00Z', manager)));
        s = ok(handle(s, { summary: 'Oordeel besproken', satisfaction: 'partly' }, ctx('2026-03-10T11:00:00Z')));
        return s;
      },
      'confirmationRequired',
    ],
    [
      'step 2, judgment and confirmation, no conversation',
      () => {
        let s = ok(
          conversationPlanned(escalated(), { plannedFor: '2026-03-12T09:00:00Z' }, ctx('2026-03-03T11:00:00Z')),
        );
        s = ok(confirmationSent(s, {}, ctx('2026-03-03T12:00:00Z')));
        s = ok(recordDecision(s, written('2026-03-10'), ctx('2026-03-10T10:00:00Z', manager)));
        return ok(handle(s, { summary: 'Besproken', satisfaction: 'partly' }, ctx('2026-03-10T11:00:00Z')));
      },
      'conversationRequired',
    ],
    [
      'step 2 in writing: confirmation and judgment suffice',
      () => {
        let s = ok(confirmationSent(escalated('writing'), {}, ctx('2026-03-03T12:00:00Z')));
        s = ok(recordDecision(s, written('2026-03-10'), ctx('2026-03-10T10:00:00Z', manager)));
        return ok(handle(s, { summary: 'Schriftelijk', satisfaction: 'satisfied' }, ctx('2026-03-10T11:00:00Z')));
      },
      null,
    ],
    [
      'step 2, everything done, but satisfaction only asked before the escalation',
      () => {
        let s = ok(handle(newSignal(), { summary: 'x', satisfaction: 'notSatisfied' }, ctx('2026-03-02T10:00:00Z')));
        s = ok(escalateToOrganisation(s, { manager }, ctx('2026-03-03T10:00:00Z')));
        s = ok(conversationPlanned(s, { plannedFor: '2026-03-12T09:00:00Z' }, ctx('2026-03-03T11:00:00Z')));
        s = ok(confirmationSent(s, {}, ctx('2026-03-03T12:00:00Z')));
        s = ok(conversationHeld(s, {}, ctx('2026-03-12T10:00:00Z')));
        return ok(recordDecision(s, written('2026-03-13'), ctx('2026-03-13T10:00:00Z', manager)));
      },
      'satisfactionRequired',
    ],
  ];
  it.each(cases)('%s', (_name, build, expected) => {
    const result = close(build(), {}, ctx('2026-03-20T10:00:00Z'));
    if (expected === null) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, error: expected });
  });

  it('a klacht the parent is not satisfied with, never escalated, closes only with a reason', () => {
    const s = ok(recordDecision(handledComplaint('notSatisfied'), written('2026-03-03'), ctx('2026-03-03T10:00:00Z')));
    expect(close(s, {}, ctx('2026-03-04T10:00:00Z'))).toEqual({ ok: false, error: 'invalidInput', field: 'reason' });
    const closed = ok(close(s, { reason: 'Ouder wil niet verder' }, ctx('2026-03-04T10:00:00Z')));
    expect(closed.history.at(-1)).toMatchObject({ type: 'closed', note: 'Ouder wil niet verder' });
  });

  it('only a klacht gets a written outcome', () => {
    const question = ok(
      handle(newSignal({ kind: 'question' }), { summary: 'x', satisfaction: 'satisfied' }, ctx('2026-03-02T10:00:00Z')),
    );
    expect(availableMoves(question)).not.toContain('recordDecision');
    expect(recordDecision(question, written('2026-03-03'), ctx('2026-03-03T10:00:00Z'))).toEqual({
      ok: false,
      error: 'notAComplaint',
    });
  });
});

describe('reclassify', () => {
  it('a zorg that is a klacht gets the legal clock from its receipt, and the history shows it', () => {
    const concern = newSignal({ kind: 'concern', receivedOn: '2026-03-02' });
    expect(concern.deadlines.settleBy).toBeUndefined();
    const complaint = ok(reclassify(concern, { kind: 'complaint' }, ctx('2026-03-20T10:00:00Z')));
    expect(complaint).toMatchObject({ kind: 'complaint', receivedOn: '2026-03-02' });
    expect(complaint.deadlines).toEqual({ settleBy: '2026-04-13T21:59:59.999Z' });
    expect(complaint.history.at(-1)).toMatchObject({
      type: 'reclassified',
      before: { kind: 'concern' },
      after: { kind: 'complaint' },
    });
    expect(replay(complaint).ok).toBe(true);
  });

  it('a klacht stops being one only with a reason, and gets the answer target back', () => {
    expect(reclassify(newSignal(), { kind: 'question' }, ctx('2026-03-03T10:00:00Z'))).toMatchObject({
      field: 'reason',
    });
    const question = ok(
      reclassify(newSignal(), { kind: 'question', reason: 'Was een vraag' }, ctx('2026-03-03T10:00:00Z')),
    );
    expect(question.deadlines).toEqual({ answerBy: '2026-03-12T22:59:59.999Z' });
    expect(question.history.at(-1)?.note).toBe('Was een vraag');
    expect(reclassify(question, { kind: 'question' }, ctx('2026-03-03T11:00:00Z'))).toMatchObject({ field: 'kind' });
  });
});

describe('step-2 terms count from the day the organisation received it', () => {
  // [case, received by the organisation, term start, confirm by (instant), conversation by (instant)]
  const rows: [string, string, string, string, string][] = [
    ['Friday', '2026-03-06', '2026-03-06', '2026-03-08T22:59:59.999Z', '2026-03-20T22:59:59.999Z'],
    [
      'Saturday: the week of Monday',
      '2026-03-07',
      '2026-03-09',
      '2026-03-15T22:59:59.999Z',
      '2026-03-23T22:59:59.999Z',
    ],
    ['Sunday', '2026-03-08', '2026-03-09', '2026-03-15T22:59:59.999Z', '2026-03-23T22:59:59.999Z'],
    ['Easter Monday 2027', '2027-03-29', '2027-03-30', '2027-04-04T21:59:59.999Z', '2027-04-13T21:59:59.999Z'],
    ['Koningsdag on a Tuesday', '2027-04-27', '2027-04-28', '2027-05-02T21:59:59.999Z', '2027-05-12T21:59:59.999Z'],
    ['the DST Sunday', '2026-03-29', '2026-03-30', '2026-04-05T21:59:59.999Z', '2026-04-13T21:59:59.999Z'],
    ['Christmas Friday 2026', '2026-12-25', '2026-12-28', '2027-01-03T22:59:59.999Z', '2027-01-11T22:59:59.999Z'],
  ];
  it.each(rows)('%s', (_case, receivedOn, start, confirmBy, conversationBy) => {
    expect(organisationTermStart(receivedOn)).toBe(start);
    const signal = newSignal({ receivedOn: '2026-03-02' });
    const s = ok(escalateToOrganisation(signal, { manager, receivedOn }, ctx(`${receivedOn}T16:30:00Z`)));
    expect(s.escalation?.receivedOn).toBe(receivedOn);
    expect(s.deadlines).toMatchObject({ confirmBy, conversationBy });
  });

  it('escalated on Saturday with no date given: today, so the terms start on Monday', () => {
    const s = ok(escalateToOrganisation(newSignal(), { manager }, ctx('2026-03-07T11:00:00Z')));
    expect(s.deadlines.confirmBy).toBe('2026-03-15T22:59:59.999Z');
  });

  it.each([
    ['in the future', '2026-03-11'],
    ['before the signal was received', '2026-03-01'],
    ['not a date', '10-03-2026'],
  ])('refuses a receipt date %s', (_case, receivedOn) => {
    expect(escalateToOrganisation(newSignal(), { manager, receivedOn }, ctx('2026-03-10T10:00:00Z'))).toEqual({
      ok: false,
      error: 'invalidInput',
      field: 'receivedOn',
    });
  });
});

describe('the conversation lies within the two weeks, never in the past', () => {
  // Escalated Wednesday 4 March 2026: conversation by Wednesday 18 March.
  const escalated = () => ok(escalateToOrganisation(newSignal(), { manager }, ctx('2026-03-04T10:00:00Z')));

  it('refuses a moment already past', () => {
    expect(
      conversationPlanned(escalated(), { plannedFor: '2026-03-04T09:00:00Z' }, ctx('2026-03-04T10:00:00Z')),
    ).toEqual({
      ok: false,
      error: 'invalidInput',
      field: 'plannedFor',
    });
  });

  it('after the deadline only with a written reason, kept on the signal; a later plan in time clears it', () => {
    const late = '2026-03-19T09:00:00Z';
    expect(conversationPlanned(escalated(), { plannedFor: late }, ctx('2026-03-05T10:00:00Z'))).toMatchObject({
      field: 'lateReason',
    });
    let s = ok(
      conversationPlanned(
        escalated(),
        { plannedFor: late, lateReason: 'Ouder op vakantie' },
        ctx('2026-03-05T10:00:00Z'),
      ),
    );
    expect(s.escalation?.conversation).toMatchObject({
      plannedFor: '2026-03-19T09:00:00.000Z',
      lateReason: 'Ouder op vakantie',
    });
    s = ok(conversationPlanned(s, { plannedFor: '2026-03-18T09:00:00Z' }, ctx('2026-03-06T10:00:00Z')));
    expect(s.escalation?.conversation.lateReason).toBeUndefined();
  });

  it('the last minute of the deadline day is still in time (Amsterdam)', () => {
    const s = ok(conversationPlanned(escalated(), { plannedFor: '2026-03-18T22:59:00Z' }, ctx('2026-03-05T10:00:00Z')));
    expect(s.escalation?.conversation.lateReason).toBeUndefined();
  });
});

describe('dates as entered', () => {
  const organisation: Organisation = {
    name: 'Test',
    locations: [{ id: 'loc-zon', name: 'De Zon' }],
    themes: [{ id: 'communicatie', name: 'Communicatie' }],
    people: [
      { id: manager.id, name: manager.name, roles: ['manager'], locationIds: [] },
      { id: 'mt-1', name: 'Marit MT', roles: ['mt'], locationIds: [] },
    ],
  } as Organisation;
  const now = new Date('2026-12-05T10:00:00Z');
  const escalated = () =>
    ok(escalateToOrganisation(newSignal({ receivedOn: '2026-11-30' }), { manager }, ctx('2026-12-01T10:00:00Z')));

  it.each([
    ['conversationHeld', { heldOn: '2026-12-07' }, 'heldOn', 'dateInFuture'],
    ['conversationHeld', { heldOn: '2026-11-29' }, 'heldOn', 'dateBeforeReceipt'],
    ['fileComplaintsDesk', { filedOn: '2026-12-24', caseNumber: 'KL' }, 'filedOn', 'dateInFuture'],
    ['conversationPlanned', { plannedDate: '2026-12-05', plannedTime: '09:00' }, 'plannedTime', 'momentPassed'],
    ['conversationPlanned', { plannedDate: '2026-12-16', plannedTime: '09:00' }, 'lateReason', 'lateReasonRequired'],
  ] as const)('%s with %o: %s is refused as %s', (move, raw, field, error) => {
    const result = parseMoveForm(move, raw, escalated(), organisation, now);
    expect(result).toEqual({ ok: false, errors: { [field]: error } });
  });

  // Issue 23: Klantsignaal e-mails the judgment itself, so its form asks "sent on" only for a letter that
  // goes by post (no e-mail address); that date may not lie in the future. With an address it is today.
  it('recordDecision asks when it was posted only without an e-mail address, and refuses a future date', () => {
    const raw = { text: 'x', tenor: 'founded', sentOn: '2026-12-06' };
    const byPost = escalated();
    const withoutEmail = { ...byPost, parent: { ...byPost.parent!, email: undefined } };
    expect(parseMoveForm('recordDecision', raw, withoutEmail, organisation, now)).toEqual({
      ok: false,
      errors: { sentOn: 'dateInFuture' },
    });
    const emailed = parseMoveForm('recordDecision', raw, escalated(), organisation, now);
    expect(emailed.ok && emailed.command.input).toMatchObject({ sentOn: '2026-12-05', sentVia: 'email' });
  });

  it('a held date in the past is stored on that day, not moved to today', () => {
    const result = parseMoveForm('conversationHeld', { heldOn: '2026-12-03' }, escalated(), organisation, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = ok(conversationHeld(escalated(), result.command.input as { heldAt: string }, ctx(now)));
    expect(s.escalation?.conversation.heldAt).toBe('2026-12-03T11:00:00.000Z');
  });

  it('an MT member may hold the step-2 conversation', () => {
    const result = parseMoveForm(
      'escalateToOrganisation',
      { manager: 'mt-1', receivedOn: '2026-12-04' },
      newSignal({ receivedOn: '2026-11-30' }),
      organisation,
      now,
    );
    expect(result).toMatchObject({
      ok: true,
      command: { input: { manager: { id: 'mt-1' }, receivedOn: '2026-12-04' } },
    });
  });
});

describe('the parent may change the way of contact later', () => {
  it('records the change without contact details, and a conversation still to come follows it', () => {
    const s = ok(
      escalateToOrganisation(newSignal({ contactPreference: 'meeting' }), { manager }, ctx('2026-03-04T10:00:00Z')),
    );
    const changed = ok(
      changeContactPreference(s, { contactPreference: 'writing' }, ctx('2026-03-05T10:00:00Z', employee)),
    );
    expect(changed.parent?.contactPreference).toBe('writing');
    expect(changed.escalation?.conversation.mode).toBe('writing');
    const event = changed.history.at(-1)!;
    expect(event).toMatchObject({ type: 'contactPreferenceChanged' });
    expect(event.before).toMatchObject({ contactPreference: 'meeting' });
    expect(event.after).toMatchObject({ contactPreference: 'writing' });
    expect(JSON.stringify(event)).not.toContain('ouder@example.nl');
    expect(replay(changed).ok).toBe(true);
    expect(
      changeContactPreference(changed, { contactPreference: 'writing' }, ctx('2026-03-05T11:00:00Z')),
    ).toMatchObject({
      field: 'contactPreference',
    });
  });
});

describe('commitments after a ruling are reminded like measures', () => {
  it('the obligations of a binding ruling and the agreements at the Klachtenloket get their own reminders', () => {
    let s = handledComplaint('notSatisfied');
    s = ok(fileComplaintsDesk(s, { filedOn: '2026-03-10', caseNumber: 'KL-1' }, ctx('2026-03-10T10:00:00Z')));
    s = ok(
      complaintsDeskOutcome(
        s,
        { outcome: 'Deels opgelost', agreements: 'Nieuw gesprek met de mentor', agreementsDeadline: '2026-04-15' },
        ctx('2026-03-20T10:00:00Z'),
      ),
    );
    s = ok(fileDispute(s, { filedOn: '2026-04-01', caseNumber: 'GC-1' }, ctx('2026-04-01T10:00:00Z')));
    s = ok(
      disputeRuling(
        s,
        { ruling: 'founded', obligations: 'Beleid aanpassen', obligationsDeadline: '2026-09-01' },
        ctx('2026-06-01T10:00:00Z'),
      ),
    );
    const commitments = reminderPoints(s).filter((point) => point.deadlineKind === 'measure');
    expect(new Set(commitments.map((point) => point.measure?.source))).toEqual(new Set(['dispute', 'complaintsDesk']));
    expect(commitments.some((point) => point.id.startsWith(`${s.id}:obligations:2026-09-01:`))).toBe(true);
    expect(commitments.some((point) => point.id.startsWith(`${s.id}:deskAgreements:2026-04-15:`))).toBe(true);
    // Nothing before it was promised.
    expect(commitments.every((point) => point.dueAt >= '2026-03-20')).toBe(true);
  });
});
