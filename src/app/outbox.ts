/**
 * The outbox: outbound work (an Outlook invitation, a letter) waits here, in the store, until it is
 * done. Nothing is lost when Graph is down, and nothing is sent twice:
 *
 * - One item per idempotency key (the invitation's transactionId, the letter's id): adding it again
 *   is a no-op.
 * - An item is claimed (compare-and-set on its version) before the work starts; only the claimer
 *   sends. A second instance, or a re-sent Teams turn, finds it claimed or sent and skips it.
 * - A claim that expired (the sender crashed or hung) is taken again only where a repeat is
 *   harmless: invitations carry their transactionId (Graph keeps one event), printed letters are
 *   written once. An e-mail whose claim expired may have gone out (sendMail has no idempotency), so
 *   it becomes `unconfirmed`, shown on the card, never resent.
 * - Temporarily unavailable (429/5xx after the client's retries, timeouts, nothing sent) -> back to
 *   `pending` with a backoff honouring Retry-After; permanently refused -> `failed`, shown on the
 *   card. An e-mail whose outcome is unknown (UnconfirmedOutboundError: Graph may have sent it)
 *   becomes `unconfirmed` at once, like an expired claim. Either is logged at warn (ids, reference,
 *   kind and the raw reason; never addresses or letter text) and the card names the reason in
 *   Dutch words, not codes.
 * - A re-plan that replaces an invitation already sent queues the withdrawal of that Outlook event
 *   as its own item (`cancelInvite`, key derived from the invitation's), so the attendees get a
 *   cancellation once; its history event is an `invitationCancelled` (after: the attempt withdrawn).
 * - Work tried during a Teams turn (deliverNow) lets the adapters wait at most TURN_MAX_WAIT_MS for
 *   a throttled service; a longer Retry-After leaves the item pending until then.
 * - After the work is done, the signal's history records it (`invitationSent`, `invitationCancelled`,
 *   `letterEmailed`, `letterPrintReady`); an item sent but not yet recorded (crash in between) is
 *   recorded by the next drain.
 *
 * The outbox holds no personal data: work names the signal and the letter or planned time, and
 * the addresses are read from the signal when the work is done (so an anonymised signal sends
 * nothing).
 */
import { conversationDetails, letterSettings, meetingPlace, stepOneLocationManager } from './letters';
import { invitationText } from '../i18n/letters-nl';
import { DateTime } from 'luxon';
import type { LetterKind, Signal, SignalEvent, InviteResponse } from '../domain/signal';
import { isWorkingDay } from '../domain/calendar';
import { ZONE } from '../domain/deadlines';
import { nl } from '../i18n/nl';
import { nlPlanning, type OutboxFailure } from '../i18n/nl-planning';
import type { Logger } from '../logging';
import {
  CONVERSATION_TIME_ZONE,
  PermanentOutboundError,
  TemporarilyUnavailableError,
  transactionIdFor,
  UnconfirmedOutboundError,
  type Calendar,
  type ConversationInvite,
  type InviteAttendee,
  type Mailer,
  type Notifier,
  type OutboundCallOptions,
} from './outbound-ports';
import { ConcurrencyError } from './ports';
import type { SignalDeps } from './signal-moves';
import { DEFAULT_SLOT_SETTINGS, type SlotPlannerSettings } from './slot-planner';

// ---- items ----------------------------------------------------------------------------------

