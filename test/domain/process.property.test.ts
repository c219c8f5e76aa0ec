/**
 * Random sequences of moves (valid and invalid, with re-sent event ids) against the invariants of
 * the process. Each sequence starts from a fresh registration of a random kind and contact wish.
 */
import fc from 'fast-check';
import { amsterdamDate, nextOpenDeadline } from '../../src/domain/deadlines';
import {
  MOVE_NAMES,
  applyMove,
  availableMoves,
  moveGuard,
  type MoveCommand,
  type MoveName,
} from '../../src/domain/process';
import { settlementOf } from '../../src/domain/settlement';
import { replay } from '../../src/domain/replay';
import {
  CONTACT_PREFERENCES,
  SATISFACTION_ANSWERS,
  SIGNAL_KINDS,
  stepNumber,
  type PersonRef,
  type Signal,
} from '../../src/domain/signal';
import { deepFreeze, employee, locationManager, manager, newSignal, quality } from './fixtures';

const PEOPLE: PersonRef[] = [employee, locationManager, manager, quality];
const MINUTE = 60_000;

interface Step {
  move: MoveName;
  /** 0 makes the input invalid; the rest pick among valid inputs. */
  variant: number;
  actor: number;
  /** Time until this move, in minutes (up to ~3 weeks). */
  advance: number;
  /** Re-send the id of an earlier event (index into the history) instead of a fresh one. */
  resend: number | null;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  move: fc.constantFrom(...MOVE_NAMES),
  variant: fc.integer({ min: 0, max: 9 }),
  actor: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
  advance: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 30_000 })),
  // About one move in eight re-sends an earlier id (Teams retries).
  resend: fc.oneof({ arbitrary: fc.constant(null), weight: 7 }, { arbitrary: fc.nat({ max: 40 }), weight: 1 }),
});

const scenarioArb = fc.record({
  kind: fc.constantFrom(...SIGNAL_KINDS),
  contactPreference: fc.constantFrom(...CONTACT_PREFERENCES),
  // Received between 1 Jan 2026 and 31 Dec 2026, registered that day at a random minute.
  receivedDay: fc.integer({ min: 0, max: 364 }),
  minuteOfDay: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 30 }),
});

/** Builds a concrete command for the current signal and time; variant 0 is deliberately invalid. */
function command(move: MoveName, variant: number, signal: Signal, at: Date): MoveCommand {
  const invalid = variant === 0;
  const today = amsterdamDate(at);
  const pastDate = variant % 2 === 0 ? today : signal.receivedOn;
  const person = PEOPLE[variant % PEOPLE.length]!;
  switch (move) {
    case 'handle':
      return {
        name: move,
        input: { summary: invalid ? '' : `summary ${variant}`, satisfaction: SATISFACTION_ANSWERS[variant % 4]! },
      };
    case 'escalateToLocation':
      return { name: move, input: { locationManager: invalid ? { id: '', name: '' } : locationManager } };
    case 'escalateToOrganisation':
      return {
        name: move,
        input: invalid
          ? { manager: { id: '', name: 'x' } }
          : variant > 5
            ? { manager, supporter: quality }
            : { manager },
      };
    case 'addSupporter':
      return { name: move, input: { supporter: invalid ? ({} as PersonRef) : person } };
    case 'confirmationSent':
      return { name: move, input: {} };
    case 'conversationPlanned':
      return {
        name: move,
        input: {
          plannedFor: invalid ? 'tomorrow' : new Date(at.getTime() + variant * 86_400_000).toISOString(),
          ...(variant > 6 ? { lateReason: 'the parent is away' } : {}),
        },
      };
    case 'conversationHeld':
      return {
        name: move,
        input: invalid
          ? { heldAt: new Date(at.getTime() + 3_600_000).toISOString() }
          : variant > 5
            ? { heldAt: new Date(at.getTime() - variant * MINUTE).toISOString(), notes: 'notes' }
            : {},
      };
    case 'recordDecision':
      return {
        name: move,
        input: {
          text: 'Reasoned decision',
          measures: variant > 4 ? [{ description: 'measure', deadline: '2026-12-01' }] : [],
          sentOn: invalid ? '2999-01-01' : pastDate,
          tenor: 'founded',
          sentVia: variant % 2 === 0 ? 'email' : 'letter',
        },
      };
    case 'fileComplaintsDesk':
    case 'fileDispute':
      return { name: move, input: { filedOn: invalid ? '2000-01-01' : pastDate, caseNumber: `C-${variant}` } };
    case 'complaintsDeskOutcome':
      return { name: move, input: { outcome: invalid ? ' ' : 'outcome' } };
    case 'disputeRuling':
      return {
        name: move,
        input: invalid
          ? { ruling: 'founded', obligationsDeadline: '2026-12-01' }
          : { ruling: variant > 6 ? 'founded' : variant > 3 ? 'partlyFounded' : 'unfounded', obligations: 'do x' },
      };
    case 'close':
      return { name: move, input: variant > 5 ? { reason: 'parent does not want to go on' } : {} };
    case 'reopen':
      return { name: move, input: { reason: invalid ? '' : 'parent called again' } };
    case 'reclassify':
      return {
        name: move,
        input: invalid
          ? { kind: signal.kind }
          : { kind: SIGNAL_KINDS[variant % SIGNAL_KINDS.length]!, ...(variant > 3 ? { reason: 'it is not one' } : {}) },
      };
    case 'changeContactPreference':
      return { name: move, input: { contactPreference: CONTACT_PREFERENCES[variant % CONTACT_PREFERENCES.length]! } };
  }
}

