/**
 * Dutch texts of the query commands (mijn, status, open, termijnen, te laat, zoek, overzicht,
 * export, analyse, rol), their cards and the words their arguments understand. The command names,
 * English aliases and one-line help live in manifest/commands.json (one source for bot and manifest).
 */
import type { Role } from '../domain/organisation';
import type { Deadlines, SignalKind, Step } from '../domain/signal';

export const nlCommands = {
  /**
   * Extra words people type for a command, beyond commands.json's name and English alias. Not shown
   * in help or in the manifest's command list.
   */
  synonyms: {
    help: ['hulp', '?', 'menu'],
    new: ['registreer'],
    overdue: ['telaat'],
    summary: ['overzichten'],
  } as Readonly<Record<string, readonly string[]>>,

  /** The one answer for "does not exist" and "not for you": it reveals nothing. */
  hidden: (reference: string) =>
    `Ik kan geen signaal ${reference} voor je tonen. Controleer de referentie, of vraag de eigenaar van het signaal.`,
  notAllowed: 'Dit kan ik niet voor je doen: het hoort niet bij jouw rol. Typ **help** om te zien wat je wel kunt.',
  badReference: 'Dat is geen referentie. Typ bijvoorbeeld **status KS-2026-0001**.',

  list: {
    more: 'Meer',
    moreTitle: (title: string) => `${title} (vervolg)`,
    none: 'Geen signalen gevonden.',
    noMore: 'Er zijn geen signalen meer.',
    partial: 'Nog niet alles doorzocht: klik op Meer om verder te zoeken.',
    countLine: (shown: number, more: boolean) =>
      more
        ? `${shown} signalen, op volgorde van urgentie. Er zijn er meer.`
        : `${shown} signalen, op volgorde van urgentie.`,
    noDeadline: 'geen open termijn',
    deadline: 'termijn',
    /** The deadline a list row shows, by name. */
    deadlineNames: {
      settleBy: 'wettelijke termijn',
      answerBy: 'streefdatum antwoord',
      confirmBy: 'bevestiging',
      conversationBy: 'gesprek',
    } satisfies Record<keyof Deadlines, string>,
    open: 'Tik op een signaal om het te openen.',
    openLabel: 'Openen ›',
    searchPersonalOnly:
      'Zoeken doe ik alleen in je persoonlijke chat met Klantsignaal: de zoektekst kan de naam van een ouder of de omschrijving raken, en iedereen in deze chat ziet het resultaat. Hier kun je zoeken op referentie, of **open** gebruiken.',
  },
  titles: {
    mine: 'Mijn openstaande signalen',
    open: 'Openstaande signalen',
    deadlines: (days: number) => (days === 1 ? 'Termijnen tot en met morgen' : `Termijnen binnen ${days} dagen`),
    overdue: 'Signalen over de termijn',
    search: (text: string) => `Zoekresultaat voor "${text}"`,
  },
  filters: {
    location: 'Locatie',
    kind: 'Soort',
    step: 'Stap',
  },
  usage: {
    status: 'Typ de referentie erbij, bijvoorbeeld **status KS-2026-0001**.',
    open: 'Gebruik: **open [locatie] [soort] [stap]**, bijvoorbeeld **open zonnebloem klacht stap 2**.',
    openUnknown: (word: string) =>
      `Ik begrijp "${word}" niet als locatie, soort of stap. Gebruik bijvoorbeeld **open zonnebloem klacht stap 2**.`,
    deadlines: 'Gebruik: **termijnen [dagen]**, bijvoorbeeld **termijnen 14** (1 tot 365 dagen).',
    search: 'Typ wat je zoekt, bijvoorbeeld **zoek zonnebloem** of **zoek KS-2026-0001**.',
    summary: 'Gebruik: **overzicht**, **overzicht 2026**, **overzicht maand** of **overzicht 2026-03**.',
    export: 'Gebruik: **export** of **export 2026**.',
    analysis: 'Gebruik: **analyse** of **analyse 2026**.',
  },

  overview: {
    title: (period: string) => `Overzicht ${period}`,
    month: (month: string, year: number) => `${month} ${year}`,
    total: 'Signalen',
    open: 'Nog open',
    byLocation: 'Per kindercentrum',
    byKind: 'Per soort',
    byStep: 'Per hoogste stap',
    complaints: 'Klachten binnen 6 weken afgehandeld',
    complaintsLine: (inTime: number, decided: number, pending: number) =>
      decided === 0
        ? `Nog geen afgeronde klachten${pending > 0 ? ` (${pending} lopend)` : ''}.`
        : `${inTime} van ${decided} (${Math.round((inTime / decided) * 100)}%)${pending > 0 ? `, ${pending} nog lopend` : ''}`,
    noComplaints: 'Geen klachten in deze periode.',
    none: 'Geen signalen in deze periode.',
    scopeAll: 'Alle signalen van de organisatie.',
    scopeOwn: 'Alleen de signalen die jij mag zien.',
  },

  export: {
    sheet: 'Signalen',
    fileName: (year: number) => `klantsignaal-signalen-${year}.xlsx`,
    description: (year: number, count: number) =>
      `Spreadsheet met ${count} signalen ontvangen in ${year}. Bevat persoonsgegevens: bewaar het bestand zorgvuldig.`,
    descriptionNoPersonal: (year: number, count: number) => `Spreadsheet met ${count} signalen ontvangen in ${year}.`,
    sent: (name: string) => `Het bestand ${name} staat in je OneDrive en hieronder.`,
    declined: 'Prima, ik heb het bestand niet verstuurd.',
    personalOnly:
      'Een export stuur ik alleen in een persoonlijke chat met Klantsignaal. Open de chat met mij en typ daar **export**.',
    failed: 'Het bestand kon niet worden geüpload. Probeer het opnieuw met **export**.',
    empty: (year: number) => `Er zijn geen signalen ontvangen in ${year}.`,
    yes: 'ja',
    no: 'nee',
    pending: 'lopend',
    columns: {
      reference: 'Referentie',
      kind: 'Soort',
      location: 'Kindercentrum',
      theme: 'Thema',
      channel: 'Binnengekomen via',
      receivedOn: 'Ontvangen',
      status: 'Status',
      step: 'Stap',
      highestStep: 'Hoogste stap',
      registeredBy: 'Geregistreerd door',
      owner: 'Eigenaar',
      settleBy: 'Wettelijke termijn',
      answerBy: 'Streefdatum',
      escalatedAt: 'Naar organisatie op',
      confirmationSentAt: 'Bevestiging verstuurd',
      conversationHeldAt: 'Gesprek gehouden',
      decisionSentOn: 'Besluit verstuurd',
      closedAt: 'Gesloten op',
      withinSixWeeks: 'Binnen 6 weken',
      satisfaction: 'Tevredenheid',
      complaintsDesk: 'Klachtenloket zaak',
      dispute: 'Geschillencommissie zaak',
      ruling: 'Uitspraak',
      parentName: 'Naam ouder',
      parentEmail: 'E-mail ouder',
      parentPhone: 'Telefoon ouder',
      contactPreference: 'Contactvoorkeur',
      description: 'Omschrijving',
      parentWish: 'Wens ouder',
    },
    status: { open: 'open', closed: 'gesloten' },
  },

  analysis: {
    notYet: 'Het jaarverslag klachten komt binnenkort beschikbaar in Klantsignaal.',
  },

  demo: {
    /** Not in commands.json: demo-only, never in the manifest. */
    command: { name: 'rol', alias: 'role', help: 'Demo: probeer een andere rol (rol staf, rol manager, rol ik)' },
    off: 'Van rol wisselen kan alleen in de demo-omgeving.',
    switched: (name: string, role: string) =>
      `Je bent nu **${name}** (${role}). Alles wat je hierna doet, doe je als deze persoon. Typ **rol ik** om terug te gaan.`,
    reset: 'Je bent weer jezelf.',
    current: (name: string, roles: string) => `Je bent nu **${name}** (${roles}).`,
    unknown: (word: string) => `Ik ken de rol "${word}" niet.`,
    noPerson: (role: string) => `Er is geen demopersoon met de rol ${role}.`,
    choices:
      'Kies: **rol medewerker**, **rol locatiemanager**, **rol manager**, **rol staf**, **rol mt**, **rol beheerder** of **rol ik**.',
  },

  /** Words people type for a role in `rol …`. */
  roleWords: {
    employee: ['medewerker', 'employee', 'pm'],
    locationManager: ['locatiemanager', 'leidinggevende', 'lg', 'locationmanager'],
    manager: ['manager', 'manager primair proces'],
    quality: ['staf', 'staf kw', 'kwaliteit', 'staf kwaliteit', 'quality'],
    mt: ['mt'],
    admin: ['beheerder', 'admin'],
  } satisfies Record<Role, readonly string[]>,
  resetWords: ['ik', 'uit', 'terug', 'reset', 'me'],

  /** Words for kinds in `open …` (lower case, also plurals). */
  kindWords: {
    complaint: ['klacht', 'klachten', 'complaint'],
    concern: ['zorg', 'zorgen', 'concern'],
    remark: ['opmerking', 'opmerkingen', 'remark'],
    question: ['vraag', 'vragen', 'question'],
    suggestion: ['idee', 'ideeen', 'ideeën', 'tip', 'tips', 'suggestie', 'suggestion'],
    compliment: ['compliment', 'complimenten'],
  } satisfies Record<SignalKind, readonly string[]>,

  /** Words for steps in `open …`: "stap 2", "2", "organisatie". */
  stepWords: {
    employee: ['stap 0', 'stap0', 'medewerker'],
    location: ['stap 1', 'stap1', 'kindercentrum', 'locatie'],
    organisation: ['stap 2', 'stap2', 'organisatie'],
    complaintsDesk: ['stap 3', 'stap3', 'klachtenloket'],
    disputesCommittee: ['stap 4', 'stap4', 'geschillencommissie'],
  } satisfies Record<Step, readonly string[]>,

  monthWord: 'maand',
  yearWord: 'jaar',
} as const;
