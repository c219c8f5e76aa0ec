/**
 * Every Dutch text of the "Overzicht" tab: the server's answers and the page (bot/tab/web imports this
 * module when it is built). Kinds, steps, channels and the like come from nl.ts through the API.
 */
import type { DeadlineKind } from '../app/overview-tab';

const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'] as const;

export const nlTab = {
  title: 'Overzicht',
  pageTitle: 'Klantsignaal – Overzicht',
  loading: 'Cijfers laden…',
  signingIn: 'Aanmelden bij Teams…',
  errors: {
    unauthorized: 'Je bent niet aangemeld. Open het tabblad Overzicht in Teams, of kies een demopersoon.',
    unknownPerson: 'Je staat niet in de lijst van medewerkers van Klantsignaal. Vraag de beheerder je toe te voegen.',
    badFilter: (field: string) => `Het filter "${field}" klopt niet. Kies een waarde uit de lijst.`,
    unavailable: 'Aanmelden lukt nu niet. Probeer het over een minuut opnieuw.',
    failed: 'De cijfers konden niet worden geladen. Probeer het opnieuw.',
    notBuilt:
      'Het tabblad is nog niet gebouwd. Start Klantsignaal met "npm start" of bouw het met "npm run build:tab".',
    noTeams: 'Dit tabblad werkt in Microsoft Teams. Open Klantsignaal in Teams en kies het tabblad Overzicht.',
  },
  retry: 'Opnieuw proberen',
  demo: {
    banner:
      'Demo: aanmelden staat uit (ingebouwde standaardinstelling). Kies hieronder wie je bent, zoals "rol" in de chat; met aanmelden aan gebruikt het tabblad je Teams-account.',
    choose: 'Bekijk als',
    placeholder: 'Kies een demopersoon',
  },
  you: (name: string, roles: string) => `${name} · ${roles}`,
  scope: {
    all: 'Je ziet de cijfers van de hele organisatie.',
    own: 'Je ziet de cijfers van de signalen die jij mag zien: je eigen signalen en die van je locaties.',
  },
  aggregatesOnly: 'Als MT-lid of beheerder zie je alleen aantallen, geen afzonderlijke signalen.',
  filters: {
    heading: 'Filters',
    year: 'Jaar',
    location: 'Locatie',
    kind: 'Soort',
    allLocations: 'Alle locaties',
    allKinds: 'Alle soorten',
  },
  totals: {
    received: 'Ontvangen',
    open: 'Open',
    complaints: 'Klachten',
    settledInTime: 'Op tijd afgehandeld',
    late: 'Te laat',
    pending: 'Nog binnen de termijn',
  },
  views: { chart: 'Grafiek', table: 'Tabel', label: (title: string) => `Weergave van ${title}` },
  months: MONTHS,
  quarter: (n: number) => `K${n}`,
  sections: {
    open: 'Open signalen per locatie en stap',
    openNote: (year: number) => `Signalen ontvangen in ${year} die nog open zijn.`,
    deadlines: 'Termijnen',
    signals: 'Signalen over of bijna aan de termijn',
    deadlinesNote: 'Nu, over alle jaren, zoals "te laat" en "termijnen" in de chat.',
    overdue: 'Te laat',
    thisWeek: 'Deze week',
    perMonth: 'Per maand: ontvangen en klachten afgehandeld',
    settleTime: 'Doorlooptijd van klachten (dagen tot het schriftelijke antwoord)',
    themes: 'Thema’s per kwartaal',
    channels: 'Kanalen per kwartaal',
    satisfaction: 'Tevredenheid',
    cases: 'Klachtenloket en Geschillencommissie',
    report: 'Jaaranalyse',
    actions: 'Open acties',
  },
  columns: {
    location: 'Locatie',
    step: 'Stap',
    total: 'Totaal',
    month: 'Maand',
    received: 'Ontvangen',
    settledInTime: 'Op tijd',
    late: 'Te laat',
    pending: 'Lopend',
    median: 'Mediaan',
    p25: '25%',
    p75: '75%',
    min: 'Kortst',
    max: 'Langst',
    count: 'Aantal',
    theme: 'Thema',
    channel: 'Kanaal',
    answer: 'Antwoord',
    reference: 'Signaal',
    kind: 'Soort',
    deadlineKind: 'Termijn',
    deadline: 'Datum',
    open: 'Openen',
    action: 'Actie',
    owner: 'Eigenaar',
    status: 'Status',
    what: 'Wat',
  },
  deadlineKinds: {
    settleBy: 'Zes weken (klacht)',
    answerBy: 'Antwoord',
    confirmBy: 'Bevestiging',
    conversationBy: 'Gesprek',
  } satisfies Record<DeadlineKind, string>,
  openInChat: (reference: string) => `${reference} openen in de chat`,
  showAll: (count: number) => `Alle ${count} tonen`,
  noRows: 'Geen.',
  noData: 'Geen gegevens voor deze keuze.',
  cases: {
    deskFiled: 'Bij het Klachtenloket',
    deskDecided: 'Klachtenloket: uitkomst bekend',
    disputesFiled: 'Bij de Geschillencommissie',
    disputesPending: 'Geschillencommissie: nog geen uitspraak',
  },
  report: {
    none: (year: number) => `Er is nog geen jaaranalyse ${year}.`,
    drafted: 'Concept gemaakt',
    adopted: 'Vastgesteld door het MT',
    sentToGgd: 'Naar de GGD gestuurd',
    shared: 'Gedeeld met de locatiemanagers',
    done: 'gedaan',
    notYet: 'nog niet',
    noActions: 'Geen open acties.',
  },
  alt: {
    open: (total: number, locations: number) =>
      `Staafdiagram: ${total} open signalen over ${locations} locaties, per stap gestapeld. De tabel geeft de aantallen.`,
    deadlines: (overdue: number, thisWeek: number) =>
      `Staafdiagram: ${overdue} termijnen te laat en ${thisWeek} deze week, per soort termijn. De tabel geeft de aantallen.`,
    perMonth: (received: number, inTime: number, late: number) =>
      `Staaf- en lijndiagram per maand: ${received} signalen ontvangen, ${inTime} klachten op tijd en ${late} te laat afgehandeld. De tabel geeft de aantallen.`,
    settleTime: (count: number) =>
      `Lijndiagram per maand: mediaan en spreiding (25% tot 75%) van de doorlooptijd van ${count} afgehandelde klachten. De tabel geeft de dagen.`,
    themes: (count: number) => `Staafdiagram: ${count} thema’s per kwartaal gestapeld. De tabel geeft de aantallen.`,
    channels: (count: number) => `Staafdiagram: ${count} kanalen per kwartaal gestapeld. De tabel geeft de aantallen.`,
    satisfaction: (total: number) =>
      `Ringdiagram: tevredenheid van ${total} ouders na afhandeling. De tabel geeft de aantallen.`,
  },
  legend: { median: 'Mediaan', p25: '25%', p75: '75%' },
  startLine: (url: string) => `Tabblad Overzicht (zonder Teams): ${url}`,
} as const;