/** Plain assertion for the hot loop: jest's expect is too slow for ~100k checks. */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Invariants that hold for every state a sequence reaches. */
function checkState(signal: Signal): void {
  if (signal.status === 'closed') {
    check(signal.handling?.satisfaction !== undefined, 'closed without satisfaction');
    if (signal.kind === 'complaint') {
      check(settlementOf(signal, '2099-01-01').state === 'settled', 'complaint closed without its written outcome');
      const escalation = signal.escalation;
      if (escalation) {
        check(escalation.confirmationSentAt !== undefined, 'step-2 complaint closed without confirmation');
        check(
          escalation.conversation.heldAt !== undefined || escalation.conversation.mode === 'writing',
          'step-2 complaint closed without conversation',
        );
      }
    }
    check(availableMoves(signal).join() === 'reopen', 'closed signal offers more than reopen');
  }
  check(signal.step === signal.highestStep, 'step differs from highestStep'); // steps only go forward
  check(signal.nextDeadline === nextOpenDeadline(signal), 'nextDeadline not recomputed');
  const ids = signal.history.map((e) => e.id);
  check(new Set(ids).size === ids.length, 'duplicate event id in history');
  const r = replay(signal);
  check(r.ok, `replay mismatch: ${r.mismatches.join(', ')}`);
}

function checkMove(before: Signal, after: Signal, name: MoveName, fresh: boolean): void {
  // History only grows, by exactly one event, and the old events are the very same objects.
  check(after.history.length === before.history.length + (fresh ? 1 : 0), 'history grew by other than one');
  before.history.forEach((event, i) => check(after.history[i] === event, `history entry ${i} changed`));
  check(stepNumber(after.highestStep) >= stepNumber(before.highestStep), 'highestStep decreased');
  for (const [key, value] of Object.entries(before.deadlines)) {
    // A reclassified signal swaps the legal term and the answer target; the step-2 terms stay.
    if (name === 'reclassify' && (key === 'settleBy' || key === 'answerBy')) continue;
    const now = after.deadlines[key as keyof typeof after.deadlines];
    check(now !== undefined && now >= value, `deadline ${key} moved back or disappeared`);
  }
  if (name === 'reclassify') {
    check(after.receivedOn === before.receivedOn, 'reclassify moved the receipt');
    check((after.kind === 'complaint') === (after.deadlines.settleBy !== undefined), 'legal term does not follow kind');
  }
  if (fresh && name === 'close') check(before.handling !== undefined, 'closed without satisfaction');
  if (fresh) {
    const text = JSON.stringify(after.history.at(-1));
    check(!text.includes('ouder@example.nl') && !text.includes('Ouder Test'), 'parent details in an event');
  }
}

