/**
 * Planning the step-2 conversation in Outlook, sending the letters, following the invite's answer.
 *
 * - offerSlots: free/busy of the manager (and staf kw when they support) -> up to three slots
 *   between the next working day and the conversation deadline, or the first one after it, flagged.
 * - pickSlot: records `conversationPlanned` (the offer's pickId is the event id, so a second click on
 *   the same offer changes nothing) and puts the invitation in the outbox with
 *   transactionId = transactionIdFor(signalId, 'conversation', attempt), attempt being the number of
 *   this conversationPlanned event in the history: the same pick always gives the same id (one
 *   event at Graph), a re-plan after a decline gives a new one. An invitation of an earlier pick
 *   that was already sent is withdrawn (Outlook cancel, its own outbox item, `invitationCancelled`
 *   in the history) once the re-plan is stored; one not yet sent is simply cancelled in the outbox.
 * - performMoveWithOutbound: performMove, then every letter the move generated goes through the
 *   outbox (e-mail when the parent has an address and did not choose post, else the print folder);
 *   a conversation re-planned by hand withdraws the invitation sent for the earlier time.
 *   Whatever fails is logged by the outbox (deliver) and shown on the card in Dutch.
 * - followInviteResponses: polls the answer of sent invitations and records changes on the signal.
 */
import { DateTime } from 'luxon';
import { canActOnSignal } from './access';
import { ZONE } from '../domain/deadlines';
import type { Person } from '../domain/organisation';
import { moveGuard, type MoveError } from '../domain/process';
import type { InviteResponse, Letter, Signal } from '../domain/signal';
import { PermanentOutboundError, TemporarilyUnavailableError, transactionIdFor } from './outbound-ports';
import {
  cancelPending,
  deliverNow,
  enqueue,
  isPlannableSlot,
  pendingOutboxFor,
  slotSettingsOf,
  SYSTEM_ACTOR,
  toInviteResponse,
  updateSignal,
  withdrawReplacedInvites,
  withEvent,
  type DeliveryResult,
  type LetterRoute,
  type OutboundDeps,
  type OutboxItem,
  type OutboxNotice,
} from './outbox';
import { performMove, viewSignal, type MoveOutcome, type MoveRequest } from './signal-moves';
import { planConversationSlots, planningWindow, type PlannedSlot } from './slot-planner';

export interface PlanningDeps extends OutboundDeps {
  /** A fresh id for each offer (the pick's event id). */
  newId: () => string;
}

// ---- offer ----------------------------------------------------------------------------------

export type OfferRefusal = MoveError | 'noManagerEmail' | 'noDeadline';

export type OfferOutcome =
  | {
      kind: 'slots';
      signal: Signal;
      slots: PlannedSlot[];
      /** Nothing fits before the deadline: `slots` holds the first free one after it. */
      afterDeadline: boolean;
      /** Shared by every slot button of this offer: one offer plans one conversation. */
      pickId: string;
      deadline: string;
    }
  | { kind: 'noSlots'; signal: Signal; deadline: string }
  | { kind: 'refused'; signal: Signal; reason: OfferRefusal }
  | { kind: 'calendarUnavailable'; signal: Signal }
  | { kind: 'calendarFailed'; signal: Signal; message: string }
  | { kind: 'unavailable' };

/** The people whose calendars must be free, by e-mail address (getSchedule needs addresses). */
async function requiredAddresses(deps: OutboundDeps, signal: Signal): Promise<string[] | undefined> {
  const escalation = signal.escalation;
  if (!escalation?.manager) return undefined;
  const manager = await deps.directory.findPerson(escalation.manager.id);
  if (!manager?.email) return undefined;
  const addresses = [manager.email];
  if (escalation.supporter) {
    const supporter = await deps.directory.findPerson(escalation.supporter.id);
    if (supporter?.email && supporter.email.toLowerCase() !== manager.email.toLowerCase())
      addresses.push(supporter.email);
  }
  return addresses;
}