export const OUTBOX_STATES = ['pending', 'claimed', 'sent', 'failed', 'cancelled', 'unconfirmed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** How a letter reaches the parent. */
export type LetterRoute = 'email' | 'print';

export type OutboxWork =
  | {
      kind: 'invite';
      /** 1 for the first invitation of the signal, +1 per re-plan: part of the transactionId. */
      attempt: number;
      /** ISO instant the conversation starts; the invitation is built from the signal when sent. */
      plannedFor: string;
      durationMinutes: number;
    }
  | { kind: 'letter'; letterId: string; letterKind: LetterKind; route: LetterRoute }
  | {
      /** Withdraws a sent invitation that a re-plan replaced (see withdrawReplacedInvites). */
      kind: 'cancelInvite';
      /** The invitation item (its transactionId). */
      invite: string;
      attempt: number;
      eventId: string;
      organizerId: string;
    };

export interface OutboxItem {
  /** The idempotency key: the invitation's transactionId, or the letter's id. */
  id: string;
  signalId: string;
  reference: string;
  work: OutboxWork;
  state: OutboxState;
  /** How many times the work was claimed (tried). */
  attempts: number;
  createdAt: string;
  updatedAt: string;
  /** A pending item is not tried before this instant. */
  nextAttemptAt: string;
  /** Who holds the claim, and until when. */
  holder?: string;
  claimedUntil?: string;
  /** The last failure, for the log (no personal data: a status code or error name). */
  lastError?: string;
  /** What kind of failure that was, for the card's Dutch words (see nlPlanning.failures). */
  failure?: OutboxFailure;
  /** Set when the work was done. */
  doneAt?: string;
  /** Invitations: the calendar event and whose calendar it is in. */
  eventId?: string;
  organizerId?: string;
  /** Invitations: the Teams link of the online meeting Graph created. */
  joinUrl?: string;
  /** When the result was written into the signal's history. */
  recordedAt?: string;
  /** Invitations: the bot follows the answer while this is true. */
  following?: boolean;
  /** Set by the store on every write; `update` only succeeds against the version it was read at. */
  version: string;
}

export type NewOutboxItem = Omit<OutboxItem, 'version'>;

/**
 * When an item needs the drain's attention, or undefined when it does not (any more). Both stores
 * index this one value, so "what is due" is a single range query.
 */
export function dueAtOf(item: Omit<OutboxItem, 'version'>): string | undefined {
  if (item.state === 'pending') return item.nextAttemptAt;
  if (item.state === 'claimed') return item.claimedUntil ?? item.updatedAt;
  if (item.state === 'sent' && !item.recordedAt) return item.updatedAt;
  return undefined;
}

/** Where outbox items live: the same store as the signals (a table in SQLite, a container in Cosmos). */
export interface OutboxStore {
  /** Creates the table or container when missing. */
  init(): Promise<void>;
  /** Inserts the item unless one with its id exists; then returns the stored one unchanged. */
  add(item: NewOutboxItem): Promise<{ item: OutboxItem; created: boolean }>;
  get(id: string): Promise<OutboxItem | undefined>;
  /** Every item of one signal, oldest first. */
  listForSignal(signalId: string): Promise<OutboxItem[]>;
  /** Items whose `dueAtOf` is at or before `nowIso`, earliest first. */
  listDue(nowIso: string, limit: number): Promise<OutboxItem[]>;
  /** Sent invitations whose answer the bot follows. */
  listFollowing(limit: number): Promise<OutboxItem[]>;
  /**
   * Writes `next` if the stored item still has `next.version`; returns the stored item with its
   * new version, or undefined when someone else changed it first (then nothing was written).
   */
  update(next: OutboxItem): Promise<OutboxItem | undefined>;
  close(): Promise<void>;
}

// ---- ports around the outbox ----------------------------------------------------------------

export interface PrintableLetter {
  /** The letter id; the same key writes the same file once. */
  key: string;
  reference: string;
  recipientName: string;
  subject: string;
  text: string;
}

/** Produces a letter to be printed and posted (a file in the outbox's print folder). */
export interface LetterPrinter {
  print(letter: PrintableLetter): Promise<{ location: string }>;
}

/** Everything outbound, built once by the composition root (createOutbound). */
export interface OutboundServices {
  calendar: Calendar;
  mailer: Mailer;
  notifier: Notifier;
  outbox: OutboxStore;
  printer: LetterPrinter;
  /** 'graph' with GRAPH_* settings, else 'local' (files in the outbox folder). */
  mode: 'graph' | 'local';
  /** This instance's name in claims. */
  holder: string;
  slotSettings?: Partial<SlotPlannerSettings>;
  /** How long a claim lasts; longer than one Graph call with its retries. Default 5 minutes. */
  claimTtlMs?: number;
  /** Attempts after which an item that keeps failing temporarily is given up. Default 50. */
  maxAttempts?: number;
  /** Where a failed or unconfirmed delivery is logged (warn); none: not logged here. */
  logger?: Logger;
}

export interface OutboundDeps extends SignalDeps {
  outbound: OutboundServices;
}

export function slotSettingsOf(outbound: OutboundServices): SlotPlannerSettings {
  return { ...DEFAULT_SLOT_SETTINGS, ...outbound.slotSettings };
}

// ---- enqueue --------------------------------------------------------------------------------

/** Adds work for a signal (no-op when the key is known) and returns the stored item. */
export async function enqueue(
  deps: OutboundDeps,
  signal: Pick<Signal, 'id' | 'reference'>,
  id: string,
  work: OutboxWork,
): Promise<OutboxItem> {
  const now = deps.clock.now().toISOString();
  const { item } = await deps.outbound.outbox.add({
    id,
    signalId: signal.id,
    reference: signal.reference,
    work,
    state: 'pending',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    nextAttemptAt: now,
  });
  return item;
}

/** Cancels pending work that a newer decision replaced (e.g. the invitation of an earlier pick). */
export async function cancelPending(deps: OutboundDeps, items: readonly OutboxItem[]): Promise<void> {
  const now = deps.clock.now().toISOString();
  for (const item of items) {
    if (item.state !== 'pending') continue;
    await deps.outbound.outbox.update({ ...item, state: 'cancelled', updatedAt: now, doneAt: now });
  }
}

// ---- claim and deliver ----------------------------------------------------------------------

export type DeliveryResult = 'sent' | 'retry' | 'failed' | 'cancelled' | 'unconfirmed' | 'recorded' | 'skipped';

const DEFAULT_CLAIM_TTL_MS = 5 * 60_000;
const DEFAULT_MAX_ATTEMPTS = 50;
const MAX_BACKOFF_MS = 60 * 60_000;

function plusMs(at: Date, ms: number): string {
  return new Date(at.getTime() + ms).toISOString();
}

/** How long a throttled adapter may wait while a person waits for their Teams turn (deliverNow). */
export const TURN_MAX_WAIT_MS = 5_000;

/** One warn line per delivery that ended failed or unconfirmed: ids and codes, no personal data. */
function logAttention(deps: OutboundDeps, item: OutboxItem, state: 'failed' | 'unconfirmed', reason: string): void {
  deps.outbound.logger?.warn(
    {
      itemId: item.id,
      signalId: item.signalId,
      reference: item.reference,
      kind: item.work.kind,
      ...(item.work.kind === 'letter' ? { letterKind: item.work.letterKind, route: item.work.route } : {}),
      state,
      reason,
      attempts: item.attempts,
    },
    state === 'failed'
      ? 'outbox work failed; a person must look at it'
      : 'outbox work unconfirmed; a person must check it',
  );
}

/** Takes the item for this instance, or undefined when it is not ours to do. */
async function claim(deps: OutboundDeps, item: OutboxItem): Promise<OutboxItem | undefined> {
  const { outbox, holder } = deps.outbound;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  if (item.state === 'claimed') {
    if ((item.claimedUntil ?? item.updatedAt) > nowIso) return undefined;
    if (item.work.kind === 'letter' && item.work.route === 'email') {
      // The sender stopped after claiming: the e-mail may have gone out. Never send it again.
      const lastError = `claim of ${item.holder ?? 'unknown'} expired`;
      const marked = await outbox.update({
        ...item,
        state: 'unconfirmed',
        updatedAt: nowIso,
        holder: undefined,
        claimedUntil: undefined,
        lastError,
        failure: 'unknown',
      });
      if (marked) logAttention(deps, marked, 'unconfirmed', lastError);
      return undefined;
    }
    // An invitation (transactionId) or a printed letter (written once) is safe to do again.
  } else if (item.state !== 'pending' || item.nextAttemptAt > nowIso) {
    return undefined;
  }
  return outbox.update({
    ...item,
    state: 'claimed',
    holder,
    claimedUntil: plusMs(now, deps.outbound.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS),
    attempts: item.attempts + 1,
    updatedAt: nowIso,
  });
}

type WorkOutcome =
  | { kind: 'done'; eventId?: string; organizerId?: string; joinUrl?: string }
  /** The work no longer applies (re-planned, anonymised, conversation held...). */
  | { kind: 'obsolete'; reason: string };

/** Does the work of a claimed item. Throws the adapters' errors. */
async function perform(
  deps: OutboundDeps,
  item: OutboxItem,
  signal: Signal | undefined,
  options: OutboundCallOptions,
): Promise<WorkOutcome> {
  const { work } = item;
  if (work.kind === 'cancelInvite') {
    // No personal data needed, so also for a signal anonymised meanwhile: the event must go.
    const conversation = signal?.escalation?.conversation;
    if (conversation?.eventId === work.eventId && conversation.invitedFor === conversation.plannedFor)
      return { kind: 'obsolete', reason: 'the invitation is current again' };
    await deps.outbound.calendar.cancelEvent(
      work.organizerId,
      work.eventId,
      nlPlanning.invite.cancelComment(item.reference),
      options,
    );
    return { kind: 'done' };
  }
  if (!signal || !signal.parent) return { kind: 'obsolete', reason: 'signal gone or anonymised' };
  if (work.kind === 'invite') {
    const conversation = signal.escalation?.conversation;
    if (!conversation || conversation.heldAt) return { kind: 'obsolete', reason: 'conversation held' };
    if (conversation.plannedFor !== work.plannedFor) return { kind: 'obsolete', reason: 're-planned' };
    const invite = await buildInvite(deps, signal, item.id, work);
    const { eventId, joinUrl } = await deps.outbound.calendar.createEvent(invite, options);
    return { kind: 'done', eventId, organizerId: invite.organizerId, ...(joinUrl ? { joinUrl } : {}) };
  }
  const letter = signal.letters?.find((candidate) => candidate.id === work.letterId);
  if (!letter) return { kind: 'obsolete', reason: 'letter gone' };
  const email = signal.parent.email;
  if (work.route === 'email' && email) {
    await deps.outbound.mailer.send(
      {
        idempotencyKey: letter.id,
        to: { name: signal.parent.name, email },
        subject: letter.subject,
        text: letter.body,
        reference: signal.reference,
      },
      options,
    );
  } else {
    await deps.outbound.printer.print({
      key: letter.id,
      reference: signal.reference,
      recipientName: signal.parent.name,
      subject: letter.subject,
      text: letter.body,
    });
  }
  return { kind: 'done' };
}

/** The invitation for the planned conversation: only what the meeting needs, never the complaint text. */
export async function buildInvite(
  deps: OutboundDeps,
  signal: Signal,
  transactionId: string,
  work: Extract<OutboxWork, { kind: 'invite' }>,
): Promise<ConversationInvite> {
  const escalation = signal.escalation;
  const managerRef = escalation?.manager;
  if (!escalation || !managerRef || escalation.conversation.mode === 'writing') {
    throw new PermanentOutboundError('createEvent', undefined, 'noConversation', 'no conversation to invite for');
  }
  const manager = await deps.directory.findPerson(managerRef.id);
  const organizerId = manager?.email ?? managerRef.id;
  const attendees: InviteAttendee[] = [];
  if (signal.parent?.email) attendees.push({ name: signal.parent.name, email: signal.parent.email, role: 'parent' });
  if (escalation.supporter) {
    const supporter = await deps.directory.findPerson(escalation.supporter.id);
    if (supporter?.email) {
      // Staf kw supports; the conversation does not depend on their answer.
      attendees.push({ name: supporter.name, email: supporter.email, role: 'supporter', optional: true });
    }
  }
  // The location manager the parent met at step 1 joins the conversation.
  const stepOne = stepOneLocationManager(signal);
  if (stepOne && stepOne.id !== managerRef.id) {
    const locationManager = await deps.directory.findPerson(stepOne.id);
    if (locationManager?.email)
      // Optional, like staf kw: the answer that counts is the parent's.
      attendees.push({ name: locationManager.name, email: locationManager.email, role: 'other', optional: true });
  }
  const organisation = deps.directory.organisation();
  const locationName = organisation.locations.find((l) => l.id === signal.locationId)?.name ?? signal.locationId;
  const place = escalation.conversation.mode === 'meeting' ? meetingPlace(signal, organisation) : undefined;
  const start = DateTime.fromISO(work.plannedFor);
  // The text follows the invitation's own time (a re-plan sends a new one).
  const planned: Signal = {
    ...signal,
    escalation: { ...escalation, conversation: { ...escalation.conversation, plannedFor: work.plannedFor } },
  };
  return {
    transactionId,
    organizerId,
    ...(manager?.email ? { organizer: { name: manager.name, email: manager.email } } : {}),
    attendees,
    start: start.toUTC().toISO()!,
    end: start.plus({ minutes: work.durationMinutes }).toUTC().toISO()!,
    timeZone: CONVERSATION_TIME_ZONE,
    reference: signal.reference,
    subject: nlPlanning.invite.subject(nl.kinds[signal.kind], signal.reference),
    summary: nlPlanning.invite.summary(nl.kinds[signal.kind], locationName),
    ...(place ? { place } : {}),
    ...(signal.parent
      ? {
          text: invitationText({
            parentName: signal.parent.name,
            reference: signal.reference,
            kindWord: nl.kinds[signal.kind].toLowerCase(),
            conversation: conversationDetails(planned, organisation),
            settings: letterSettings(organisation),
          }),
        }
      : {}),
    mode: escalation.conversation.mode,
    ...(escalation.conversation.mode === 'phone' ? { phoneNote: nlPlanning.invite.phoneNote(managerRef.name) } : {}),
  };
}

function backoffMs(attempts: number, retryAfterMs: number | undefined): number {
  const exponential = Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, attempts - 1));
  return Math.max(retryAfterMs ?? 0, exponential);
}

