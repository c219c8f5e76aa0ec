/**
 * The letters Klantsignaal writes to a parent (confirmation, agreement, judgment), built from the
 * signal, the organisation's letter settings and the person who sends them; and the preview of
 * such a letter on the form that sends it (issue 23: forms say what will happen).
 */
import { DateTime } from 'luxon';
import { ZONE, amsterdamDate } from '../domain/deadlines';
import type { Organisation, Person, Role } from '../domain/organisation';
import type { MoveName } from '../domain/process';
import { DISPUTE_TERM_MONTHS } from '../domain/process';
import { settlementOf } from '../domain/settlement';
import type { Conversation, LetterKind, PersonRef, Signal } from '../domain/signal';
import { formatDate, formatLetterDateTime } from '../i18n/format';
import {
  DEFAULT_LETTER_SETTINGS,
  agreementLetter,
  confirmationLetter,
  conversationHeldLine,
  decisionLetter,
  type ConversationDetails,
  type LetterPerson,
  type LetterTexts,
} from '../i18n/letters-nl';
import { nl } from '../i18n/nl';
import { nlSignal } from '../i18n/nl-signal';

/** How a role is named under a signature or in "u spreekt met …". */
const ROLE_IN_LETTER: Readonly<Record<Role, string>> = {
  manager: 'manager primair proces',
  mt: 'lid van het managementteam',
  locationManager: 'locatiemanager',
  quality: 'staf kwaliteit',
  employee: 'pedagogisch medewerker',
  admin: 'medewerker',
};
const ROLE_ORDER: readonly Role[] = ['manager', 'mt', 'locationManager', 'quality', 'employee', 'admin'];

function roleOf(organisation: Organisation, ref: PersonRef, fallback: Role): string {
  const person = organisation.people.find((candidate) => candidate.id === ref.id);
  const role = ROLE_ORDER.find((candidate) => person?.roles.includes(candidate)) ?? fallback;
  return ROLE_IN_LETTER[role];
}

/** The location manager who handled step 1: the parent met them, so they join the conversation. */
export function stepOneLocationManager(signal: Signal): PersonRef | undefined {
  const event = signal.history.find((candidate) => candidate.type === 'escalatedToLocation');
  const owner = event?.after?.owner as PersonRef | null | undefined;
  return owner && typeof owner.id === 'string' ? { id: owner.id, name: owner.name } : undefined;
}

/** Who the parent talks to at step 2: the manager, staf kw when they support, the step-1 location manager. */
export function conversationPeople(signal: Signal, organisation: Organisation): LetterPerson[] {
  const escalation = signal.escalation;
  const list: LetterPerson[] = [];
  const seen = new Set<string>();
  const add = (ref: PersonRef | undefined, role: Role) => {
    if (!ref || seen.has(ref.id)) return;
    seen.add(ref.id);
    list.push({ name: ref.name, role: roleOf(organisation, ref, role) });
  };
  add(escalation?.manager, 'manager');
  add(escalation?.supporter, 'quality');
  add(stepOneLocationManager(signal), 'locationManager');
  return list;
}

function baseTexts(signal: Signal, signer: PersonRef, organisation: Organisation, now: Date): LetterTexts {
  const location = organisation.locations.find((candidate) => candidate.id === signal.locationId);
  const theme = organisation.themes.find((candidate) => candidate.id === signal.themeId);
  return {
    date: formatDate(amsterdamDate(now)),
    parentName: signal.parent?.name ?? '',
    reference: signal.reference,
    organisationName: organisation.name,
    locationName: location?.name ?? signal.locationId,
    about: `het thema ${(theme?.name ?? signal.themeId).toLowerCase()}`,
    receivedOn: formatDate(signal.escalation?.receivedOn ?? signal.receivedOn),
    signer: { name: signer.name, role: roleOf(organisation, signer, 'manager') },
    settings: letterSettings(organisation),
  };
}

/**
 * Where an in-person conversation is held: the centre and its address from the organisation file.
 * A centre without an address gets an online Teams meeting instead (created by Graph, whose
 * invitation carries the link).
 */
export function meetingPlace(signal: Signal, organisation: Organisation): string | undefined {
  const location = organisation.locations.find((candidate) => candidate.id === signal.locationId);
  return location?.address ? `${location.name}, ${location.address}` : undefined;
}

