import { settleBy } from '../../src/domain/deadlines';
import {
  MOVE_NAMES,
  addSupporter,
  applyMove,
  availableMoves,
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
  moveGuard,
  recordDecision,
  reopen,
  type RecordDecisionInput,
} from '../../src/domain/process';
import { replay } from '../../src/domain/replay';
import type { Signal } from '../../src/domain/signal';
import { ctx, deepFreeze, employee, locationManager, manager, newSignal, ok, quality } from './fixtures';

const decision: RecordDecisionInput = {
  text: 'Wij hebben uw klacht onderzocht en nemen maatregelen.',
  measures: [{ description: 'Eten wordt warm gehouden', deadline: '2026-04-01' }],
  sentOn: '2026-03-10',
  tenor: 'founded',
  sentVia: 'email',
};

function toOrganisation(signal: Signal, at = '2026-03-04T10:00:00Z'): Signal {
  return ok(escalateToOrganisation(signal, { manager }, ctx(at, employee)));
}

describe('handle', () => {
  it('records summary and satisfaction with who and when, at step 0', () => {
    const s = ok(handle(newSignal(), { summary: 'Besproken', satisfaction: 'partly' }, ctx('2026-03-02T10:00:00Z')));
    expect(s.handling).toEqual({
      summary: 'Besproken',
      satisfaction: 'partly',
      recordedAt: '2026-03-02T10:00:00.000Z',
      by: employee,
    });
    const event = s.history.at(-1)!;
    expect(event.type).toBe('handled');
    expect(event.before).toEqual({ handling: null });
    expect(event.after).toEqual({ handling: s.handling });
  });

  it('is allowed at every open step', () => {
    let s = toOrganisation(newSignal());
    s = ok(fileComplaintsDesk(s, { filedOn: '2026-03-05', caseNumber: 'KL-1' }, ctx('2026-03-05T10:00:00Z')));
    expect(availableMoves(s)).toContain('handle');
    expect(handle(s, { summary: 'x', satisfaction: 'notSatisfied' }, ctx('2026-03-05T11:00:00Z')).ok).toBe(true);
  });

  it('rejects an unknown satisfaction answer or empty summary', () => {
    const bad = handle(newSignal(), { summary: 'x', satisfaction: 'maybe' as never }, ctx('2026-03-02T10:00:00Z'));
    expect(bad).toEqual({ ok: false, error: 'invalidInput', field: 'satisfaction' });
    const empty = handle(newSignal(), { summary: '  ', satisfaction: 'satisfied' }, ctx('2026-03-02T10:00:00Z'));
    expect(empty).toEqual({ ok: false, error: 'invalidInput', field: 'summary' });
  });
});

describe('escalation', () => {
  it('step 1 makes the location manager owner and raises the step', () => {
    const s = ok(escalateToLocation(newSignal(), { locationManager }, ctx('2026-03-03T08:00:00Z')));
    expect(s).toMatchObject({ step: 'location', highestStep: 'location', owner: locationManager });
    expect(escalateToLocation(s, { locationManager }, ctx('2026-03-03T09:00:00Z'))).toEqual({
      ok: false,
      error: 'wrongStep',
    });
  });

  it('step 2 sets the confirmation and conversation deadlines and the manager as owner', () => {
    const before = newSignal();
    const s = ok(escalateToOrganisation(before, { manager, supporter: quality }, ctx('2026-03-04T10:00:00Z')));
    expect(s).toMatchObject({ step: 'organisation', highestStep: 'organisation', owner: manager });
    expect(s.escalation).toEqual({
      escalatedAt: '2026-03-04T10:00:00.000Z',
      receivedOn: '2026-03-04',
      manager,
      supporter: quality,
      conversation: { mode: 'meeting' },
    });
    expect(s.deadlines).toEqual({
      settleBy: before.deadlines.settleBy,
      confirmBy: '2026-03-08T22:59:59.999Z',
      conversationBy: '2026-03-18T22:59:59.999Z',
    });
    expect(s.nextDeadline).toBe('2026-03-08T22:59:59.999Z');
  });

  it('may skip step 1, but never goes back', () => {
    const s = toOrganisation(newSignal());
    expect(moveGuard(s, 'escalateToLocation')).toBe('wrongStep');
    expect(moveGuard(s, 'escalateToOrganisation')).toBe('wrongStep');
  });

  it('a parent who wants it in writing gets a written answer instead of a conversation', () => {
    const s = toOrganisation(newSignal({ contactPreference: 'writing' }));
    expect(s.escalation?.conversation.mode).toBe('writing');
    expect(conversationPlanned(s, { plannedFor: '2026-03-10T09:00:00Z' }, ctx('2026-03-04T11:00:00Z'))).toEqual({
      ok: false,
      error: 'writtenAnswerChosen',
    });
    // The confirmation needs no appointment, and "held" records the written answer.
    const confirmed = ok(confirmationSent(s, {}, ctx('2026-03-05T09:00:00Z')));
    const answered = ok(conversationHeld(confirmed, {}, ctx('2026-03-12T09:00:00Z')));
    expect(answered.escalation?.conversation.heldAt).toBe('2026-03-12T09:00:00.000Z');
    expect(answered.nextDeadline).toBe(answered.deadlines.settleBy);
  });

  it('a supporter (staf kw) can be added after escalation only', () => {
    expect(addSupporter(newSignal(), { supporter: quality }, ctx('2026-03-04T11:00:00Z'))).toEqual({
      ok: false,
      error: 'notEscalated',
    });
    const s = ok(addSupporter(toOrganisation(newSignal()), { supporter: quality }, ctx('2026-03-04T11:00:00Z')));
    expect(s.escalation?.supporter).toEqual(quality);
  });
});

