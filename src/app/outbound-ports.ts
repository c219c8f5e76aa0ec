/**
 * Outbound ports: the calendar, the mailer and the Teams activity feed. Plain TypeScript, no SDK
 * types, so the use cases can run against Graph or the local outbox alike.
 *
 * Every write carries a deterministic key (transactionId / idempotencyKey) chosen by the caller and
 * stored with the outbox item, so a retry after a crash or a re-sent Teams turn never sends twice.
 */
import { createHash } from 'node:crypto';
import type { FeedActivity } from './activity-types';

/** Every planning rule works on the Dutch wall clock. */
export const CONVERSATION_TIME_ZONE = 'Europe/Amsterdam';

/** Free/busy states that block a slot (Graph's `free` and `workingElsewhere` do not). */
export type BusyStatus = 'busy' | 'tentative' | 'oof' | 'unknown';

export interface BusyInterval {
  /** ISO instant (UTC). */
  start: string;
  /** ISO instant (UTC), exclusive. */
  end: string;
  status: BusyStatus;
}

export interface InviteAttendee {
  name: string;
  email: string;
  /** Who this is, so an adapter can mark the supporter optional and tests can find people. */
  role: 'parent' | 'supporter' | 'other';
  /** An optional attendee does not block a slot and need not answer. */
  optional?: boolean;
}

export type ConversationMode = 'meeting' | 'phone';

export interface ConversationInvite {
  /**
   * Deterministic id of this invitation (see `transactionIdFor`). Graph keeps one event per
   * transactionId; the local adapter keeps one file per transactionId.
   */
  transactionId: string;
  /** The manager: Entra object id or UPN. The event goes into this person's calendar. */
  organizerId: string;
  /** The manager's name and address, written as ORGANIZER in a local .ics (Graph knows them). */
  organizer?: { name: string; email: string };
  attendees: InviteAttendee[];
  /** ISO instants; the event is written in Europe/Amsterdam. */
  start: string;
  end: string;
  timeZone: typeof CONVERSATION_TIME_ZONE;
  /** Readable signal reference, e.g. KS-2026-0042; must appear in the subject. */
  reference: string;
  subject: string;
  /** One line chosen by the caller; never the complaint text itself (the invite leaves the org). */
  summary: string;
  mode: ConversationMode;
  /** Required for mode 'phone': who calls whom, on which number (placeholder chosen by the caller). */
  phoneNote?: string;
  /**
   * A meeting in person: the centre and its address (the event's location). Without it a meeting is
   * an online Teams meeting where the calendar can create one (Graph), else at the centre.
   */
  place?: string;
  /** The invitation's text, written to the parent by the caller (src/i18n); replaces the short default. */
  text?: string;
}

/** `none` means nobody answered yet (organizer's view); `notResponded` is the attendee's own view. */
export type EventResponse = 'none' | 'accepted' | 'tentativelyAccepted' | 'declined' | 'notResponded';

export interface Calendar {
  /**
   * Blocking intervals per person between two instants. `userIds` are the people's SMTP addresses
   * (UPNs): Graph's getSchedule identifies schedules by address, not by object id. Every requested
   * id is a key of the result (empty list when free).
   */
  getFreeBusy(userIds: string[], fromIso: string, toIso: string): Promise<Map<string, BusyInterval[]>>;
  /** Creates the event once per transactionId; a second call returns the same event id. */
  /** `joinUrl`: the Teams link, when an online meeting was really created. */
  createEvent(
    request: ConversationInvite,
    options?: OutboundCallOptions,
  ): Promise<{ eventId: string; joinUrl?: string }>;
  /**
   * Withdraws an invitation that was sent (a re-plan replaced it): the attendees get a
   * cancellation with `comment`. Repeatable: an event that is already cancelled or gone is done.
   */
  cancelEvent(organizerId: string, eventId: string, comment: string, options?: OutboundCallOptions): Promise<void>;
  /**
   * The attendees' answer to the invitation, aggregated: any required attendee declined, or the
   * organizer cancelled or deleted the event -> 'declined'; all required accepted -> 'accepted';
   * otherwise tentative if anyone is tentative, else 'none'.
   */
  getEventResponse(organizerId: string, eventId: string): Promise<EventResponse>;
}

export interface LetterRecipient {
  name: string;
  email: string;
}