export function conversationDetails(signal: Signal, organisation: Organisation): ConversationDetails {
  const conversation = signal.escalation?.conversation;
  const place = meetingPlace(signal, organisation);
  const withWhom = conversationPeople(signal, organisation);
  if (!conversation || conversation.mode === 'writing') {
    const by = signal.deadlines.conversationBy;
    return { mode: 'writing', with: withWhom, ...(by ? { answerBy: formatDate(by) } : {}) };
  }
  return {
    mode: conversation.mode,
    ...(conversation.plannedFor ? { when: formatLetterDateTime(conversation.plannedFor) } : {}),
    ...(conversation.mode === 'meeting' ? (place ? { place } : { online: true, ...currentJoinUrl(conversation) }) : {}),
    with: withWhom,
  };
}

/** The Teams link of the invitation sent for the planned moment; an earlier plan's link is stale. */
function currentJoinUrl(conversation: Conversation): { joinUrl?: string } {
  return conversation.joinUrl && conversation.invitedFor === conversation.plannedFor
    ? { joinUrl: conversation.joinUrl }
    : {};
}

function heldSentence(signal: Signal, organisation: Organisation): string {
  const conversation = signal.escalation?.conversation;
  if (!conversation) return conversationHeldLine.none();
  if (conversation.mode === 'writing') return conversationHeldLine.writing();
  if (!conversation.heldAt) return conversationHeldLine.none();
  const people = conversationPeople(signal, organisation)
    .map((person) => `${person.name} (${person.role})`)
    .join(' en ');
  return conversationHeldLine[conversation.mode](formatDate(conversation.heldAt), people);
}

/** The letter the move that just happened on `signal` sends, or undefined. */
/** The settings of the letters: the organisation file's, or the built-in default. */
export function letterSettings(organisation: Organisation) {
  return organisation.letters ?? DEFAULT_LETTER_SETTINGS(organisation.name);
}

export function draftLetter(
  signal: Signal,
  kind: LetterKind,
  signer: PersonRef,
  organisation: Organisation,
  now: Date,
): { subject: string; body: string } {
  const base = baseTexts(signal, signer, organisation, now);
  if (kind === 'confirmation') {
    const settlement = settlementOf(signal, amsterdamDate(now));
    return confirmationLetter({
      ...base,
      conversation: conversationDetails(signal, organisation),
      ...(settlement.state === 'notApplicable' ? {} : { settleBy: formatDate(settlement.dueOn) }),
    });
  }
  const decision = signal.decision;
  const measures = (decision?.measures ?? []).map((measure) => ({
    description: measure.description,
    deadline: formatDate(measure.deadline),
  }));
  if (decision?.form === 'agreement') return agreementLetter({ ...base, agreement: decision.text, measures });
  const lastDay = DateTime.fromISO(signal.receivedOn, { zone: ZONE })
    .plus({ months: DISPUTE_TERM_MONTHS })
    .toISODate()!;
  return decisionLetter({
    ...base,
    decision: decision?.text ?? '',
    tenor: decision?.tenor ? nl.tenors[decision.tenor].toLowerCase() : '',
    measures,
    conversationHeld: heldSentence(signal, organisation),
    disputeLastDay: formatDate(lastDay),
  });
}

/** "s…@voorbeeld.nl": enough for the sender to recognise the address, little for a reader beside them. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${(local ?? '').charAt(0)}…@${domain ?? ''}`;
}

/**
 * What the form of a move that sends a letter says will happen: by e-mail to whom, or printed for
 * the post; for the confirmation also the letter itself (it is fully known before sending).
 */
export function letterPreview(
  signal: Signal,
  move: MoveName,
  person: Person,
  organisation: Organisation,
  now: Date,
): { text: string; emphasis?: boolean }[] {
  const kind: LetterKind | undefined =
    move === 'confirmationSent' ? 'confirmation' : move === 'recordDecision' ? 'decision' : undefined;
  if (!kind || !signal.parent) return [];
  const t = nlSignal.letterPreview;
  const what = t.what[kind];
  const lines = [
    {
      text: signal.parent.email ? t.email(what, maskEmail(signal.parent.email)) : t.print(what),
      emphasis: true,
    },
  ];
  if (kind === 'confirmation') {
    const draft = draftLetter(signal, 'confirmation', person, organisation, now);
    lines.push({ text: t.draft, emphasis: false }, { text: `${draft.subject}\n\n${draft.body}`, emphasis: false });
  }
  return lines;
}