describe('step 2 confirmation and conversation', () => {
  it('the confirmation carries the appointment, so the conversation is planned first', () => {
    const s = toOrganisation(newSignal());
    expect(confirmationSent(s, {}, ctx('2026-03-04T12:00:00Z'))).toEqual({
      ok: false,
      error: 'conversationNotPlanned',
    });
    const planned = ok(
      conversationPlanned(s, { plannedFor: '2026-03-12T10:00:00+01:00' }, ctx('2026-03-04T12:00:00Z')),
    );
    expect(planned.escalation?.conversation.plannedFor).toBe('2026-03-12T09:00:00.000Z');
    const confirmed = ok(confirmationSent(planned, {}, ctx('2026-03-05T12:00:00Z')));
    expect(confirmed.escalation?.confirmationSentAt).toBe('2026-03-05T12:00:00.000Z');
    expect(confirmed.nextDeadline).toBe('2026-03-18T22:59:59.999Z');
    expect(confirmationSent(confirmed, {}, ctx('2026-03-05T13:00:00Z'))).toEqual({ ok: false, error: 'alreadyDone' });
  });

  it('a conversation can be re-planned until it is held, and held only once, not in the future', () => {
    let s = ok(
      conversationPlanned(
        toOrganisation(newSignal()),
        { plannedFor: '2026-03-12T09:00:00Z' },
        ctx('2026-03-04T12:00:00Z'),
      ),
    );
    s = ok(conversationPlanned(s, { plannedFor: '2026-03-13T09:00:00Z' }, ctx('2026-03-05T12:00:00Z')));
    expect(s.escalation?.conversation.plannedFor).toBe('2026-03-13T09:00:00.000Z');
    expect(conversationHeld(s, { heldAt: '2026-03-14T09:00:00Z' }, ctx('2026-03-13T10:00:00Z'))).toEqual({
      ok: false,
      error: 'invalidInput',
      field: 'heldAt',
    });
    s = ok(conversationHeld(s, { heldAt: '2026-03-13T09:00:00Z', notes: 'Goed gesprek' }, ctx('2026-03-13T10:00:00Z')));
    expect(s.escalation?.conversation).toMatchObject({ heldAt: '2026-03-13T09:00:00.000Z', notes: 'Goed gesprek' });
    expect(moveGuard(s, 'conversationPlanned')).toBe('alreadyDone');
    expect(moveGuard(s, 'conversationHeld')).toBe('alreadyDone');
  });

  it('refuses an invalid planned instant', () => {
    const s = toOrganisation(newSignal());
    expect(conversationPlanned(s, { plannedFor: '2026-03-12' }, ctx('2026-03-04T12:00:00Z'))).toMatchObject({
      error: 'invalidInput',
    });
  });
});