/** A file sent with a letter (e.g. the yearly analysis for the GGD). */
export interface LetterAttachment {
  /** The file name the recipient sees, e.g. jaarverslag-klachten-2026.docx. */
  name: string;
  /** MIME type, e.g. text/csv. */
  contentType: string;
  content: Buffer;
}

export interface OutgoingLetter {
  /** Deterministic key (e.g. `${signalId}:confirmation`); the same key is never sent twice. */
  idempotencyKey: string;
  to: LetterRecipient;
  subject: string;
  /** Plain text; adapters derive the HTML part by escaping it, so no markup reaches the parent. */
  text: string;
  /** Signal reference, carried in a header for tracing. */
  reference?: string;
  /** Together at most MAX_ATTACHMENT_BYTES. */
  attachments?: LetterAttachment[];
}

/**
 * Graph's sendMail takes files inline only when each is under 3 MB, in a request of at most 4 MB
 * (base64 makes them a third larger); bigger files need an upload session on a draft, which
 * Klantsignaal does not do. Checked for every mailer, so a letter the local outbox accepts would
 * also go through Graph.
 */
export const MAX_ATTACHMENT_BYTES = 3_000_000;

/** Message headers that carry the key and reference of a letter, for tracing (Graph and .eml). */
export const IDEMPOTENCY_HEADER = 'X-Klantsignaal-Idempotency-Key';
export const REFERENCE_HEADER = 'X-Klantsignaal-Reference';

export interface Mailer {
  /**
   * Sends from the configured shared mailbox. Throws UnconfirmedOutboundError when the message may
   * have gone out although no success came back: the caller must not send it again by itself.
   */
  send(letter: OutgoingLetter, options?: OutboundCallOptions): Promise<void>;
}

/** How long one outbound call may take, for a caller that has a person waiting (a Teams turn). */
export interface OutboundCallOptions {
  /**
   * The longest the adapter may wait for a service that asks to be retried later (Retry-After);
   * a longer wait makes the call fail with TemporarilyUnavailableError carrying that Retry-After,
   * so the outbox waits instead of the user. Default: whatever fits in the adapter's own timeout.
   */
  maxWaitMs?: number;
}

export interface ActivityNotice {
  /** The declared activity type and its template parameters (src/app/activity-types.ts). */
  activity: FeedActivity;
  /** Teams deep link opened when the person clicks the notification. */
  webUrl: string;
  /** Shown as the notification's topic. */
  title: string;
  /** Teams shows the first 150 characters. */
  previewText: string;
  idempotencyKey: string;
}

export interface Notifier {
  /** `userId`: Entra object id or UPN of the person whose activity feed gets the notice. */
  notify(userId: string, notice: ActivityNotice): Promise<void>;
}

export interface OutboundAdapters {
  calendar: Calendar;
  mailer: Mailer;
  notifier: Notifier;
}

export type OutboundOperation =
  | 'getFreeBusy'
  | 'createEvent'
  | 'cancelEvent'
  | 'getEventResponse'
  | 'sendMail'
  | 'notify'
  /** People and group membership (Entra ID) for the Graph directory. */
  | 'readDirectory';

/**
 * The service did not answer in time or kept answering 429/5xx after the retries, or the request
 * never left (connection refused, no token). The work is still valid: the caller keeps it in the
 * outbox and tries again later, not before `retryAfterMs`. (For an operation that must not run
 * twice, an answer that may hide a done job is UnconfirmedOutboundError instead.)
 */
export class TemporarilyUnavailableError extends Error {
  constructor(
    public readonly operation: OutboundOperation,
    public readonly status: number | undefined,
    message: string,
    /** The service's Retry-After, when it sent one. */
    public readonly retryAfterMs?: number,
  ) {
    super(`${operation}: temporarily unavailable (${status ?? 'no answer'}): ${message}`);
    this.name = 'TemporarilyUnavailableError';
  }
}

/**
 * No success came back, yet the service may have done the work (a timeout or broken connection
 * after the request was sent, a 5xx answer) and the operation has no idempotency key, so doing it
 * again could do it twice (Graph's sendMail). The caller must not repeat it by itself: a person
 * checks (e.g. the shared mailbox's Sent Items). Work that never left (connection refused, no
 * token) is TemporarilyUnavailableError instead.
 */
export class UnconfirmedOutboundError extends Error {
  constructor(
    public readonly operation: OutboundOperation,
    public readonly status: number | undefined,
    message: string,
  ) {
    super(`${operation}: outcome unknown (${status ?? 'no answer'}): ${message}`);
    this.name = 'UnconfirmedOutboundError';
  }
}