describe('random sequences of moves', () => {
  it('keep every invariant of the process', () => {
    let sequences = 0;
    let applied = 0;
    fc.assert(
      fc.property(scenarioArb, ({ kind, contactPreference, receivedDay, minuteOfDay, steps }) => {
        sequences += 1;
        const receivedAt = new Date(Date.UTC(2026, 0, 1) + receivedDay * 86_400_000 + minuteOfDay * MINUTE);
        let signal = deepFreeze(
          newSignal({ kind, contactPreference, receivedOn: amsterdamDate(receivedAt), registeredAt: receivedAt }),
        );
        let time = receivedAt.getTime();
        checkState(signal);

        steps.forEach((step, index) => {
          time += step.advance * MINUTE;
          const at = new Date(time);
          const resendOf = step.resend === null ? undefined : signal.history[step.resend % signal.history.length];
          const eventId = resendOf?.id ?? `e-${index}`;
          const cmd = command(step.move, step.variant, signal, at);
          const guard = moveGuard(signal, step.move);
          const allowed = availableMoves(signal).includes(step.move);
          const result = applyMove(signal, cmd, { actor: PEOPLE[step.actor]!, at, eventId });

          check(allowed === (guard === null), 'availableMoves disagrees with moveGuard');
          if (resendOf) {
            // A re-sent id never changes anything: same event back, or a conflict for another move.
            if (result.ok) {
              check(
                result.duplicate === true && result.signal === signal && result.event === resendOf,
                'resend changed something',
              );
            } else {
              check(result.error === 'eventIdConflict', `resend refused with ${result.error}`);
            }
            return;
          }
          if (!result.ok) {
            // A refused move is refused by its guard, or (only when the guard passes) by its input.
            check(result.error === (guard ?? 'invalidInput'), `unexpected refusal ${result.error}`);
            return;
          }
          check(guard === null && result.duplicate === undefined, 'move succeeded against its guard');
          checkMove(signal, result.signal, step.move, true);
          const next = deepFreeze(result.signal);
          checkState(next);

          // Teams re-sends the same action: nothing happens.
          const again = applyMove(next, command(step.move, step.variant, next, at), {
            actor: PEOPLE[step.actor]!,
            at,
            eventId,
          });
          check(
            again.ok && again.duplicate === true && again.signal === next && again.event === next.history.at(-1),
            'duplicate had effect',
          );
          signal = next;
          applied += 1;
        });
      }),
      { numRuns: 3000 },
    );
    expect(sequences).toBeGreaterThanOrEqual(3000);
    expect(applied).toBeGreaterThan(3000); // the generator really reaches successful moves
  });

  it('reach every move, including close of an escalated complaint and reopen', () => {
    // Guards against a generator that never gets far: count which moves succeed at least once.
    const seen = new Set<MoveName>();
    fc.assert(
      fc.property(scenarioArb, ({ contactPreference, steps }) => {
        let signal = newSignal({ kind: 'complaint', contactPreference });
        let time = Date.UTC(2026, 2, 2, 9);
        steps.forEach((step, index) => {
          time += step.advance * MINUTE;
          const at = new Date(time);
          const result = applyMove(signal, command(step.move, step.variant || 1, signal, at), {
            actor: PEOPLE[step.actor]!,
            at,
            eventId: `e-${index}`,
          });
          if (result.ok) {
            if (step.move === 'close' && signal.highestStep !== 'employee') seen.add('close');
            else if (step.move !== 'close') seen.add(step.move);
            signal = result.signal;
          }
        });
      }),
      // Closing an escalated klacht takes many moves in the right order (written outcome, confirmation,
      // conversation, a fresh satisfaction answer): enough runs, and a fixed seed so it never flakes.
      { numRuns: 3000, seed: 20261205 },
    );
    expect([...seen].sort()).toEqual([...MOVE_NAMES].sort());
  });
});