/** The raw reason, for the log and the drain's attention list: a status code or an error name. */
function describe(error: unknown): string {
  if (error instanceof PermanentOutboundError) return `${error.status ?? error.code}`;
  if (error instanceof TemporarilyUnavailableError || error instanceof UnconfirmedOutboundError)
    return `${error.status ?? 'no answer'}`;
  return error instanceof Error ? error.name : 'unknown';
}

/** What the card says about the failure, in words a person understands. */
function failureOf(error: unknown): OutboxFailure {
  if (error instanceof PermanentOutboundError) return error.status === undefined ? 'invalid' : 'refused';
  if (error instanceof TemporarilyUnavailableError) return 'unreachable';
  return 'unknown';
}

/**
 * Claims and does one item; records the result in the signal. Never throws for the work's own
 * errors. `options` go to the adapter (deliverNow passes the short wait of a Teams turn).
 */
export async function deliver(
  deps: OutboundDeps,
  item: OutboxItem,
  options: OutboundCallOptions = {},
): Promise<DeliveryResult> {
  if (item.state === 'sent') return (await record(deps, item)) ? 'recorded' : 'skipped';
  const claimed = await claim(deps, item);
  if (!claimed) return (await deps.outbound.outbox.get(item.id))?.state === 'unconfirmed' ? 'unconfirmed' : 'skipped';
  const { outbox } = deps.outbound;
  const signal = (await deps.store.get(claimed.signalId))?.value;
  let outcome: WorkOutcome;
  try {
    outcome = await perform(deps, claimed, signal, options);
  } catch (error) {
    const now = deps.clock.now();
    const reason = describe(error);
    if (error instanceof UnconfirmedOutboundError) {
      // The service may have done it (an e-mail without idempotency key): never again by itself.
      const marked = await outbox.update({
        ...claimed,
        state: 'unconfirmed',
        holder: undefined,
        claimedUntil: undefined,
        updatedAt: now.toISOString(),
        doneAt: now.toISOString(),
        lastError: reason,
        failure: failureOf(error),
      });
      if (marked) logAttention(deps, marked, 'unconfirmed', reason);
      return 'unconfirmed';
    }
    // A refusal does not get better by retrying; nor does work that failed this often.
    const failed =
      error instanceof PermanentOutboundError ||
      claimed.attempts >= (deps.outbound.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    const retryAfter = error instanceof TemporarilyUnavailableError ? error.retryAfterMs : undefined;
    const stored = await outbox.update({
      ...claimed,
      state: failed ? 'failed' : 'pending',
      holder: undefined,
      claimedUntil: undefined,
      updatedAt: now.toISOString(),
      nextAttemptAt: failed ? claimed.nextAttemptAt : plusMs(now, backoffMs(claimed.attempts, retryAfter)),
      lastError: reason,
      failure: failureOf(error),
      ...(failed ? { doneAt: now.toISOString() } : {}),
    });
    if (failed && stored) logAttention(deps, stored, 'failed', reason);
    return failed ? 'failed' : 'retry';
  }
  const nowIso = deps.clock.now().toISOString();
  if (outcome.kind === 'obsolete') {
    await outbox.update({
      ...claimed,
      state: 'cancelled',
      holder: undefined,
      claimedUntil: undefined,
      updatedAt: nowIso,
      doneAt: nowIso,
      lastError: outcome.reason,
    });
    return 'cancelled';
  }
  const sent = await outbox.update({
    ...claimed,
    state: 'sent',
    holder: undefined,
    claimedUntil: undefined,
    updatedAt: nowIso,
    doneAt: nowIso,
    lastError: undefined,
    failure: undefined,
    ...(outcome.eventId ? { eventId: outcome.eventId, organizerId: outcome.organizerId, following: true } : {}),
    ...(outcome.joinUrl ? { joinUrl: outcome.joinUrl } : {}),
  });
  // Lost the item to another instance after its claim expired: that one records it.
  if (sent) await record(deps, sent);
  return 'sent';
}

export const SYSTEM_ACTOR = { id: 'klantsignaal', name: 'Klantsignaal' } as const;

/**
 * Applies a change to the stored signal with optimistic concurrency (reloads and retries on a
 * conflict). `change` returns undefined when there is nothing (more) to do.
 */
export async function updateSignal(
  deps: SignalDeps,
  signalId: string,
  change: (signal: Signal) => Signal | undefined,
): Promise<Signal | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    const stored = await deps.store.get(signalId);
    if (!stored) return undefined;
    const next = change(stored.value);
    if (!next) return stored.value;
    try {
      return (await deps.store.replace(next, stored.etag)).value;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 5) throw error;
    }
  }
}

