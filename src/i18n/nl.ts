/**
 * Every Dutch text a user reads, in one place so it can be reviewed and translated.
 * Code and logs stay English; only this file (and the card templates' fixed labels) speak Dutch.
 */
import type { IntakeErrorCode, IntakeField } from '../domain/intake';
import type { Channel, ContactPreference, Satisfaction, SignalKind, Step, Ruling, Tenor } from '../domain/signal';
import type { DeadlineState } from '../domain/deadlines';
import type { Role } from '../domain/organisation';

export const nl = {
  appName: 'Klantsignaal',
  kinds: {
    complaint: 'Klacht',
    concern: 'Zorg',
    remark: 'Opmerking',
    question: 'Vraag',
    suggestion: 'Idee / tip',
    compliment: 'Compliment',
  } satisfies Record<SignalKind, string>,
  channels: {
    inPerson: 'Mondeling',
    phone: 'Telefoon',
    email: 'E-mail',
    letter: 'Brief',
    other: 'Anders',
  } satisfies Record<Channel, string>,
  contactPreferences: {
    phone: 'Telefoon',
    meeting: 'Gesprek',
    writing: 'Schriftelijk',
  } satisfies Record<ContactPreference, string>,
  satisfaction: {
    satisfied: 'Tevreden',
    partly: 'Deels tevreden',
    notSatisfied: 'Niet tevreden',
    unreachable: 'Ouder niet bereikbaar',
  } satisfies Record<Satisfaction, string>,
  steps: {
    employee: 'Stap 0 · medewerker',
    location: 'Stap 1 · kindercentrum',
    organisation: 'Stap 2 · organisatie',
    complaintsDesk: 'Stap 3 · Klachtenloket',
    disputesCommittee: 'Stap 4 · Geschillencommissie',
  } satisfies Record<Step, string>,
  rulings: {
    founded: 'Gegrond',
    partlyFounded: 'Deels gegrond',
    unfounded: 'Ongegrond',
  } satisfies Record<Ruling, string>,
  tenors: {
    founded: 'Gegrond',
    partlyFounded: 'Deels gegrond',
    unfounded: 'Ongegrond',
    resolvedByAgreement: 'In overleg opgelost',
  } satisfies Record<Tenor, string>,
  deadlineStates: {
    onTime: 'op tijd',
    dueSoon: 'bijna',
    late: 'te laat',
    met: 'gedaan',
    metLate: 'gedaan, te laat',
  } satisfies Record<DeadlineState, string>,
  roles: {
    employee: 'Medewerker',
    locationManager: 'Locatiemanager',
    manager: 'Manager primair proces / MT-lid',
    quality: 'Staf kwaliteit',
    mt: 'MT',
    admin: 'Beheerder',
  } satisfies Record<Role, string>,
  intakeFields: {
    kind: 'Soort signaal',
    locationId: 'Kindercentrum',
    themeId: 'Thema',
    channel: 'Hoe kwam het binnen?',
    receivedOn: 'Datum ontvangen',
    parentName: 'Naam ouder',
    parentEmail: 'E-mail ouder',
    parentPhone: 'Telefoon ouder',
    contactPreference: 'Hoe wil de ouder contact?',
    description: 'Wat is er gebeurd?',
    parentWish: 'Wat wil de ouder?',
    reportingDuty: 'Gaat het (mogelijk) om geweld of een zedendelict door iemand die bij ons werkt?',
  } satisfies Record<IntakeField, string>,
  intakeErrors: {
    required: 'Vul dit in.',
    unknownOption: 'Kies een van de mogelijkheden.',
    invalidDate: 'Geen geldige datum. Gebruik de datumkiezer.',
    dateInFuture: 'De datum ligt in de toekomst.',
    dateTooOld: 'De datum ligt meer dan een jaar terug.',
    invalidEmail: 'Dit is geen geldig e-mailadres.',
    invalidPhone: 'Dit is geen geldig telefoonnummer (8 tot 20 cijfers).',
    contactRequired: 'Vul een e-mailadres of telefoonnummer van de ouder in.',
    tooLong: 'Deze tekst is te lang.',
  } satisfies Record<IntakeErrorCode, string>,
  intake: {
    /** The client checks the date before sending (empty, or after today): one message for both. */
    receivedOnError: 'Vul de datum in waarop de ouder het vertelde. De datum mag niet in de toekomst liggen.',
    title: 'Nieuw signaal registreren',
    intro: 'Leg vast wat de ouder vertelde. Velden met * zijn verplicht.',
    submit: 'Registreren',
    fixErrors: 'Niet alles is goed ingevuld. Kijk de velden met een melding na; wat je typte staat er nog.',
    personalOnly:
      'Een signaal registreer je in je persoonlijke chat met Klantsignaal: hier leest iedereen in de chat mee met wat je over de ouder invult. Open de chat met mij en typ daar **nieuw**.',
    usedByColleague:
      'Deze kaart is al door een collega gebruikt voor een ander signaal. Wat jij typte staat hieronder op een nieuwe kaart: kijk het na en registreer het opnieuw.',
    placeholderDescription: 'Beschrijf in de woorden van de ouder wat er speelt',
    placeholderWish: 'Bijvoorbeeld: een gesprek, excuses, een aanpassing',
    placeholderChoose: 'Kies…',
    reportingDutyHint:
      'Bijvoorbeeld een medewerker, stagiair, vrijwilliger of chauffeur. Bij **ja** gaat het signaal meteen naar de aandachtsfunctionaris en de houder; jij ziet daarna alleen dat het is doorgegeven.',
    reportingDutyYes: 'Ja',
    reportingDutyNo: 'Nee',
    placeholderDate: 'Kies een datum',
    placeholderName: 'Voor- en achternaam',
    placeholderEmail: 'naam@voorbeeld.nl',
    placeholderPhone: '06 12345678',
  },
  summary: {
    title: 'Signaal geregistreerd',
    reference: 'Referentie',
    kind: 'Soort',
    location: 'Kindercentrum',
    settleBy: 'Wettelijke termijn (6 weken)',
    answerBy: 'Streefdatum antwoord',
    alreadyRegistered: 'Dit signaal was al geregistreerd.',
    next: 'Vraag de ouder altijd of hij of zij tevreden is met de afhandeling.',
    open: 'Signaal openen',
  },
  welcome: {
    title: 'Welkom bij Klantsignaal',
    body:
      'Met Klantsignaal leg je elk signaal van ouders vast: klacht, zorg, opmerking, vraag, idee of compliment. ' +
      'De bot bewaakt de termijnen en helpt je het klachtenproces te volgen.',
    newSignal: 'Nieuw signaal',
    help: 'Wat kan ik?',
  },
  help: {
    title: 'Wat kan Klantsignaal?',
    intro: 'Typ een van deze opdrachten:',
  },
  registerHint:
    'Wil je een klacht, melding of ander signaal van een ouder vastleggen? Typ **nieuw**: dan krijg je het formulier. ' +
    'Typ **help** voor alles wat ik kan.',
  unknownCommand: (typed: string, suggestion: string | undefined) =>
    suggestion
      ? `Ik ken de opdracht "${typed}" niet. Bedoelde je **${suggestion}**? Typ **help** voor alle opdrachten.`
      : `Ik ken de opdracht "${typed}" niet. Typ **help** voor alle opdrachten.`,
  errors: {
    generic: 'Er ging iets mis aan onze kant. Er is niets verloren; probeer het zo nog eens.',
    unknownPerson: 'Je bent nog niet bekend bij Klantsignaal. Vraag de beheerder om je toe te voegen.',
    unknownAction: 'Deze knop wordt niet meer ondersteund. Typ **nieuw** om opnieuw te beginnen.',
    badRequest: 'Deze kaart kon niet worden verwerkt. Typ **nieuw** om opnieuw te beginnen.',
  },
} as const;

export type Texts = typeof nl;
