/**
 * Ports of the reminder sweep: where conversation references, delivery records, leases and the
 * measure watch list live, and how a reminder reaches Teams. Plain TypeScript: a conversation
 * reference is stored as the JSON object botbuilder gave us, never as a botbuilder type.
 */
import type { AnalysisReminderSubject } from '../domain/analysis-reminders';
import type { AnalysisStatus } from '../domain/analysis-workflow';
import type { OpenDeadlineState } from '../domain/deadlines';
import type { CommitmentSource, ReminderDeadlineKind, ReminderPointKind } from '../domain/reminders';
import type { SignalKind } from '../domain/signal';

// ---- conversation references ----------------------------------------------------------------

/** `person:<aadObjectId>` for a personal chat, `team:<teamId>` for a team's channel. */
export type ConversationKey = `person:${string}` | `team:${string}`;

export const personKey = (aadObjectId: string): ConversationKey => `person:${aadObjectId}`;
export const teamKey = (teamId: string): ConversationKey => `team:${teamId}`;

/** A JSON-only conversation reference (what TurnContext.getConversationReference returns). */
export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export interface StoredConversation {
  key: ConversationKey;
  /** Null when the person was never reachable (no chat with the bot yet). */
  reference: JsonObject | null;
  updatedAt: string;
  /** Set when Teams refused (403 BotNotInConversationRoster) or no reference exists; cleared on contact. */
  unreachableSince?: string;
  unreachableReason?: 'notInRoster' | 'noReference';
}

export type SaveResult = 'created' | 'updated' | 'unchanged';

export interface ConversationReferenceStore {
  /**
   * Stores the reference; a write only happens when it differs from the stored one or the
   * conversation was marked unreachable (contact proves it is reachable again).
   */
  saveReference(key: ConversationKey, reference: JsonObject, at: Date): Promise<SaveResult>;
  getReference(key: ConversationKey): Promise<StoredConversation | undefined>;
  /** Marks unreachable (keeps the reference, if any); returns the `unreachableSince` in force. */
  markUnreachable(key: ConversationKey, reason: 'notInRoster' | 'noReference', at: Date): Promise<string>;
}

// ---- delivery ledger (exactly-once bookkeeping) -----------------------------------------------

/**
 * claimed: an instance is about to send (or sent and crashed before recording): never resent.
 * sent: delivered (via Teams or the activity feed).
 * retry: the connector answered with a refusal, so nothing was delivered: may be claimed again.
 * failed: refused too often; given up (logged).
 * unconfirmed: a claim older than the stale limit: maybe delivered, maybe not; never resent.
 */
export type DeliveryState = 'claimed' | 'sent' | 'retry' | 'failed' | 'unconfirmed';
export type DeliveryChannel = 'teams' | 'feed';

export interface DeliveryRecord {
  id: string;
  state: DeliveryState;
  holder: string;
  claimedAt: string;
  attempts: number;
  sentAt?: string;
  via?: DeliveryChannel;
  detail?: string;
}

export interface DeliveryLedger {
  /**
   * Claims the delivery for `holder`: true when this call created the claim (or re-claimed a
   * 'retry' below `maxAttempts`), false when it exists in any other state. Atomic across instances.
   */
  claim(id: string, holder: string, at: Date, maxAttempts: number): Promise<boolean>;
  markSent(id: string, holder: string, at: Date, via: DeliveryChannel, detail?: string): Promise<void>;
  /** The connector refused: nothing was delivered. 'retry' (or 'failed' at maxAttempts). */
  markRefused(id: string, holder: string, at: Date, maxAttempts: number, detail: string): Promise<DeliveryState>;
  /** Records for these ids (missing ids are absent from the map). */
  getDeliveries(ids: readonly string[]): Promise<Map<string, DeliveryRecord>>;
  /** Claims older than `before` (ISO), oldest first, at most `limit`: crashed between send and record. */
  listStaleClaims(before: string, limit: number): Promise<DeliveryRecord[]>;
  /** Marks a stale claim 'unconfirmed' (only when it is still 'claimed'). */
  markUnconfirmed(id: string, at: Date): Promise<void>;
}

// ---- lease --------------------------------------------------------------------------------------