describe('decision', () => {
  it('records text, measures, date and channel with who decided', () => {
    const s = ok(recordDecision(toOrganisation(newSignal()), decision, ctx('2026-03-10T12:00:00Z', manager)));
    expect(s.decision).toEqual({
      ...decision,
      form: 'judgment',
      decidedBy: manager,
      recordedAt: '2026-03-10T12:00:00.000Z',
    });
  });

  it('refuses a decision sent in the future, a measure without a valid deadline or an unknown channel', () => {
    const s = toOrganisation(newSignal());
    const at = ctx('2026-03-10T12:00:00Z', manager);
    expect(recordDecision(s, { ...decision, sentOn: '2026-03-11' }, at)).toMatchObject({ field: 'sentOn' });
    expect(recordDecision(s, { ...decision, measures: [{ description: 'x', deadline: 'soon' }] }, at)).toMatchObject({
      field: 'measures.0.deadline',
    });
    expect(recordDecision(s, { ...decision, sentVia: 'pigeon' as never }, at)).toMatchObject({ field: 'sentVia' });
    expect(recordDecision(s, { ...decision, text: '' }, at)).toMatchObject({ field: 'text' });
  });

  it('a decision without measures is allowed (e.g. an unfounded complaint)', () => {
    expect(
      recordDecision(toOrganisation(newSignal()), { ...decision, measures: [] }, ctx('2026-03-10T12:00:00Z')).ok,
    ).toBe(true);
  });
});

describe('steps 3 and 4', () => {
  it('records the Klachtenloket case and outcome', () => {
    let s = toOrganisation(newSignal());
    expect(moveGuard(s, 'complaintsDeskOutcome')).toBe('notFiled');
    s = ok(fileComplaintsDesk(s, { filedOn: '2026-03-20', caseNumber: ' KL-2026-7 ' }, ctx('2026-03-21T10:00:00Z')));
    expect(s).toMatchObject({ step: 'complaintsDesk', highestStep: 'complaintsDesk', owner: manager });
    expect(s.complaintsDesk).toEqual({ filedOn: '2026-03-20', caseNumber: 'KL-2026-7' });
    s = ok(complaintsDeskOutcome(s, { outcome: 'Geen oplossing bereikt' }, ctx('2026-04-01T10:00:00Z')));
    expect(s.complaintsDesk?.outcome).toBe('Geen oplossing bereikt');
    expect(moveGuard(s, 'fileComplaintsDesk')).toBe('wrongStep');
  });

  it('refuses a filing date in the future or before receipt', () => {
    const s = newSignal({ receivedOn: '2026-03-02' });
    const at = ctx('2026-03-21T10:00:00Z');
    expect(fileComplaintsDesk(s, { filedOn: '2026-03-22', caseNumber: 'x' }, at)).toMatchObject({ field: 'filedOn' });
    expect(fileComplaintsDesk(s, { filedOn: '2026-03-01', caseNumber: 'x' }, at)).toMatchObject({ field: 'filedOn' });
    expect(fileComplaintsDesk(s, { filedOn: '2026-03-20', caseNumber: ' ' }, at)).toMatchObject({
      field: 'caseNumber',
    });
  });

  it('records the Geschillencommissie case and its ruling with obligations', () => {
    let s = toOrganisation(newSignal());
    s = ok(fileDispute(s, { filedOn: '2026-05-01', caseNumber: 'GC-1' }, ctx('2026-05-02T10:00:00Z')));
    expect(s).toMatchObject({ step: 'disputesCommittee', highestStep: 'disputesCommittee' });
    expect(s.dispute).toEqual({ filedOn: '2026-05-01', caseNumber: 'GC-1', filedLate: false });
    expect(moveGuard(s, 'fileDispute')).toBe('wrongStep');
    expect(moveGuard(s, 'fileComplaintsDesk')).toBe('wrongStep');
    expect(
      disputeRuling(s, { ruling: 'founded', obligationsDeadline: '2026-09-01' }, ctx('2026-08-01T10:00:00Z')),
    ).toMatchObject({
      field: 'obligationsDeadline',
    });
    s = ok(
      disputeRuling(
        s,
        { ruling: 'partlyFounded', obligations: 'Excuses en beleid aanpassen', obligationsDeadline: '2026-09-01' },
        ctx('2026-08-01T10:00:00Z'),
      ),
    );
    expect(s.dispute).toMatchObject({
      ruling: 'partlyFounded',
      obligations: 'Excuses en beleid aanpassen',
      obligationsDeadline: '2026-09-01',
    });
  });

  it('marks a dispute late after 12 months from the receipt of the complaint, not from the escalation', () => {
    const s = toOrganisation(newSignal({ receivedOn: '2026-03-02' }), '2026-03-04T10:00:00Z');
    const onTime = ok(fileDispute(s, { filedOn: '2027-03-02', caseNumber: 'GC-2' }, ctx('2027-03-05T10:00:00Z')));
    expect(onTime.dispute?.filedLate).toBe(false);
    const late = ok(fileDispute(s, { filedOn: '2027-03-03', caseNumber: 'GC-2' }, ctx('2027-03-05T10:00:00Z')));
    expect(late.dispute?.filedLate).toBe(true);
  });

  it('counts from receipt when never escalated to the organisation', () => {
    const s = newSignal({ receivedOn: '2026-03-02' });
    expect(
      ok(fileDispute(s, { filedOn: '2027-03-02', caseNumber: 'GC-3' }, ctx('2027-04-01T10:00:00Z'))).dispute?.filedLate,
    ).toBe(false);
    expect(
      ok(fileDispute(s, { filedOn: '2027-03-03', caseNumber: 'GC-3' }, ctx('2027-04-01T10:00:00Z'))).dispute?.filedLate,
    ).toBe(true);
  });

  it('12 months from 29 February end on 28 February', () => {
    const s = newSignal({ receivedOn: '2028-02-29' });
    const on = (filedOn: string) =>
      ok(fileDispute(s, { filedOn, caseNumber: 'GC-4' }, ctx('2029-04-02T10:00:00Z'))).dispute?.filedLate;
    expect(on('2029-02-28')).toBe(false);
    expect(on('2029-03-01')).toBe(true);
  });
});