function snapshot(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** Appends a system event to the history, once per id. */
export function withEvent(
  signal: Signal,
  event: SignalEvent,
  changed: Partial<Pick<Signal, 'escalation'>> = {},
): Signal {
  if (signal.history.some((existing) => existing.id === event.id)) return signal;
  const before: Record<string, unknown> = { ...event.before };
  const after: Record<string, unknown> = { ...event.after };
  if ('escalation' in changed) {
    before.escalation = snapshot(signal.escalation);
    after.escalation = snapshot(changed.escalation);
  }
  return { ...signal, ...changed, history: [...signal.history, { ...event, before, after }] };
}

/**
 * Writes the result of sent work into the signal's history, then marks the item recorded. An
 * invitation that turns out replaced (re-planned while it was being sent) gets its withdrawal
 * queued, for the next drain.
 */
async function record(deps: OutboundDeps, item: OutboxItem): Promise<boolean> {
  const at = item.doneAt ?? deps.clock.now().toISOString();
  const eventId = `outbox:${item.id}`;
  const updated = await updateSignal(deps, item.signalId, (signal) => {
    if (signal.history.some((event) => event.id === eventId)) return undefined;
    const { work } = item;
    if (work.kind === 'cancelInvite') {
      // Only the attempt number and a fixed Dutch note: no addresses, names or times of the family.
      return withEvent(signal, {
        id: eventId,
        type: 'invitationCancelled',
        at,
        actor: SYSTEM_ACTOR,
        after: { attempt: work.attempt },
        note: nlPlanning.history.invitationWithdrawn,
      });
    }
    if (work.kind === 'letter') {
      return withEvent(signal, {
        id: eventId,
        type: work.route === 'email' && signal.parent?.email ? 'letterEmailed' : 'letterPrintReady',
        at,
        actor: SYSTEM_ACTOR,
        after: { letterId: work.letterId, kind: work.letterKind, via: work.route, sentAt: at },
      });
    }
    const escalation = signal.escalation;
    // Re-planned meanwhile: the invitation went out, but it is not the current one.
    const current = escalation && escalation.conversation.plannedFor === work.plannedFor;
    const event: SignalEvent = {
      id: eventId,
      type: 'invitationSent',
      at,
      actor: SYSTEM_ACTOR,
      after: { attempt: work.attempt },
    };
    if (!current || !item.eventId) return withEvent(signal, event);
    const {
      response: _response,
      respondedAt: _respondedAt,
      joinUrl: _earlierLink,
      ...conversation
    } = escalation.conversation;
    return withEvent(signal, event, {
      escalation: {
        ...escalation,
        conversation: {
          ...conversation,
          eventId: item.eventId,
          invitedFor: work.plannedFor,
          response: 'none',
          ...(item.joinUrl ? { joinUrl: item.joinUrl } : {}),
        },
      },
    });
  });
  if (updated && item.work.kind === 'invite') await withdrawReplacedInvites(deps, updated);
  const stored = await deps.outbound.outbox.get(item.id);
  if (!stored || stored.recordedAt) return false;
  await deps.outbound.outbox.update({ ...stored, recordedAt: deps.clock.now().toISOString() });
  return true;
}

/** The withdrawal's key: one per invitation, so queueing it again is a no-op. */
export function cancelItemIdFor(inviteItemId: string): string {
  return transactionIdFor(inviteItemId, 'cancel');
}

/**
 * A sent invitation is replaced when the conversation is now planned for another time, or another
 * invitation is the current one (a re-plan to the same time after a decline). A held conversation
 * cannot be re-planned, so its invitation stays.
 */
function isReplaced(item: OutboxItem, signal: Signal): boolean {
  if (item.work.kind !== 'invite') return false;
  const conversation = signal.escalation?.conversation;
  if (!conversation?.plannedFor) return false;
  if (conversation.plannedFor !== item.work.plannedFor) return true;
  return Boolean(conversation.eventId && conversation.eventId !== item.eventId);
}

/**
 * Queues the withdrawal (Outlook cancel) of every sent invitation of the signal that a re-plan
 * replaced. Idempotent: one cancel item per invitation. Returns the ones still to do.
 */
export async function withdrawReplacedInvites(deps: OutboundDeps, signal: Signal): Promise<OutboxItem[]> {
  const items = await deps.outbound.outbox.listForSignal(signal.id);
  const queued: OutboxItem[] = [];
  for (const item of items) {
    if (item.work.kind !== 'invite' || item.state !== 'sent' || !item.eventId || !item.organizerId) continue;
    if (!isReplaced(item, signal)) continue;
    const cancel = await enqueue(deps, signal, cancelItemIdFor(item.id), {
      kind: 'cancelInvite',
      invite: item.id,
      attempt: item.work.attempt,
      eventId: item.eventId,
      organizerId: item.organizerId,
    });
    if (cancel.state === 'pending') queued.push(cancel);
  }
  return queued;
}

// ---- drain ----------------------------------------------------------------------------------

export interface DrainSummary {
  sent: number;
  retry: number;
  failed: number;
  cancelled: number;
  unconfirmed: number;
  recorded: number;
  skipped: number;
  /**
   * The items this run gave up (`failed`) or left `unconfirmed`: a person should look at them. Ids,
   * the signal's reference and the adapter's reason only (no personal data), for the log line.
   */
  attention: OutboxAttention[];
}

export interface OutboxAttention {
  itemId: string;
  reference: string;
  kind: OutboxWork['kind'];
  state: 'failed' | 'unconfirmed';
  /** `lastError`: a status code or error name (see `describe`), never the work's content. */
  reason: string;
}

/**
 * Does every due item once, one at a time (Outlook allows 4 concurrent requests per mailbox).
 * Safe to run on several instances at once: claims decide who sends. Schedule it next to the
 * reminder sweep (every few minutes).
 */
export async function drainOutbox(deps: OutboundDeps, options: { limit?: number } = {}): Promise<DrainSummary> {
  const summary: DrainSummary = {
    sent: 0,
    retry: 0,
    failed: 0,
    cancelled: 0,
    unconfirmed: 0,
    recorded: 0,
    skipped: 0,
    attention: [],
  };
  const due = await deps.outbound.outbox.listDue(deps.clock.now().toISOString(), options.limit ?? 50);
  for (const item of due) {
    const result = await deliver(deps, item);
    summary[result] += 1;
    if (result === 'failed' || result === 'unconfirmed') {
      const stored = await deps.outbound.outbox.get(item.id);
      summary.attention.push({
        itemId: item.id,
        reference: item.reference,
        kind: item.work.kind,
        state: result,
        reason: stored?.lastError ?? '',
      });
    }
  }
  return summary;
}

/**
 * Tries the given items now (right after enqueueing them), as the drain would, while a person
 * waits: a throttled service is waited for TURN_MAX_WAIT_MS at most, else the drain tries later.
 */
export async function deliverNow(
  deps: OutboundDeps,
  items: readonly OutboxItem[],
  options: OutboundCallOptions = { maxWaitMs: TURN_MAX_WAIT_MS },
): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = [];
  for (const item of items) results.push(await deliver(deps, item, options));
  return results;
}