export interface Lease {
  name: string;
  holder: string;
  expiresAt: string;
  /** The version of the lease record this holder wrote (ETag in Cosmos). */
  etag: string;
}

export interface LeaseStore {
  /** Takes the lease when it is free, expired or already ours; undefined when someone else holds it. */
  tryAcquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<Lease | undefined>;
  /** Extends our lease; undefined when it was lost (taken over after expiry). */
  renewLease(lease: Lease, ttlMs: number, now: Date): Promise<Lease | undefined>;
  /** Frees the lease if it is still ours (a lost lease is left alone). */
  releaseLease(lease: Lease): Promise<void>;
}

// ---- measure watch list -----------------------------------------------------------------------

/**
 * Closed signals are not in SignalStore.listDue, but their measures still have deadlines. The
 * watch list holds, per signal, the next moment one of its measure reminders is due: indexed, so
 * the sweep's cost follows what is due.
 */
export interface WatchEntry {
  signalId: string;
  nextAt: string;
}

export interface MeasureWatchList {
  /** Sets (or with null removes) the signal's next measure reminder moment. */
  setWatch(signalId: string, nextAt: string | null): Promise<void>;
  /** Entries with nextAt <= before, earliest first, at most `limit`. */
  listWatches(before: string, limit: number): Promise<WatchEntry[]>;
}

export interface ReminderStore extends ConversationReferenceStore, DeliveryLedger, LeaseStore, MeasureWatchList {
  init(): Promise<void>;
  close(): Promise<void>;
}

// ---- sending ------------------------------------------------------------------------------------

/** What a reminder card shows; the card template and Dutch texts live in cards/ and src/i18n. */
export interface ReminderMessage {
  /** The delivery id; also the activity feed's idempotency key. */
  deliveryId: string;
  signalId: string;
  reference: string;
  signalKind: SignalKind;
  locationName: string;
  deadlineKind: ReminderDeadlineKind;
  pointKind: ReminderPointKind;
  /** ISO instant. */
  deadline: string;
  state: OpenDeadlineState;
  measureDescription?: string;
  /** Where the measure comes from: the written outcome, a Geschillencommissie ruling, the Klachtenloket. */
  measureSource?: CommitmentSource;
  recipientName: string;
}

/** A reminder of the yearly analysis: send it to the GGD, or carry out a measure decided with it. */
export interface AnalysisReminderMessage {
  deliveryId: string;
  year: number;
  subject: AnalysisReminderSubject;
  pointKind: ReminderPointKind;
  /** ISO instant. */
  deadline: string;
  state: OpenDeadlineState;
  status: AnalysisStatus | 'missing';
  measureId?: string;
  measureDescription?: string;
  recipientName: string;
  /** Staf kw and the MT may open the analysis card; a measure's owner may not. */
  canOpenAnalysis: boolean;
}

export interface DigestLocation {
  locationId: string;
  locationName: string;
  open: number;
  overdue: number;
  /** References of the most overdue signals, at most a few. */
  overdueReferences: string[];
}

export interface DigestMessage {
  deliveryId: string;
  /** ISO week, e.g. 2026-W48. */
  week: string;
  generatedAt: string;
  locations: DigestLocation[];
  totalOpen: number;
  totalOverdue: number;
}

export interface UnreachableMessage {
  deliveryId: string;
  personName: string;
  reason: 'notInRoster' | 'noReference';
}

export type OutgoingMessage =
  | { type: 'reminder'; message: ReminderMessage }
  | { type: 'analysis'; message: AnalysisReminderMessage }
  | { type: 'digest'; message: DigestMessage }
  | { type: 'unreachable'; message: UnreachableMessage };

export type SendOutcome =
  | { status: 'sent'; activityId: string }
  /** 403 BotNotInConversationRoster: the person removed the app or left; stop posting there. */
  | { status: 'notInRoster' }
  /** The connector answered with another refusal: nothing was delivered. */
  | { status: 'refused'; httpStatus: number; detail: string };

/**
 * Sends a message proactively to a stored conversation, within Teams' rate limits. Throws only when
 * the outcome is unknown (network failure after the request left): the caller must not resend then.
 */
export interface ProactiveSender {
  send(conversation: JsonObject, message: OutgoingMessage): Promise<SendOutcome>;
}
