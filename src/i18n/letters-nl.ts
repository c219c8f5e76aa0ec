/**
 * The letters to parents, in Dutch, written to the parent: plain text (the mailer escapes it for
 * HTML). Every date is long ("maandag 7 december 2026 om 09:00 uur"), formatted by the caller.
 * The closing, the contact lines and how to move an appointment come from the organisation file
 * (LetterSettings), so a beheerder adjusts them without code.
 */
import type { LetterSettings } from '../domain/organisation';

/** Used when the organisation file has no `letters` settings. */
export const DEFAULT_LETTER_SETTINGS = (organisationName: string): LetterSettings => ({
  closing: 'Met vriendelijke groet,',
  contactLines: [organisationName],
  reschedule: 'neem dan contact met ons op',
});

export interface LetterPerson {
  name: string;
  /** "manager primair proces", "staf kwaliteit", "locatiemanager" … */
  role: string;
}

export interface LetterTexts {
  /** Long date the letter is written. */
  date: string;
  parentName: string;
  reference: string;
  organisationName: string;
  locationName: string;
  /** What the complaint is about, in one neutral line: the theme ("communicatie"). */
  about: string;
  /** Long date the organisation received it. */
  receivedOn: string;
  signer: LetterPerson;
  settings: LetterSettings;
}

export interface ConversationDetails {
  mode: 'meeting' | 'phone' | 'writing';
  /** Long date and time. */
  when?: string;
  /** The centre and its address; absent for a phone call or an online meeting. */
  place?: string;
  /** An online Teams meeting (Graph creates it and sends its link with the invitation). */
  online?: boolean;
  /** The meeting's Teams link, once Graph created it. */
  joinUrl?: string;
  with: LetterPerson[];
  /** For a written answer: the long date it comes by. */
  answerBy?: string;
}

/** The letter's date and reference, above the greeting. */
const heading = (t: LetterTexts): string[] => [`Datum: ${t.date}`, `Kenmerk: ${t.reference}`, ''];

