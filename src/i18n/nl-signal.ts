/** Dutch texts of the signal card, its move forms and its history. */
import { MAX_YEARS_AHEAD, type MoveError, type MoveName } from '../domain/process';
import type { MoveFieldError } from '../app/move-forms';
import type { AnonymiseReason } from '../domain/retention';
import { quotedList } from './format';
import type { LetterKind, SignalEventType } from '../domain/signal';

export const nlSignal = {
  moves: {
    handle: 'Afhandelen + tevredenheid',
    escalateToLocation: 'Doorzetten naar kindercentrum',
    escalateToOrganisation: 'Doorzetten naar organisatie',
    addSupporter: 'Staf kwaliteit toevoegen',
    confirmationSent: 'Bevestiging versturen',
    conversationPlanned: 'Gesprek plannen',
    conversationHeld: 'Gesprek gevoerd',
    recordDecision: 'Oordeel versturen',
    fileComplaintsDesk: 'Naar Klachtenloket',
    complaintsDeskOutcome: 'Uitkomst Klachtenloket',
    fileDispute: 'Naar Geschillencommissie',
    disputeRuling: 'Uitspraak Geschillencommissie',
    close: 'Sluiten',
    reopen: 'Heropenen',
    reclassify: 'Soort wijzigen',
    changeContactPreference: 'Contactvoorkeur wijzigen',
  } satisfies Record<MoveName, string>,
  /** recordDecision before the organisation took it over: the letter confirms what was agreed. */
  agreementMove: 'Afspraken schriftelijk bevestigen',
  /** conversationPlanned once a time was set: moving the conversation. */
  replanMove: 'Gesprek verzetten',
  agreementIntro:
    'Bevestig de ouder schriftelijk wat met het kindercentrum is afgesproken. Daarmee is de klacht afgehandeld; ' +
    'de tekst begint met de samenvatting van de afhandeling.',
  moveIntro: {
    handle: 'Leg vast hoe het signaal is afgehandeld en vraag de ouder altijd of hij of zij tevreden is.',
    escalateToLocation: 'Het kindercentrum (stap 1) pakt het signaal op. Kies de locatiemanager.',
    escalateToOrganisation:
      'De organisatie (stap 2) pakt het op: de ouder krijgt deze week een bevestiging en binnen twee weken een gesprek.',
    addSupporter: 'Staf kwaliteit ondersteunt bij het gesprek en de afhandeling.',
    confirmationSent:
      'Klantsignaal schrijft de ouder de bevestiging met de afspraak en de wettelijke termijn, en verstuurt hem als je op Versturen drukt.',
    conversationPlanned: 'Wanneer is het gesprek met de ouder?',
    conversationHeld: 'Wanneer is het gesprek gevoerd (of het schriftelijke antwoord verstuurd)?',
    recordDecision:
      'Schrijf het oordeel en de redenen, met de maatregelen en hun termijnen. Klantsignaal maakt er een brief van ' +
      'met het gesprek, je naam en rol, het Klachtenloket en de Geschillencommissie, en verstuurt hem. ' +
      'Schrijf maatregelen zonder namen: iedereen die het signaal ziet, leest ze.',
    fileComplaintsDesk: 'De ouder heeft de klacht voorgelegd aan het Klachtenloket Kinderopvang (stap 3).',
    complaintsDeskOutcome: 'Wat is de uitkomst bij het Klachtenloket?',
    fileDispute: 'De ouder heeft de klacht voorgelegd aan de Geschillencommissie Kinderopvang (stap 4).',
    disputeRuling: 'Leg de bindende uitspraak vast en wat de organisatie moet doen.',
    close: 'Het signaal sluiten. De ouder is gevraagd of hij of zij tevreden is.',
    reopen: 'Waarom wordt het signaal heropend? De termijnen blijven staan.',
    reclassify:
      'Blijkt het signaal iets anders te zijn, bijvoorbeeld een klacht? De datum van ontvangst blijft staan; ' +
      'voor een klacht loopt de wettelijke termijn van zes weken vanaf die datum.',
    changeContactPreference: 'Hoe wil de ouder voortaan contact? Een gesprek dat nog moet komen volgt de nieuwe keuze.',
  } satisfies Record<MoveName, string>,
  fields: {
    summary: 'Hoe is het afgehandeld?',
    satisfaction: 'Is de ouder tevreden?',
    locationManager: 'Locatiemanager',
    manager: 'Manager primair proces / MT-lid',
    supporter: 'Staf kwaliteit (optioneel)',
    plannedDate: 'Datum gesprek',
    plannedTime: 'Tijd gesprek',
    heldOn: 'Datum',
    notes: 'Aantekeningen (optioneel)',
    text: 'Oordeel en redenen',
    tenor: 'Strekking',
    measure1: 'Maatregel 1',
    measure1Deadline: 'Termijn maatregel 1',
    measure2: 'Maatregel 2',
    measure2Deadline: 'Termijn maatregel 2',
    measure3: 'Maatregel 3',
    measure3Deadline: 'Termijn maatregel 3',
    sentOn: 'Op de post gedaan op',
    sentVia: 'Verstuurd per',
    filedOn: 'Ingediend op',
    caseNumber: 'Zaaknummer',
    outcome: 'Uitkomst',
    ruling: 'Uitspraak',
    obligations: 'Wat moet de organisatie doen? (optioneel)',
    obligationsDeadline: 'Wanneer moet het klaar zijn? (optioneel)',
    reason: 'Reden',
    receivedOn: 'Door de organisatie ontvangen op',
    lateReason: 'Reden als het gesprek later is dan de termijn',
    agreements: 'Afspraken van de organisatie (optioneel)',
    agreementsDeadline: 'Wanneer moeten de afspraken klaar zijn? (optioneel)',
    kind: 'Nieuwe soort',
    contactPreference: 'Contact bij voorkeur',
  } as Record<string, string>,
  /** The close form's only field, shown when the parent is not satisfied and it was never escalated. */
  closeReasonIntro:
    'De ouder is niet tevreden. Zet het signaal liever door naar het kindercentrum of de organisatie; ' +
    'sluit je het toch, schrijf dan waarom.',
  decisionChannels: { email: 'E-mail', letter: 'Brief' },
  fieldErrors: {
    required: 'Vul dit in.',
    unknownOption: 'Kies een van de mogelijkheden.',
    invalidDate: 'Geen geldige datum.',
    dateOutOfRange: `Kies een datum vanaf de ontvangst van het signaal, niet meer dan ${MAX_YEARS_AHEAD} jaar vooruit.`,
    dateInFuture: 'De datum mag niet in de toekomst liggen.',
    dateBeforeReceipt: 'De datum mag niet vóór de ontvangst van het signaal liggen.',
    momentPassed: 'Dit moment is al voorbij. Kies een datum en tijd die nog moeten komen.',
    lateReasonRequired:
      'Dit gesprek valt na de termijn van twee weken. Kies een eerdere datum, of schrijf waarom het later wordt.',
    invalidTime: 'Geen geldige tijd.',
    tooLong: 'Deze tekst is te lang.',
    rejected: 'Deze waarde kan niet: kijk de datum of tekst na.',
  } satisfies Record<MoveFieldError, string>,
  moveErrors: {
    anonymised: 'Dit signaal is geanonimiseerd en kan niet meer worden gewijzigd.',
    closed: 'Dit signaal is gesloten. Heropen het eerst.',
    notClosed: 'Dit signaal is nog open.',
    wrongStep: 'Deze stap past niet bij waar het signaal nu staat.',
    notEscalated: 'Dit kan pas als het signaal naar de organisatie is doorgezet.',
    alreadyDone: 'Dit is al gedaan.',
    conversationNotPlanned: 'Plan eerst het gesprek: de bevestiging noemt de afspraak.',
    writtenAnswerChosen: 'De ouder wil een schriftelijke reactie; er wordt geen gesprek gepland.',
    notFiled: 'Leg eerst vast wanneer de zaak is ingediend.',
    satisfactionRequired: 'Vraag eerst of de ouder tevreden is (Afhandelen + tevredenheid).',
    decisionRequired:
      'Een klacht sluit pas als de ouder de uitkomst op papier heeft: bevestig eerst de afspraken of leg het oordeel vast.',
    confirmationRequired: 'Verstuur eerst de bevestiging aan de ouder.',
    conversationRequired: 'Leg eerst vast dat het gesprek met de ouder is gevoerd.',
    notAComplaint: 'Alleen een klacht krijgt een schriftelijk oordeel. Wijzig eerst de soort als het een klacht is.',
    invalidInput: 'Niet alles is goed ingevuld.',
    eventIdConflict: 'Deze kaart is al voor iets anders gebruikt. Open het signaal opnieuw.',
  } satisfies Record<MoveError, string>,
  notYourRole: 'Deze stap hoort bij een andere rol. Vraag de eigenaar of de manager van het signaal.',
  /** Why the parent's data was removed (the anonymisation event's reason code). */
  anonymiseReasons: {
    retention: 'Bewaartermijn verstreken',
    erasureRequest: 'Op verzoek van de ouder (AVG)',
  } satisfies Record<AnonymiseReason, string>,
  events: {
    registered: 'Geregistreerd',
    handled: 'Afgehandeld, tevredenheid gevraagd',
    escalatedToLocation: 'Doorgezet naar kindercentrum',
    escalatedToOrganisation: 'Doorgezet naar organisatie',
    supporterAdded: 'Staf kwaliteit toegevoegd',
    confirmationSent: 'Bevestiging verstuurd',
    conversationPlanned: 'Gesprek gepland',
    conversationHeld: 'Gesprek gevoerd',
    decisionRecorded: 'Besluit vastgelegd',
    complaintsDeskFiled: 'Ingediend bij Klachtenloket',
    complaintsDeskOutcome: 'Uitkomst Klachtenloket',
    disputeFiled: 'Ingediend bij Geschillencommissie',
    disputeRuling: 'Uitspraak Geschillencommissie',
    closed: 'Gesloten',
    reopened: 'Heropend',
    letterGenerated: 'Brief gemaakt',
    anonymised: 'Geanonimiseerd',
    invitationSent: 'Outlook-uitnodiging verstuurd',
    invitationCancelled: 'Outlook-uitnodiging ingetrokken',
    invitationAnswered: 'Antwoord op de uitnodiging',
    letterEmailed: 'Brief per e-mail verstuurd',
    letterPrintReady: 'Brief klaargezet om te printen en per post te versturen',
    reclassified: 'Soort gewijzigd',
    contactPreferenceChanged: 'Contactvoorkeur gewijzigd',
    reportingDutyFlagged: 'Meldplicht: doorgegeven aan de meldroute',
    reportingDutyConsulted: 'Meldplicht: overleg met de vertrouwensinspecteur vastgelegd',
    reportingDutyConcluded: 'Meldplicht: conclusie vastgelegd',
    reportingDutyPoliceReported: 'Meldplicht: aangifte bij de politie vastgelegd',
    reportingDutyMeasuresRecorded: 'Meldplicht: maatregelen vastgelegd',
    reportingDutyAftercareRecorded: 'Meldplicht: nazorg vastgelegd',
  } satisfies Record<SignalEventType, string>,
  letters: { confirmation: 'Bevestigingsbrief', decision: 'Brief met de uitkomst' } satisfies Record<
    LetterKind,
    string
  >,
  /** Facts on the card, in the words of a fact (not of the form field that asked it). */
  facts: {
    receivedOn: 'Ontvangen door de organisatie',
    confirmationSentAt: 'Bevestiging verstuurd',
    plannedFor: 'Gepland op',
    heldOn: 'Gevoerd op',
    tenor: 'Strekking',
    sent: 'Verstuurd',
    measureBy: (date: string) => `Maatregel, uiterlijk ${date}`,
    filedOn: 'Ingediend',
    caseNumber: 'Zaaknummer',
    ruling: 'Uitspraak',
    obligationsDeadline: 'Klaar uiterlijk',
    agreementsDeadline: 'Afspraken klaar uiterlijk',
    conversationTitle: { meeting: 'Gesprek op locatie', phone: 'Telefoongesprek', writing: 'Schriftelijke reactie' },
  },
  placeholders: { text: 'Typ hier…', date: 'Kies een datum', time: 'Kies een tijd' },
  /** The form's lines about the letter Klantsignaal sends, and the result after sending. */
  letterPreview: {
    email: (what: string, address: string) => `Klantsignaal mailt ${what} naar ${address}.`,
    print: (what: string) =>
      `De ouder heeft geen e-mailadres: Klantsignaal zet ${what} klaar om te printen. Verstuur hem per post.`,
    post: (what: string) => `De ouder krijgt ${what} per post: Klantsignaal zet hem klaar om te printen.`,
    what: { confirmation: 'deze bevestiging', decision: 'de brief met de uitkomst' },
    draft: 'Zo ziet de brief eruit:',
  },
  letterResult: {
    emailed: (what: string, address: string, when: string) => `${what} gemaild naar ${address} (${when}).`,
    printReady: (what: string, when: string) =>
      `${what} staat klaar om te printen (${when}). Verstuur hem per post naar de ouder.`,
    pending: (what: string) =>
      `${what} is nog niet verstuurd: de mailserver is nu niet bereikbaar. Klantsignaal probeert het opnieuw.`,
    failed: (what: string) => `${what} kon niet worden verstuurd. Vraag de beheerder dit na te kijken.`,
    what: { confirmation: 'De bevestiging', decision: 'De brief met de uitkomst' },
  },
  card: {
    send: 'Versturen',
    /** The folded account of a closed signal: what happened, handling, conversation. */
    course: 'Verloop',
    moreActions: 'Meer acties',
    blocked: (label: string, state: string, first: string) => `${label}: ${state}. ${first}`,
    lettersCount: (count: number) => (count === 1 ? 'Brief' : `Brieven (${count})`),
    plannedLate: 'Gesprek na de termijn, want',
    deskAgreements: 'Afspraken',
    open: 'Open',
    closed: 'Gesloten',
    kind: 'Soort',
    location: 'Kindercentrum',
    theme: 'Thema',
    step: 'Stap',
    owner: 'Eigenaar',
    manager: 'Manager',
    supporter: 'Staf kwaliteit',
    received: 'Ontvangen',
    channel: 'Binnengekomen via',
    deadlines: 'Termijnen',
    settleBy: 'Wettelijke termijn (6 weken)',
    settledOn: (date: string, inTime: boolean) => `afgehandeld op ${date} (${inTime ? 'op tijd' : 'te laat'})`,
    answerBy: 'Streefdatum antwoord',
    confirmBy: 'Bevestiging (deze week)',
    conversationBy: 'Gesprek (binnen 2 weken)',
    parent: 'Ouder',
    contactPreference: 'Contact bij voorkeur',
    description: 'Wat is er gebeurd?',
    wish: 'Wat wil de ouder?',
    handling: 'Afhandeling',
    satisfaction: 'Tevredenheid',
    invitation: 'Uitnodiging',
    by: 'Door',
    writtenAnswer: 'Schriftelijke reactie (de ouder wil geen gesprek)',
    decision: 'Besluit',
    measures: 'Maatregelen',
    complaintsDesk: 'Klachtenloket',
    dispute: 'Geschillencommissie',
    disputeLate:
      'Let op: de zaak is meer dan 12 maanden na de eerste klacht bij de organisatie ingediend. De Geschillencommissie neemt hem dan meestal niet in behandeling.',
    letters: 'Brieven',
    history: 'Geschiedenis',
    save: 'Opslaan',
    cancel: 'Annuleren',
    confirm: 'Bevestigen',
    saved: 'Opgeslagen.',
    duplicate: 'Dit was al opgeslagen.',
    conflict: 'Iemand anders heeft dit signaal net gewijzigd. Dit is de actuele stand; kijk of je actie nog nodig is.',
    checkFieldsShared: (fields: readonly string[]) =>
      `Kijk ${quotedList(fields)} na; wat je typte staat nog in de kaart.`,
    unavailable: 'Dit signaal kan ik niet tonen. Het bestaat niet, of je hebt er geen toegang toe.',
    reopenedBecause: 'Heropend',
    /** On top of the card, once, for a viewer whose role may not see the family's data. */
    personalDataHidden: 'De gegevens van de ouder en wat er is gebeurd zijn niet zichtbaar voor jouw rol.',
    /** On top of the card in a group chat or channel. */
    sharedChatNotice:
      'Gedeelde chat: de gegevens van de ouder en wat er is gebeurd staan in je persoonlijke chat met Klantsignaal (typ daar **status** met de referentie).',
    anonymised: 'Geanonimiseerd',
  },
} as const;

/** The Dutch reason a move was refused: by the process, or because it belongs to another role. */
export function refusalText(error: MoveError | 'notYourRole'): string {
  return error === 'notYourRole' ? nlSignal.notYourRole : nlSignal.moveErrors[error];
}
