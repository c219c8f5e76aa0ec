/**
 * Which moves a signal card offers this viewer, and which of them is the next step (issue 23).
 *
 * The card shows the next step(s) of the process as its primary buttons, every other move the viewer
 * may make in the overflow, and nothing that belongs to another role or makes no sense for the kind.
 * An overdue step that cannot be taken yet names what must come first (`blocked`), and that first
 * step is the primary button. Pure: the bot passes the person, the signal and whether the chat is shared.
 */
import { canMakeMove } from './access';
import type { Person } from '../domain/organisation';
import { availableMoves, moveGuard, type MoveError, type MoveName } from '../domain/process';
import { writtenOutcome } from '../domain/settlement';
import type { Deadlines, Signal } from '../domain/signal';

/** Steps 3 and 4 are the Klachtenloket and the Geschillencommissie: for klachten only. */
const COMPLAINT_ONLY: ReadonlySet<MoveName> = new Set([
  'fileComplaintsDesk',
  'complaintsDeskOutcome',
  'fileDispute',
  'disputeRuling',
]);

/**
 * In a group chat or channel everyone reads the form: only moves whose form asks nothing about the
 * family (people, dates, case numbers) are offered there.
 */
const WITHOUT_PERSONAL_DATA: ReadonlySet<MoveName> = new Set([
  'escalateToLocation',
  'escalateToOrganisation',
  'addSupporter',
  'conversationPlanned',
  'fileComplaintsDesk',
  'fileDispute',
]);

/** The move that meets each deadline: an overdue one must stay reachable from the card. */
const MOVE_FOR_DEADLINE: Readonly<Record<keyof Deadlines, MoveName>> = {
  settleBy: 'recordDecision',
  answerBy: 'close',
  confirmBy: 'confirmationSent',
  conversationBy: 'conversationHeld',
};

/** Whether a move makes sense for this signal at all (the process allows more than is useful). */
function makesSense(signal: Signal, move: MoveName): boolean {
  if (COMPLAINT_ONLY.has(move) && signal.kind !== 'complaint') return false;
  // A compliment or an idea is not escalated.
  if (
    (move === 'escalateToLocation' || move === 'escalateToOrganisation') &&
    !['complaint', 'concern', 'question', 'remark'].includes(signal.kind)
  )
    return false;
  if (move === 'addSupporter' && signal.escalation?.supporter) return false;
  return true;
}

/** The process's next move(s) for this signal, most urgent first; the card makes them primary. */
export function nextMoves(signal: Signal): MoveName[] {
  if (signal.status === 'closed') return [];
  if (signal.dispute && !signal.dispute.ruling) return ['disputeRuling'];
  if (signal.complaintsDesk && !signal.complaintsDesk.outcome && !signal.dispute) return ['complaintsDeskOutcome'];
  const satisfactionFirst = moveGuard(signal, 'close') === 'satisfactionRequired';
  const escalation = signal.escalation;
  if (escalation) {
    const { conversation } = escalation;
    if (conversation.mode !== 'writing' && !conversation.plannedFor) return ['conversationPlanned'];
    if (!escalation.confirmationSentAt) return ['confirmationSent'];
    if (!conversation.heldAt) return ['conversationHeld'];
    if (signal.kind === 'complaint' && !writtenOutcome(signal)) return ['recordDecision'];
    return satisfactionFirst ? ['handle'] : ['close'];
  }
  const escalate: MoveName = signal.step === 'employee' ? 'escalateToLocation' : 'escalateToOrganisation';
  if (satisfactionFirst) return ['handle', escalate];
  if (signal.handling?.satisfaction === 'notSatisfied') return [escalate];
  if (signal.kind === 'complaint' && !writtenOutcome(signal)) return ['recordDecision'];
  return ['close'];
}

export interface CardMoves {
  primary: MoveName[];
  secondary: MoveName[];
  /** An overdue step that cannot be taken yet, and why (the primary button is what comes first). */
  blocked?: { deadline: keyof Deadlines; reason: MoveError };
}

export interface CardMovesOptions {
  /** A group chat or channel: no moves whose form shows or asks personal data. */
  shared: boolean;
  /** The "plan in Outlook" button stands in for planning by hand as the next step. */
  planInOutlook: boolean;
  /** Deadlines that are late or nearly so (from the card's deadline rows). */
  pressing: readonly (keyof Deadlines)[];
}

/** The moves the card offers `person`, split into the next step(s) and the rest. */
export function cardMoves(signal: Signal, person: Person | undefined, options: CardMovesOptions): CardMoves {
  if (!person) return { primary: [], secondary: [] };
  const offered = availableMoves(signal).filter(
    (move) =>
      makesSense(signal, move) &&
      canMakeMove(person, signal, move) &&
      (!options.shared || WITHOUT_PERSONAL_DATA.has(move)),
  );
  const next = nextMoves(signal);
  // Planning in Outlook is its own primary button; planning by hand then stays in the overflow.
  const primary = next
    .filter((move) => offered.includes(move))
    .filter((move) => !(move === 'conversationPlanned' && options.planInOutlook))
    .slice(0, 2);
  const secondary = offered.filter((move) => !primary.includes(move));
  const blocked = blockedDeadline(signal, person, options.pressing);
  return { primary, secondary, ...(blocked ? { blocked } : {}) };
}

function blockedDeadline(
  signal: Signal,
  person: Person,
  pressing: readonly (keyof Deadlines)[],
): CardMoves['blocked'] | undefined {
  for (const deadline of pressing) {
    const move = MOVE_FOR_DEADLINE[deadline];
    if (!canMakeMove(person, signal, move)) continue;
    const reason = moveGuard(signal, move);
    if (reason && reason !== 'alreadyDone' && reason !== 'closed' && reason !== 'anonymised')
      return { deadline, reason };
  }
  return undefined;
}