// ---- what the card shows --------------------------------------------------------------------

export interface OutboxNotice {
  itemId: string;
  kind: OutboxWork['kind'];
  state: Exclude<OutboxState, 'sent' | 'cancelled'>;
  /** Dutch, ready for the card. */
  text: string;
}

/** Work of this signal that is not done, with the Dutch line the signal card shows for it. */
/**
 * Whether the signal's own history leaves outbound work unaccounted for: a letter without its
 * e-mailed/printed event, or a planned conversation whose invitation is not recorded. When not,
 * the card skips the outbox query (one store request per card saved).
 */
export function mayHaveOutboxWork(signal: Signal): boolean {
  const delivered = new Set(
    signal.history
      .filter((event) => event.type === 'letterEmailed' || event.type === 'letterPrintReady')
      .map((event) => String(event.after?.letterId)),
  );
  if ((signal.letters ?? []).some((letter) => !delivered.has(letter.id))) return true;
  const conversation = signal.escalation?.conversation;
  if (conversation?.plannedFor && conversation.invitedFor !== conversation.plannedFor) return true;
  // Every invitation sent but the current one should have its withdrawal recorded.
  const count = (type: SignalEvent['type']) => signal.history.filter((event) => event.type === type).length;
  return count('invitationSent') - (conversation?.eventId ? 1 : 0) > count('invitationCancelled');
}

