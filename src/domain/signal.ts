/**
 * The signal: the umbrella record for everything a parent tells the organisation.
 * Pure data types; the rules that change a signal live in process.ts.
 */
import type { ReportingDuty } from './reporting-duty';

export const SIGNAL_KINDS = ['complaint', 'concern', 'remark', 'question', 'suggestion', 'compliment'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** Step 0 employee, 1 centre, 2 organisation, 3 Klachtenloket, 4 Geschillencommissie. */
export const STEPS = ['employee', 'location', 'organisation', 'complaintsDesk', 'disputesCommittee'] as const;
export type Step = (typeof STEPS)[number];

export const CHANNELS = ['inPerson', 'phone', 'email', 'letter', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONTACT_PREFERENCES = ['phone', 'meeting', 'writing'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];

export const SATISFACTION_ANSWERS = ['satisfied', 'partly', 'notSatisfied', 'unreachable'] as const;
export type Satisfaction = (typeof SATISFACTION_ANSWERS)[number];

export const RULINGS = ['founded', 'partlyFounded', 'unfounded'] as const;
export type Ruling = (typeof RULINGS)[number];

/**
 * The tenor of the written outcome, which the yearly report must give: the organisation's judgment
 * of the complaint (gegrond / deels gegrond / ongegrond), or solved together with the parent.
 */
export const TENORS = ['founded', 'partlyFounded', 'unfounded', 'resolvedByAgreement'] as const;
export type Tenor = (typeof TENORS)[number];

/**
 * What the written outcome is: the letter confirming what was agreed with the centre (step 0/1), or
 * the organisation's reasoned judgment (from step 2 on).
 */
export const OUTCOME_FORMS = ['agreement', 'judgment'] as const;
export type OutcomeForm = (typeof OUTCOME_FORMS)[number];

export const DECISION_CHANNELS = ['email', 'letter'] as const;
export type DecisionChannel = (typeof DECISION_CHANNELS)[number];

export type SignalStatus = 'open' | 'closed';

export interface PersonRef {
  /** Entra ID object id. */
  id: string;
  name: string;
}

/** The parent is a record, never a user. Null once the signal is anonymised. */
export interface Parent {
  name: string;
  email?: string;
  phone?: string;
  contactPreference: ContactPreference;
}

/** All deadlines are ISO instants (UTC); they are computed in Europe/Amsterdam by deadlines.ts. */
export interface Deadlines {
  /** Legal 6-week limit (complaints only). */
  settleBy?: string;
  /** Target answer time for the other kinds. */
  answerBy?: string;
  /** Step 2: written confirmation by the end of the calendar week. */
  confirmBy?: string;
  /** Step 2: conversation within 14 days. */
  conversationBy?: string;
}

export interface Handling {
  summary: string;
  satisfaction: Satisfaction;
  recordedAt: string;
  by: PersonRef;
}

/** The attendees' answer to the Outlook invitation, as followed by the bot. */
export const INVITE_RESPONSES = ['none', 'accepted', 'tentativelyAccepted', 'declined'] as const;
export type InviteResponse = (typeof INVITE_RESPONSES)[number];

export interface Conversation {
  mode: ContactPreference;
  plannedFor?: string;
  /** Why the conversation was planned after its deadline (a breach staf kw sees); absent when in time. */
  lateReason?: string;
  heldAt?: string;
  notes?: string;
  /** The Outlook event of the latest invitation sent (Graph event id, or the local transaction id). */
  eventId?: string;
  /** The `plannedFor` that invitation was sent for; a later re-plan makes eventId/response stale. */
  invitedFor?: string;
  /** The Teams link of that invitation's online meeting, when Graph created one. */
  joinUrl?: string;
  /** The latest answer to the invitation `eventId`. */
  response?: InviteResponse;
  respondedAt?: string;
}

export interface Escalation {
  escalatedAt: string;
  /**
   * The day (yyyy-mm-dd) the organisation received the complaint; its terms start then (or on the
   * next working day). Absent on escalations recorded before it was asked: the escalation day.
   */
  receivedOn?: string;
  manager?: PersonRef;
  supporter?: PersonRef;
  confirmationSentAt?: string;
  conversation: Conversation;
}

export interface Measure {
  description: string;
  /** ISO date (yyyy-mm-dd). */
  deadline: string;
}

/** The written outcome sent to the parent; it settles a complaint (settlement.ts). */
export interface Decision {
  text: string;
  /** Absent on decisions recorded before the tenor was asked. */
  tenor?: Tenor;
  /** Absent on decisions recorded before step 0/1 letters existed: those were judgments. */
  form?: OutcomeForm;
  measures: Measure[];
  /** ISO date the decision was sent to the parent. */
  sentOn: string;
  sentVia: DecisionChannel;
  decidedBy: PersonRef;
  recordedAt: string;
}

export interface ComplaintsDeskCase {
  filedOn: string;
  caseNumber: string;
  outcome?: string;
  /** What the organisation agreed at the Klachtenloket, and by when (yyyy-mm-dd): reminded like a measure. */
  agreements?: string;
  agreementsDeadline?: string;
}

export interface DisputeCase {
  filedOn: string;
  caseNumber: string;
  /** Filed more than 12 months after the complaint was received (the day the parent made it). */
  filedLate: boolean;
  ruling?: Ruling;
  obligations?: string;
  obligationsDeadline?: string;
}

export interface Reopening {
  at: string;
  by: PersonRef;
  reason: string;
}

export const EVENT_TYPES = [
  'registered',
  'handled',
  'escalatedToLocation',
  'escalatedToOrganisation',
  'supporterAdded',
  'confirmationSent',
  'conversationPlanned',
  'conversationHeld',
  'decisionRecorded',
  'complaintsDeskFiled',
  'complaintsDeskOutcome',
  'disputeFiled',
  'disputeRuling',
  'closed',
  'reopened',
  'letterGenerated',
  'anonymised',
  /** The Outlook invitation for the planned conversation was created (escalation.conversation.eventId). */
  'invitationSent',
  /**
   * An invitation sent earlier was withdrawn (Outlook cancel) because the conversation was re-planned
   * (after: attempt, the number of the withdrawn invitation). escalation already names the new one.
   */
  'invitationCancelled',
  /** The invitation's answer changed (escalation.conversation.response). */
  'invitationAnswered',
  /** A letter was sent to the parent by e-mail (after: letterId, kind, via, sentAt). */
  'letterEmailed',
  /** A letter was put in the print folder, to be sent by post (after: letterId, kind, via, sentAt). */
  'letterPrintReady',
  /** The kind changed (e.g. a zorg that turned out to be a klacht); note: the reason. */
  'reclassified',
  /** The parent's preferred way of contact changed (before/after: contactPreference). */
  'contactPreferenceChanged',
  /** Meldplicht (reporting-duty.ts): before/after of reportingDuty, and of owner when it was handed to the route. */
  'reportingDutyFlagged',
  'reportingDutyConsulted',
  'reportingDutyConcluded',
  'reportingDutyPoliceReported',
  'reportingDutyMeasuresRecorded',
  'reportingDutyAftercareRecorded',
] as const;
export type SignalEventType = (typeof EVENT_TYPES)[number];

/** One entry of the signal's history. Nothing is edited away: history only grows. */
export interface SignalEvent {
  /** Deterministic id (the card action or activity id) so a re-sent action is recognised. */
  id: string;
  type: SignalEventType;
  at: string;
  actor: PersonRef;
  /** Fields that changed, before and after. No parent contact details. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  note?: string;
}

export const LETTER_KINDS = ['confirmation', 'decision'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** The written record sent to the parent. Holds personal data, so retention removes it. */
export interface Letter {
  id: string;
  kind: LetterKind;
  createdAt: string;
  subject: string;
  body: string;
}

export interface Signal {
  id: string;
  /** Readable reference, e.g. KS-2026-0042. */
  reference: string;
  kind: SignalKind;
  locationId: string;
  themeId: string;
  channel: Channel;
  /** ISO date (yyyy-mm-dd) in Europe/Amsterdam. */
  receivedOn: string;
  parent: Parent | null;
  description: string;
  parentWish: string;
  registeredBy: PersonRef;
  registeredAt: string;
  owner: PersonRef;
  step: Step;
  /** Highest step reached; never goes back. */
  highestStep: Step;
  status: SignalStatus;
  deadlines: Deadlines;
  /** Earliest open deadline, kept for the indexed "due before" query. */
  nextDeadline: string | null;
  handling?: Handling;
  escalation?: Escalation;
  decision?: Decision;
  complaintsDesk?: ComplaintsDeskCase;
  dispute?: DisputeCase;
  closedAt?: string;
  /** The latest reopening (earlier ones are in the history); close then needs a fresh satisfaction answer. */
  reopened?: Reopening;
  anonymisedAt?: string;
  letters?: Letter[];
  /** Set once the signal is a melding under the meldplicht (reporting-duty.ts); never removed. */
  reportingDuty?: ReportingDuty;
  history: SignalEvent[];
}

export function stepNumber(step: Step): number {
  return STEPS.indexOf(step);
}