/**
 * The request will not succeed as it is (bad input, unknown mailbox, missing permission). Retrying
 * does not help until someone changes data or configuration; the caller shows it and stops.
 */
export class PermanentOutboundError extends Error {
  constructor(
    public readonly operation: OutboundOperation,
    public readonly status: number | undefined,
    public readonly code: string,
    message: string,
  ) {
    super(`${operation}: rejected (${status ?? code}): ${message}`);
    this.name = 'PermanentOutboundError';
  }
}

/**
 * A deterministic transaction id for an outbound write, shaped like a GUID (safe as a file name and
 * as Graph's transactionId). Same parts -> same id, so re-planning needs a new part (e.g. attempt).
 */
export function transactionIdFor(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u001f')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** Checks an invitation before it leaves the organisation; throws PermanentOutboundError. */
export function assertValidInvite(invite: ConversationInvite): void {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(invite.transactionId)) problems.push('transactionId');
  if (!invite.organizerId.trim()) problems.push('organizerId');
  if (!invite.subject.includes(invite.reference)) problems.push('subject must contain the reference');
  if (/[\r\n]/.test(invite.summary) || invite.summary.length > 200) problems.push('summary must be one short line');
  if (invite.mode === 'phone' && !invite.phoneNote?.trim())
    problems.push('phoneNote required for a phone conversation');
  const start = Date.parse(invite.start);
  const end = Date.parse(invite.end);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) problems.push('start/end');
  for (const attendee of invite.attendees) {
    if (!EMAIL.test(attendee.email)) problems.push(`attendee e-mail of ${attendee.role}`);
  }
  if (problems.length > 0) {
    throw new PermanentOutboundError('createEvent', undefined, 'invalidInvite', problems.join('; '));
  }
}

const FILE_NAME = /^[^\\/:*?"<>|\p{Cc}]{1,200}$/u;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/** Checks a letter before it is sent; throws PermanentOutboundError. */
export function assertValidLetter(letter: OutgoingLetter): void {
  const problems: string[] = [];
  if (!letter.idempotencyKey.trim()) problems.push('idempotencyKey');
  if (!EMAIL.test(letter.to.email)) problems.push('recipient e-mail');
  if (!letter.subject.trim() || /[\r\n]/.test(letter.subject)) problems.push('subject');
  if (!letter.text.trim()) problems.push('text');
  for (const attachment of letter.attachments ?? []) {
    if (!FILE_NAME.test(attachment.name)) problems.push('attachment name');
    if (!MIME_TYPE.test(attachment.contentType)) problems.push(`content type of ${attachment.name}`);
    if (attachment.content.length === 0) problems.push(`empty attachment ${attachment.name}`);
  }
  if (problems.length > 0)
    throw new PermanentOutboundError('sendMail', undefined, 'invalidLetter', problems.join('; '));
  const bytes = attachmentBytes(letter);
  if (bytes > MAX_ATTACHMENT_BYTES) {
    throw new PermanentOutboundError(
      'sendMail',
      undefined,
      ATTACHMENTS_TOO_LARGE,
      `attachments are ${bytes} bytes together; e-mail takes at most ${MAX_ATTACHMENT_BYTES}`,
    );
  }
}

/** The code of the refusal of a letter whose files are too large for e-mail. */
export const ATTACHMENTS_TOO_LARGE = 'attachmentsTooLarge';

const attachmentBytes = (letter: OutgoingLetter): number =>
  (letter.attachments ?? []).reduce((sum, attachment) => sum + attachment.content.length, 0);

/** Escapes text for HTML and keeps its paragraphs and line breaks. */
export function textToHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
  const paragraphs = escaped
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`);
  return `<html><body>${paragraphs.join('')}</body></html>`;
}

/** The invitation text in Dutch: only what the meeting needs. */
export function inviteBodyText(invite: ConversationInvite): string {
  if (invite.text) return invite.text;
  const how =
    invite.mode === 'meeting'
      ? 'Het gesprek is online via Microsoft Teams; de deelnamelink staat in deze uitnodiging.'
      : `Het gesprek is telefonisch. ${invite.phoneNote ?? ''}`.trim();
  return [`Gesprek over signaal ${invite.reference}.`, invite.summary, how].join('\n\n');
}