describe('close', () => {
  it('needs the satisfaction question answered, at step 0 too', () => {
    const s = newSignal({ kind: 'question' });
    expect(close(s, {}, ctx('2026-03-03T10:00:00Z'))).toEqual({ ok: false, error: 'satisfactionRequired' });
    expect(availableMoves(s)).not.toContain('close');
    const handled = ok(handle(s, { summary: 'Beantwoord', satisfaction: 'unreachable' }, ctx('2026-03-03T10:00:00Z')));
    const closed = ok(close(handled, {}, ctx('2026-03-03T11:00:00Z')));
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-03-03T11:00:00.000Z', nextDeadline: null });
  });

  it('a complaint at step 0 closes only after the letter confirming what was agreed', () => {
    const handled = ok(
      handle(newSignal(), { summary: 'Opgelost', satisfaction: 'satisfied' }, ctx('2026-03-02T10:00:00Z')),
    );
    expect(close(handled, {}, ctx('2026-03-02T11:00:00Z'))).toEqual({ ok: false, error: 'decisionRequired' });
    const written = ok(
      recordDecision(
        handled,
        { ...decision, tenor: 'resolvedByAgreement', sentOn: '2026-03-02' },
        ctx('2026-03-02T10:30:00Z'),
      ),
    );
    expect(written.decision?.form).toBe('agreement');
    expect(close(written, {}, ctx('2026-03-02T11:00:00Z')).ok).toBe(true);
  });

  it('a complaint that reached step 1 needs a written decision', () => {
    let s = ok(escalateToLocation(newSignal(), { locationManager }, ctx('2026-03-03T08:00:00Z')));
    s = ok(handle(s, { summary: 'Opgelost', satisfaction: 'satisfied' }, ctx('2026-03-03T09:00:00Z')));
    expect(close(s, {}, ctx('2026-03-03T10:00:00Z'))).toEqual({ ok: false, error: 'decisionRequired' });
    s = ok(recordDecision(s, { ...decision, sentOn: '2026-03-03' }, ctx('2026-03-03T10:00:00Z')));
    expect(close(s, {}, ctx('2026-03-03T11:00:00Z')).ok).toBe(true);
  });

  it('other kinds escalated to step 1 close without a decision (no legal clock)', () => {
    let s = ok(escalateToLocation(newSignal({ kind: 'suggestion' }), { locationManager }, ctx('2026-03-03T08:00:00Z')));
    s = ok(handle(s, { summary: 'Idee opgepakt', satisfaction: 'satisfied' }, ctx('2026-03-03T09:00:00Z')));
    expect(close(s, {}, ctx('2026-03-03T10:00:00Z')).ok).toBe(true);
  });

  it('refuses every move but reopen on a closed signal', () => {
    const handled = ok(
      handle(
        newSignal({ kind: 'question' }),
        { summary: 'Opgelost', satisfaction: 'satisfied' },
        ctx('2026-03-02T10:00:00Z'),
      ),
    );
    const closed = ok(close(handled, {}, ctx('2026-03-02T11:00:00Z')));
    expect(availableMoves(closed)).toEqual(['reopen']);
    for (const move of MOVE_NAMES.filter((m) => m !== 'reopen')) expect(moveGuard(closed, move)).toBe('closed');
    expect(handle(closed, { summary: 'x', satisfaction: 'satisfied' }, ctx('2026-03-02T12:00:00Z'))).toEqual({
      ok: false,
      error: 'closed',
    });
  });
});