export async function pendingOutboxFor(outbox: OutboxStore, signalId: string): Promise<OutboxNotice[]> {
  const notices: OutboxNotice[] = [];
  for (const item of await outbox.listForSignal(signalId)) {
    const { state } = item;
    if (state === 'sent' || state === 'cancelled') continue;
    // Dutch words for the card; the raw code (lastError) stays in the log.
    const reason = nlPlanning.failures[item.work.kind === 'letter' ? 'mail' : 'calendar'][item.failure ?? 'unknown'];
    let text: string;
    if (item.work.kind === 'invite') {
      text = state === 'failed' ? nlPlanning.outbox.invite.failed(reason) : nlPlanning.outbox.invite[state];
    } else if (item.work.kind === 'cancelInvite') {
      text = state === 'failed' ? nlPlanning.outbox.withdrawal.failed(reason) : nlPlanning.outbox.withdrawal[state];
    } else {
      const letter = nlPlanning.letters[item.work.letterKind];
      text =
        state === 'failed' ? nlPlanning.outbox.letter.failed(letter, reason) : nlPlanning.outbox.letter[state](letter);
    }
    notices.push({ itemId: item.id, kind: item.work.kind, state, text });
  }
  return notices;
}

// ---- small helpers shared with planning -----------------------------------------------------

/** True when `startIso` is a slot start the planner could have offered (working day and hours). */
export function isPlannableSlot(startIso: string, settings: SlotPlannerSettings): boolean {
  const start = DateTime.fromISO(startIso, { setZone: true });
  if (!start.isValid || !/^\d{4}-\d{2}-\d{2}T/.test(startIso)) return false;
  const local = start.setZone(ZONE);
  if (!isWorkingDay(local.toISODate()!)) return false;
  const minutes = local.hour * 60 + local.minute;
  const [openH, openM] = settings.workdayStart.split(':').map(Number);
  const [closeH, closeM] = settings.workdayEnd.split(':').map(Number);
  const open = (openH ?? 0) * 60 + (openM ?? 0);
  const close = (closeH ?? 0) * 60 + (closeM ?? 0);
  return minutes >= open && minutes + settings.slotMinutes <= close;
}

/** The invite answer as the signal records it ('notResponded' is the attendee's own view of 'none'). */
export function toInviteResponse(response: string): InviteResponse {
  return response === 'accepted' || response === 'tentativelyAccepted' || response === 'declined' ? response : 'none';
}