export async function offerSlots(deps: PlanningDeps, signalId: string, person: Person): Promise<OfferOutcome> {
  const view = await viewSignal(deps, signalId, person);
  if (view.kind !== 'found' || !canActOnSignal(person, view.signal)) return { kind: 'unavailable' };
  const signal = view.signal;
  const guard = moveGuard(signal, 'conversationPlanned');
  if (guard) return { kind: 'refused', signal, reason: guard };
  const deadline = signal.deadlines.conversationBy;
  if (!deadline) return { kind: 'refused', signal, reason: 'noDeadline' };
  const people = await requiredAddresses(deps, signal);
  if (!people) return { kind: 'refused', signal, reason: 'noManagerEmail' };

  const settings = slotSettingsOf(deps.outbound);
  const now = deps.clock.now();
  const window = planningWindow(now, deadline, settings);
  let busy;
  try {
    busy = await deps.outbound.calendar.getFreeBusy(people, window.fromIso, window.toIso);
  } catch (error) {
    if (error instanceof TemporarilyUnavailableError) return { kind: 'calendarUnavailable', signal };
    if (error instanceof PermanentOutboundError) return { kind: 'calendarFailed', signal, message: error.message };
    throw error;
  }
  const plan = planConversationSlots({ now, deadline, requiredPeople: people, busy }, settings);
  if (plan.slots.length === 0) return { kind: 'noSlots', signal, deadline };
  return {
    kind: 'slots',
    signal,
    slots: plan.slots,
    afterDeadline: plan.afterDeadline,
    pickId: deps.newId(),
    deadline,
  };
}

// ---- pick -----------------------------------------------------------------------------------

export type InvitationState = 'sent' | 'pending' | 'failed';

export type PickOutcome =
  | { kind: 'planned'; signal: Signal; invitation: InvitationState; duplicate: boolean; pending: OutboxNotice[] }
  | { kind: 'invalidSlot'; signal: Signal }
  | Exclude<MoveOutcome, { kind: 'done' }>;

/** 1-based number of the conversationPlanned event `eventId` among all of them in the history. */
function attemptOf(signal: Signal, eventId: string): number {
  const planned = signal.history.filter((event) => event.type === 'conversationPlanned');
  const index = planned.findIndex((event) => event.id === eventId);
  return index < 0 ? planned.length + 1 : index + 1;
}

export function conversationTransactionId(signalId: string, attempt: number): string {
  return transactionIdFor(signalId, 'conversation', String(attempt));
}

function invitationState(item: OutboxItem | undefined, result: DeliveryResult | undefined): InvitationState {
  if (result === 'sent' || item?.state === 'sent') return 'sent';
  if (result === 'failed' || item?.state === 'failed') return 'failed';
  return 'pending';
}