describe('reopen', () => {
  function closedComplaint(): Signal {
    let s = toOrganisation(newSignal({ receivedOn: '2026-03-02' }));
    s = ok(conversationPlanned(s, { plannedFor: '2026-03-10T09:00:00Z' }, ctx('2026-03-04T11:00:00Z')));
    s = ok(confirmationSent(s, {}, ctx('2026-03-04T12:00:00Z')));
    s = ok(conversationHeld(s, {}, ctx('2026-03-10T10:00:00Z')));
    s = ok(recordDecision(s, decision, ctx('2026-03-10T12:00:00Z')));
    s = ok(handle(s, { summary: 'Besluit besproken', satisfaction: 'satisfied' }, ctx('2026-03-10T13:00:00Z')));
    return ok(close(s, {}, ctx('2026-03-11T09:00:00Z')));
  }

  it('needs a reason, keeps deadlines, step and owner, and records the reason', () => {
    const closed = closedComplaint();
    expect(reopen(closed, { reason: ' ' }, ctx('2026-05-01T09:00:00Z'))).toMatchObject({
      error: 'invalidInput',
      field: 'reason',
    });
    const reopened = ok(reopen(closed, { reason: 'Ouder belt opnieuw' }, ctx('2026-05-01T09:00:00Z', quality)));
    expect(reopened).toMatchObject({
      status: 'open',
      step: 'organisation',
      owner: manager,
      deadlines: closed.deadlines,
    });
    expect(reopened.closedAt).toBeUndefined();
    expect(reopened.reopened).toEqual({ at: '2026-05-01T09:00:00.000Z', by: quality, reason: 'Ouder belt opnieuw' });
    const event = reopened.history.at(-1)!;
    expect(event).toMatchObject({ type: 'reopened', note: 'Ouder belt opnieuw', actor: quality });
    expect(event.before).toMatchObject({ status: 'closed', closedAt: '2026-03-11T09:00:00.000Z' });
    expect(event.after).toMatchObject({ status: 'open', closedAt: null });
    // The 6-week clock is not restarted: the written outcome already settled the complaint.
    expect(reopened.deadlines.settleBy).toBe(settleBy('2026-03-02'));
    expect(reopened.nextDeadline).toBeNull();
  });

  it('closing again needs a fresh satisfaction answer', () => {
    const reopened = ok(reopen(closedComplaint(), { reason: 'Ouder belt opnieuw' }, ctx('2026-05-01T09:00:00Z')));
    expect(close(reopened, {}, ctx('2026-05-02T09:00:00Z'))).toEqual({ ok: false, error: 'satisfactionRequired' });
    const asked = ok(handle(reopened, { summary: 'Nagebeld', satisfaction: 'partly' }, ctx('2026-05-02T09:00:00Z')));
    expect(close(asked, {}, ctx('2026-05-02T10:00:00Z')).ok).toBe(true);
  });

  it('is refused on an open signal', () => {
    expect(reopen(newSignal(), { reason: 'x' }, ctx('2026-03-03T09:00:00Z'))).toEqual({
      ok: false,
      error: 'notClosed',
    });
  });
});