const signature = (t: LetterTexts): string[] => [
  t.settings.closing,
  '',
  t.signer.name,
  capitalise(t.signer.role),
  t.organisationName,
  '',
  ...t.settings.contactLines,
];

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const people = (list: LetterPerson[]): string => {
  const named = list.map((person) => `${person.name} (${person.role})`);
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} en ${named[named.length - 1]}`;
};

/** The appointment, in full: when, where or how, with whom, and how to move it. */
export function conversationParagraph(c: ConversationDetails, settings: LetterSettings): string[] {
  if (c.mode === 'writing') {
    return [
      'U heeft aangegeven dat u liever een schriftelijke reactie krijgt dan een gesprek. ' +
        `Die ontvangt u uiterlijk ${c.answerBy ?? 'binnen twee weken'}.`,
    ];
  }
  const where =
    c.mode === 'phone'
      ? 'Wij bellen u dan op het telefoonnummer dat bij ons bekend is.'
      : c.online
        ? c.joinUrl
          ? `Het gesprek is online, via Microsoft Teams. U doet mee met deze link: ${c.joinUrl}`
          : 'Het gesprek is online, via Microsoft Teams. De link om mee te doen staat in de uitnodiging die u per e-mail krijgt.'
        : `Het gesprek is bij ${c.place ?? 'ons kindercentrum'}.`;
  return [
    c.mode === 'phone'
      ? `Wij willen uw klacht graag telefonisch met u bespreken op ${c.when ?? ''}.`
      : `Wij nodigen u uit voor een gesprek over uw klacht op ${c.when ?? ''}.`,
    where,
    `U spreekt met ${people(c.with)}.`,
    `Komt dit moment u niet goed uit? ${capitalise(settings.reschedule)}, dan zoeken wij samen een ander moment.`,
  ];
}

/**
 * The confirmation of step 2, in the week the organisation received it. Only a klacht has the legal
 * term: its letter names the date by which the parent gets the written, reasoned judgment.
 */
export const confirmationLetter = (
  t: LetterTexts & { conversation: ConversationDetails; settleBy?: string },
): { subject: string; body: string } => ({
  subject: t.settleBy ? `Bevestiging van uw klacht (${t.reference})` : `Bevestiging van uw bericht (${t.reference})`,
  body: [
    ...heading(t),
    `Beste ${t.parentName},`,
    '',
    t.settleBy
      ? `Op ${t.receivedOn} heeft u ons laten weten dat u niet tevreden bent over ${t.locationName}. ` +
        `Uw klacht gaat over ${t.about}. Met deze brief bevestigen wij dat wij uw klacht hebben ontvangen ` +
        'en in behandeling hebben genomen.'
      : `Op ${t.receivedOn} heeft u ons iets laten weten over ${t.locationName}. Uw bericht gaat over ${t.about}. ` +
        'Met deze brief bevestigen wij dat wij uw bericht in behandeling hebben genomen.',
    '',
    ...conversationParagraph(t.conversation, t.settings),
    '',
    ...(t.settleBy
      ? [
          `U ontvangt uiterlijk ${t.settleBy} ons schriftelijke oordeel over uw klacht, met de redenen ervan. ` +
            'Zo staat het in de Wet kinderopvang: een klacht moet binnen zes weken zijn afgehandeld.',
          '',
        ]
      : []),
    `Wilt u iets aanvullen? Neem dan contact met ons op en noem het kenmerk ${t.reference}.`,
    '',
    ...signature(t),
  ].join('\n'),
});

/** Step 0/1: what was agreed with the centre, on paper. It settles the klacht. */
export const agreementLetter = (
  t: LetterTexts & { agreement: string; measures: { description: string; deadline: string }[] },
): { subject: string; body: string } => ({
  subject: `Wat wij met u hebben afgesproken over uw klacht (${t.reference})`,
  body: [
    ...heading(t),
    `Beste ${t.parentName},`,
    '',
    `Op ${t.receivedOn} heeft u ons laten weten dat u niet tevreden bent over ${t.locationName}. ` +
      `Uw klacht gaat over ${t.about}. Wij hebben dat met u besproken. In deze brief zetten wij op papier ` +
      'wat wij hebben afgesproken.',
    '',
    t.agreement,
    '',
    ...measureLines(t.measures, 'Wij doen het volgende:'),
    'Klopt dit niet, of bent u toch niet tevreden? Laat het ons dan weten en noem het kenmerk ' +
      `${t.reference}. Dan legt de organisatie uw klacht opnieuw aan ons voor en spreken wij u binnen twee weken.`,
    '',
    ...signature(t),
  ].join('\n'),
});

function measureLines(measures: { description: string; deadline: string }[], intro: string): string[] {
  if (measures.length === 0) return [];
  return [intro, ...measures.map((measure) => `- ${measure.description} (uiterlijk ${measure.deadline})`), ''];
}

/** The Klachtenloket and the Geschillencommissie, as the parent can use them after the judgment. */
export const EXTERNAL_ROUTES = {
  complaintsDesk:
    'Bent u het niet eens met ons oordeel? Dan kunt u gratis informatie, advies of bemiddeling vragen bij het ' +
    'Klachtenloket Kinderopvang (www.klachtenloket-kinderopvang.nl). Dat is niet verplicht.',
  disputes: (lastDay: string) =>
    'U kunt uw klacht ook voorleggen aan de Geschillencommissie Kinderopvang (www.degeschillencommissie.nl). ' +
    `Dat moet binnen twaalf maanden nadat u de klacht bij ons indiende, dus uiterlijk ${lastDay}. ` +
    'De uitspraak van de commissie is bindend, voor u en voor ons. U betaalt daarvoor klachtengeld; ' +
    'het bedrag staat op de website van de commissie.',
};

/** Step 2: the written, reasoned judgment. */
export const decisionLetter = (
  t: LetterTexts & {
    decision: string;
    /** "gegrond", "deels gegrond", "ongegrond", "in overleg opgelost". */
    tenor: string;
    measures: { description: string; deadline: string }[];
    /** The conversation held, in one sentence (or the written answer). */
    conversationHeld: string;
    /** Long date: twelve months after receipt. */
    disputeLastDay: string;
  },
): { subject: string; body: string } => ({
  subject: `Ons oordeel over uw klacht (${t.reference})`,
  body: [
    ...heading(t),
    `Beste ${t.parentName},`,
    '',
    `Op ${t.receivedOn} heeft u een klacht ingediend over ${t.locationName}. Uw klacht gaat over ${t.about}. ` +
      'Wij hebben uw klacht onderzocht. In deze brief leest u ons oordeel en de redenen daarvoor.',
    '',
    t.conversationHeld,
    '',
    `Ons oordeel: uw klacht is ${t.tenor}.`,
    '',
    t.decision,
    '',
    ...measureLines(t.measures, 'Wij nemen de volgende maatregelen:'),
    EXTERNAL_ROUTES.complaintsDesk,
    '',
    EXTERNAL_ROUTES.disputes(t.disputeLastDay),
    '',
    ...signature(t),
  ].join('\n'),
});

export const conversationHeldLine = {
  meeting: (date: string, withWhom: string) =>
    `Op ${date} hebben wij uw klacht met u besproken; u sprak met ${withWhom}.`,
  phone: (date: string, withWhom: string) =>
    `Op ${date} hebben wij uw klacht telefonisch met u besproken; u sprak met ${withWhom}.`,
  writing: () => 'U gaf aan liever geen gesprek te willen; daarom reageren wij schriftelijk.',
  none: () => 'Wij hebben uw klacht met u besproken.',
};

/** The Outlook invitation's text, to the parent (the other attendees read along). */
export const invitationText = (t: {
  parentName: string;
  reference: string;
  /** "klacht", "zorg" … */
  kindWord: string;
  conversation: ConversationDetails;
  settings: LetterSettings;
}): string =>
  [
    `Beste ${t.parentName},`,
    '',
    `Hierbij nodigen wij u uit voor het gesprek over uw ${t.kindWord} (kenmerk ${t.reference}).`,
    '',
    ...conversationParagraph(t.conversation, t.settings),
    '',
    ...t.settings.contactLines,
  ].join('\n');