export async function pickSlot(
  deps: PlanningDeps,
  request: { signalId: string; slotStart: string; pickId: string; person: Person; lateReason?: string },
): Promise<PickOutcome> {
  const settings = slotSettingsOf(deps.outbound);
  const start = DateTime.fromISO(request.slotStart, { setZone: true });
  const stored = await deps.store.get(request.signalId);
  if (!stored || !canActOnSignal(request.person, stored.value)) return { kind: 'unavailable' };
  const alreadyPicked = stored.value.history.some((event) => event.id === request.pickId);
  if (!alreadyPicked && (!isPlannableSlot(request.slotStart, settings) || start.toJSDate() <= deps.clock.now())) {
    return { kind: 'invalidSlot', signal: stored.value };
  }

  const outcome = await performMove(deps, {
    signalId: request.signalId,
    command: {
      name: 'conversationPlanned',
      input: {
        plannedFor: start.toUTC().toISO()!,
        ...(request.lateReason ? { lateReason: request.lateReason } : {}),
      },
    },
    actor: request.person,
    eventId: request.pickId,
  });
  if (outcome.kind !== 'done') return outcome;

  const signal = outcome.signal;
  const plannedEvent = signal.history.find((event) => event.id === request.pickId);
  // The pick's own time: on a duplicate, what the first click stored (its `after`), not this click's.
  const plannedFor = plannedForOf(plannedEvent?.after) ?? signal.escalation?.conversation.plannedFor;
  if (!plannedFor) return { kind: 'planned', signal, invitation: 'failed', duplicate: outcome.duplicate, pending: [] };
  const attempt = attemptOf(signal, request.pickId);
  const transactionId = conversationTransactionId(signal.id, attempt);
  const earlier = (await deps.outbound.outbox.listForSignal(signal.id)).filter(
    (item) => item.work.kind === 'invite' && item.id !== transactionId,
  );
  // Only the latest pick's invitation still makes sense.
  if (!outcome.duplicate) await cancelPending(deps, earlier);
  const item = await enqueue(deps, signal, transactionId, {
    kind: 'invite',
    attempt,
    plannedFor,
    durationMinutes: settings.slotMinutes,
  });
  const [result] = await deliverNow(deps, [item]);
  await withdrawReplaced(deps, signal.id);
  const after = await deps.outbound.outbox.get(item.id);
  const current = (await deps.store.get(signal.id))?.value ?? signal;
  return {
    kind: 'planned',
    signal: current,
    invitation: invitationState(after, result),
    duplicate: outcome.duplicate,
    pending: await pendingOutboxFor(deps.outbound.outbox, signal.id),
  };
}

/** Queues and tries the withdrawal of sent invitations that the signal's planning replaced. */
async function withdrawReplaced(deps: OutboundDeps, signalId: string): Promise<boolean> {
  const signal = (await deps.store.get(signalId))?.value;
  if (!signal) return false;
  const withdrawals = await withdrawReplacedInvites(deps, signal);
  if (withdrawals.length > 0) await deliverNow(deps, withdrawals);
  return withdrawals.length > 0;
}

function plannedForOf(after: Record<string, unknown> | undefined): string | undefined {
  const escalation = after?.escalation as { conversation?: { plannedFor?: unknown } } | null | undefined;
  const value = escalation?.conversation?.plannedFor;
  return typeof value === 'string' ? value : undefined;
}

// ---- letters --------------------------------------------------------------------------------

/**
 * How a letter reaches the parent: by e-mail when there is an address and the parent did not get
 * it by post (a decision recorded as sent by letter is printed only); otherwise printed.
 */
export function letterRoute(signal: Signal, letter: Letter): LetterRoute {
  if (!signal.parent?.email) return 'print';
  if (letter.kind === 'decision' && signal.decision?.sentVia === 'letter') return 'print';
  return 'email';
}

export type OutboundMoveOutcome = MoveOutcome & { letters?: OutboxItem[] };

/**
 * performMove, then the letters this move generated go out through the outbox (tried at once; if
 * the mail is down they wait for drainOutbox). Use it wherever a move may generate a letter
 * (confirmationSent, recordDecision). Safe on a re-sent turn: the letter keys are the same.
 */
export async function performMoveWithOutbound(deps: OutboundDeps, request: MoveRequest): Promise<OutboundMoveOutcome> {
  const outcome = await performMove(deps, request);
  if (outcome.kind !== 'done') return outcome;
  // Planned by hand for another time: the invitation sent for the earlier time no longer stands.
  const withdrew = request.command.name === 'conversationPlanned' && (await withdrawReplaced(deps, request.signalId));
  const letters = (outcome.signal.letters ?? []).filter((letter) => letter.id.startsWith(`${request.eventId}:`));
  if (letters.length === 0) {
    return withdrew
      ? { ...outcome, signal: (await deps.store.get(request.signalId))?.value ?? outcome.signal }
      : outcome;
  }
  const items: OutboxItem[] = [];
  for (const letter of letters) {
    items.push(
      await enqueue(deps, outcome.signal, letter.id, {
        kind: 'letter',
        letterId: letter.id,
        letterKind: letter.kind,
        route: letterRoute(outcome.signal, letter),
      }),
    );
  }
  await deliverNow(deps, items);
  const signal = (await deps.store.get(request.signalId))?.value ?? outcome.signal;
  const stored = await Promise.all(items.map((item) => deps.outbound.outbox.get(item.id)));
  return { ...outcome, signal, letters: stored.filter((item): item is OutboxItem => item !== undefined) };
}