describe('anonymised signals', () => {
  it('refuse every move, reopen included', () => {
    const s: Signal = { ...newSignal(), parent: null, anonymisedAt: '2027-06-01T00:00:00.000Z' };
    expect(availableMoves(s)).toEqual([]);
    expect(handle(s, { summary: 'x', satisfaction: 'satisfied' }, ctx('2027-06-02T00:00:00Z'))).toEqual({
      ok: false,
      error: 'anonymised',
    });
    const closed: Signal = { ...s, status: 'closed' };
    expect(reopen(closed, { reason: 'x' }, ctx('2027-06-02T00:00:00Z'))).toEqual({ ok: false, error: 'anonymised' });
  });
});

describe('history and idempotency', () => {
  it('appends exactly one event with the context id, actor and time, never editing the rest', () => {
    const start = deepFreeze(newSignal());
    const result = escalateToLocation(
      start,
      { locationManager },
      ctx('2026-03-03T08:00:00Z', employee, 'card-action-1'),
    );
    const s = ok(result);
    expect(s.history).toHaveLength(start.history.length + 1);
    expect(s.history.slice(0, -1)).toEqual(start.history);
    expect(s.history.at(-1)).toEqual({
      id: 'card-action-1',
      type: 'escalatedToLocation',
      at: '2026-03-03T08:00:00.000Z',
      actor: employee,
      before: { step: 'employee', highestStep: 'employee', owner: employee },
      after: { step: 'location', highestStep: 'location', owner: locationManager },
    });
  });

  it('a re-sent action (same event id) changes nothing and returns the stored event', () => {
    const first = escalateToLocation(
      newSignal(),
      { locationManager },
      ctx('2026-03-03T08:00:00Z', employee, 'card-action-2'),
    );
    const s = ok(first);
    const again = escalateToLocation(s, { locationManager }, ctx('2026-03-03T08:00:05Z', employee, 'card-action-2'));
    expect(again).toEqual({ ok: true, signal: s, event: s.history.at(-1), duplicate: true });
    if (again.ok) expect(again.signal).toBe(s);
  });

  it('a re-sent close after the close still answers ok', () => {
    const handled = ok(
      handle(
        newSignal({ kind: 'question' }),
        { summary: 'Opgelost', satisfaction: 'satisfied' },
        ctx('2026-03-02T10:00:00Z'),
      ),
    );
    const closed = ok(close(handled, {}, ctx('2026-03-02T11:00:00Z', employee, 'close-1')));
    expect(close(closed, {}, ctx('2026-03-02T11:00:01Z', employee, 'close-1'))).toMatchObject({
      ok: true,
      duplicate: true,
    });
  });

  it('an event id reused for another move is a conflict', () => {
    const s = ok(
      escalateToLocation(newSignal(), { locationManager }, ctx('2026-03-03T08:00:00Z', employee, 'card-action-3')),
    );
    expect(
      handle(s, { summary: 'x', satisfaction: 'satisfied' }, ctx('2026-03-03T09:00:00Z', employee, 'card-action-3')),
    ).toEqual({
      ok: false,
      error: 'eventIdConflict',
    });
  });

  it('events hold no parent contact details', () => {
    let s = toOrganisation(newSignal());
    s = ok(handle(s, { summary: 'x', satisfaction: 'satisfied' }, ctx('2026-03-04T11:00:00Z')));
    const text = JSON.stringify(s.history.slice(1));
    expect(text).not.toContain('ouder@example.nl');
    expect(text).not.toContain('Ouder Test');
  });

  it('applyMove dispatches a move given as data', () => {
    const s = ok(
      applyMove(newSignal(), { name: 'escalateToLocation', input: { locationManager } }, ctx('2026-03-03T08:00:00Z')),
    );
    expect(s.step).toBe('location');
  });

  it('refuses a bad context', () => {
    expect(
      handle(
        newSignal(),
        { summary: 'x', satisfaction: 'satisfied' },
        { actor: employee, at: new Date('nope'), eventId: 'e' },
      ),
    ).toMatchObject({
      error: 'invalidInput',
      field: 'context',
    });
  });
});

describe('a complaint from intake to step 4 and back to closed', () => {
  it('walks every step with the right moves available and replays', () => {
    let s = newSignal({ receivedOn: '2026-03-02' });
    expect(availableMoves(s)).toEqual([
      'handle',
      'escalateToLocation',
      'escalateToOrganisation',
      'recordDecision',
      'fileComplaintsDesk',
      'fileDispute',
      'reclassify',
      'changeContactPreference',
    ]);
    s = ok(handle(s, { summary: 'Gesproken', satisfaction: 'notSatisfied' }, ctx('2026-03-02T10:00:00Z')));
    s = ok(escalateToLocation(s, { locationManager }, ctx('2026-03-02T11:00:00Z')));
    s = ok(escalateToOrganisation(s, { manager }, ctx('2026-03-04T10:00:00Z', locationManager)));
    // Not yet 'confirmationSent' (no appointment yet) nor 'close' (no decision yet).
    expect(availableMoves(s)).toEqual([
      'handle',
      'addSupporter',
      'conversationPlanned',
      'conversationHeld',
      'recordDecision',
      'fileComplaintsDesk',
      'fileDispute',
      'reclassify',
      'changeContactPreference',
    ]);
    s = ok(addSupporter(s, { supporter: quality }, ctx('2026-03-04T11:00:00Z', manager)));
    s = ok(conversationPlanned(s, { plannedFor: '2026-03-12T09:00:00Z' }, ctx('2026-03-04T12:00:00Z', manager)));
    s = ok(confirmationSent(s, {}, ctx('2026-03-04T13:00:00Z', manager)));
    s = ok(conversationHeld(s, {}, ctx('2026-03-12T10:00:00Z', manager)));
    s = ok(recordDecision(s, { ...decision, sentOn: '2026-03-13' }, ctx('2026-03-13T10:00:00Z', manager)));
    s = ok(fileComplaintsDesk(s, { filedOn: '2026-03-20', caseNumber: 'KL-9' }, ctx('2026-03-20T10:00:00Z', quality)));
    s = ok(complaintsDeskOutcome(s, { outcome: 'Niet opgelost' }, ctx('2026-04-10T10:00:00Z', quality)));
    s = ok(fileDispute(s, { filedOn: '2026-04-15', caseNumber: 'GC-9' }, ctx('2026-04-15T10:00:00Z', quality)));
    s = ok(disputeRuling(s, { ruling: 'unfounded' }, ctx('2026-07-01T10:00:00Z', quality)));
    s = ok(handle(s, { summary: 'Uitspraak besproken', satisfaction: 'partly' }, ctx('2026-07-02T10:00:00Z', manager)));
    expect(availableMoves(s)).toContain('close');
    s = ok(close(s, {}, ctx('2026-07-03T10:00:00Z', manager)));
    expect(s.history.map((e) => e.type)).toEqual([
      'registered',
      'handled',
      'escalatedToLocation',
      'escalatedToOrganisation',
      'supporterAdded',
      'conversationPlanned',
      'confirmationSent',
      'conversationHeld',
      'decisionRecorded',
      'complaintsDeskFiled',
      'complaintsDeskOutcome',
      'disputeFiled',
      'disputeRuling',
      'handled',
      'closed',
    ]);
    expect(replay(s)).toMatchObject({ ok: true, mismatches: [] });
  });
});

describe('replay', () => {
  it('notices a field edited outside the moves', () => {
    const s = ok(escalateToLocation(newSignal(), { locationManager }, ctx('2026-03-03T08:00:00Z')));
    expect(replay({ ...s, owner: manager }).mismatches).toEqual(['current.owner']);
    expect(replay({ ...s, history: s.history.slice(0, 1) }).ok).toBe(false);
  });

  it('notices an event whose before does not follow from the events before it', () => {
    let s = ok(escalateToLocation(newSignal(), { locationManager }, ctx('2026-03-03T08:00:00Z')));
    s = ok(escalateToOrganisation(s, { manager }, ctx('2026-03-04T08:00:00Z')));
    const history = s.history.filter((e) => e.type !== 'escalatedToLocation');
    expect(replay({ ...s, history }).mismatches).toContain('event 1 (escalatedToOrganisation): before.step');
  });
});