// ---- the invite's answer --------------------------------------------------------------------

export interface FollowSummary {
  checked: number;
  changed: number;
  stopped: number;
  unavailable: number;
}

/**
 * Polls the answer to every followed invitation and records a change on the signal
 * (`invitationAnswered`, escalation.conversation.response). A decline makes the card ask the
 * manager for another slot. Following stops when the conversation was held or re-planned, the
 * planned time has passed, or the signal was closed.
 */
export async function followInviteResponses(
  deps: OutboundDeps,
  options: { limit?: number } = {},
): Promise<FollowSummary> {
  const summary: FollowSummary = { checked: 0, changed: 0, stopped: 0, unavailable: 0 };
  const { outbox, calendar } = deps.outbound;
  const now = deps.clock.now();
  for (const item of await outbox.listFollowing(options.limit ?? 200)) {
    const signal = (await deps.store.get(item.signalId))?.value;
    const conversation = signal?.escalation?.conversation;
    const current =
      signal &&
      signal.status === 'open' &&
      signal.parent &&
      conversation &&
      !conversation.heldAt &&
      item.work.kind === 'invite' &&
      conversation.plannedFor === item.work.plannedFor &&
      Date.parse(item.work.plannedFor) > now.getTime();
    if (!current || !item.eventId || !item.organizerId) {
      if (await outbox.update({ ...item, following: false, updatedAt: now.toISOString() })) summary.stopped += 1;
      continue;
    }
    summary.checked += 1;
    let response;
    try {
      response = toInviteResponse(await calendar.getEventResponse(item.organizerId, item.eventId));
    } catch (error) {
      if (error instanceof TemporarilyUnavailableError) {
        summary.unavailable += 1;
        continue;
      }
      if (error instanceof PermanentOutboundError) {
        await outbox.update({ ...item, following: false, lastError: `${error.status ?? error.code}` });
        summary.stopped += 1;
        continue;
      }
      throw error;
    }
    const eventId = item.eventId;
    let recorded = false;
    await updateSignal(deps, item.signalId, (fresh) => {
      const escalation = fresh.escalation;
      const convo = escalation?.conversation;
      if (!escalation || !convo || convo.eventId !== eventId || (convo.response ?? 'none') === response)
        return undefined;
      const count = fresh.history.filter((event) => event.type === 'invitationAnswered').length;
      recorded = true;
      return withEvent(
        fresh,
        {
          id: `invite:${item.id}:answer:${count + 1}`,
          type: 'invitationAnswered',
          at: now.toISOString(),
          actor: SYSTEM_ACTOR,
        },
        {
          escalation: {
            ...escalation,
            conversation: { ...convo, response, respondedAt: now.toISOString() },
          },
        },
      );
    });
    if (recorded) summary.changed += 1;
  }
  return summary;
}

/** For the card: the answer to the current invitation, if one was sent for the planned time. */
export function currentInviteResponse(signal: Signal): InviteResponse | undefined {
  const conversation = signal.escalation?.conversation;
  if (!conversation?.eventId || conversation.invitedFor !== conversation.plannedFor) return undefined;
  return conversation.response;
}

/** Dutch date-time of a slot, e.g. "do 3 dec 2026" and "10:00". */
export function slotParts(slot: PlannedSlot): { day: string; from: string; to: string } {
  const start = DateTime.fromISO(slot.start, { zone: ZONE }).setLocale('nl');
  const end = DateTime.fromISO(slot.end, { zone: ZONE }).setLocale('nl');
  return { day: start.toFormat('cccc d LLLL yyyy'), from: start.toFormat('HH:mm'), to: end.toFormat('HH:mm') };
}
