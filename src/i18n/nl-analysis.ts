/**
 * Every Dutch text of the yearly analysis (the Word report, the CSV, the workflow messages).
 * What the report says about the organisation's own scheme comes from its settings, never from here.
 */
import type { ComparisonKey, Outcome, SatisfactionKey, TenorKey } from '../domain/analysis';
import type { RequiredReportSetting } from '../domain/report-content';
import {
  MEASURE_DEADLINE_YEARS_BACK,
  type AnalysisStatus,
  type GgdDeadlineState,
  type AudienceMove,
  type GgdSendChannel,
  type MeasureStatus,
  type WorkflowError,
} from '../domain/analysis-workflow';
import { MAX_YEARS_AHEAD } from '../domain/process';
import { nl } from './nl';

/** "a", "a en b", "a, b en c". */
const joinNl = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;

export const nlAnalysis = {
  title: (year: number) => `Jaarverslag klachten ${year}`,
  /** The year still runs: figures so far. */
  interimTitle: (year: number) => `Jaarverslag klachten ${year} (tussentijds)`,
  subtitle: 'Analyse van klachten en andere signalen van ouders',
  preparedFor: (audiences: readonly string[]) => `Voor ${joinNl(['de GGD', ...audiences.map((name) => `de ${name}`)])}`,
  cover: {
    title: 'Kindercentra en hun registratie in het Landelijk Register Kinderopvang',
    lrk: 'LRK-nummer',
    noLrk: 'niet ingesteld',
  },
  /** The organisation's own texts (organisation file, "report"), as named when missing. */
  settings: {
    complaintsScheme: 'een korte beschrijving van de klachtenregeling (report.complaintsScheme)',
    parentInformation: 'hoe ouders op de klachtenregeling zijn gewezen (report.parentInformation)',
  } satisfies Record<RequiredReportSetting, string>,
  notSet: (label: string) =>
    `Nog niet ingesteld: ${label}. De beheerder vult dit in het organisatiebestand in; zonder deze tekst kan het verslag niet naar het MT.`,
  missingSettings: (labels: readonly string[]) =>
    `Het jaarverslag kan nog niet naar het MT: de organisatie moet eerst zelf beschrijven wat de wet vraagt. Ontbreekt: ${joinNl(labels)}. ` +
    'Vraag de beheerder dit in het organisatiebestand in te vullen en maak het verslag daarna opnieuw met **analyse**.',
  fileName: (year: number, extension: 'docx' | 'csv') => `jaarverslag-klachten-${year}.${extension}`,
  statusLine: (status: AnalysisStatus) => `Status: ${nlAnalysis.statuses[status]}`,
  adoptedOn: (date: string, names: string) => `Vastgesteld door het MT op ${date} (${names}).`,
  notAdopted: 'Concept: nog niet vastgesteld door het MT.',
  computedOn: (date: string) => `Cijfers berekend op ${date}.`,
  organisationLevel: 'Hele organisatie',
  statuses: {
    draft: 'concept',
    adopted: 'vastgesteld door het MT',
    sentToGgd: 'verzonden aan de GGD',
    locationManagersInformed: 'gedeeld met de locatiemanagers',
  } satisfies Record<AnalysisStatus, string>,
  outcomes: {
    resolved: 'Afgesloten zonder uitspraak',
    founded: 'Gegrond',
    partlyFounded: 'Deels gegrond',
    unfounded: 'Ongegrond',
    open: 'Nog in behandeling',
  } satisfies Record<Outcome, string>,
  satisfaction: { ...nl.satisfaction, notRecorded: 'Niet vastgelegd' } satisfies Record<SatisfactionKey, string>,
  kinds: nl.kinds,
  channels: nl.channels,
  steps: nl.steps,
  rulings: nl.rulings,
  tenors: { ...nl.tenors, notRecorded: 'Niet vastgelegd' } satisfies Record<TenorKey, string>,
  months: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'] as const,
  measureStatuses: {
    planned: 'Gepland',
    inProgress: 'In uitvoering',
    done: 'Afgerond',
    cancelled: 'Vervallen',
  } satisfies Record<MeasureStatus, string>,
  comparison: {
    signals: 'Signalen totaal',
    complaints: 'Klachten',
    escalatedToOrganisation: 'Klachten naar de organisatie (stap 2 of hoger)',
    complaintsDesk: 'Zaken bij het Klachtenloket Kinderopvang',
    disputes: 'Zaken bij de Geschillencommissie Kinderopvang',
    handlingMedian: 'Doorlooptijd, mediaan (dagen)',
    handlingP90: 'Doorlooptijd, 90e percentiel (dagen)',
    settledWithinTerm: 'Afgehandeld binnen 6 weken',
    confirmedInSameWeek: 'Bevestiging in dezelfde week',
    conversationWithinTwoWeeks: 'Gesprek binnen 2 weken',
    satisfied: 'Ouders tevreden over de afhandeling',
  } satisfies Record<ComparisonKey, string>,
  sections: {
    summary: 'Samenvatting',
    keyFigures: 'Kerncijfers',
    scheme: 'De klachtenregeling',
    informing: 'Hoe ouders zijn geïnformeerd',
    nature: 'Aantal en aard van de klachten',
    tenors: 'Strekking van de oordelen',
    outcomes: 'Afhandeling en uitkomsten',
    external: 'Klachtenloket en Geschillencommissie',
    measures: 'Acties en maatregelen',
    comparison: 'Vergelijking met vorig jaar',
    locations: 'Per kindercentrum',
    method: 'Verantwoording',
  },
  tables: {
    kinds: 'Signalen naar soort',
    themes: 'Klachten naar thema',
    channels: 'Klachten naar manier van binnenkomen',
    months: 'Klachten per maand',
    steps: 'Hoogste stap bereikt (klachten)',
    outcomes: 'Uitkomst (klachten)',
    terms: 'Termijnen (klachten)',
    satisfaction: 'Tevredenheid van de ouder (klachten)',
    tenors: 'Strekking van de oordelen (afgehandelde klachten)',
    external: 'Externe klachtbehandeling',
    locations: 'Klachten per kindercentrum',
    measures: 'Acties en maatregelen van het MT',
    comparison: 'Kerncijfers, dit jaar en vorig jaar',
  },
  columns: {
    category: 'Categorie',
    count: 'Aantal',
    share: 'Aandeel',
    figure: 'Cijfer',
    thisYear: (year: number) => String(year),
    previousYear: (year: number) => String(year),
    location: 'Kindercentrum',
    signals: 'Signalen',
    complaints: 'Klachten',
    measure: 'Actie / maatregel',
    owner: 'Eigenaar',
    deadline: 'Deadline',
    status: 'Status',
    met: 'Op tijd',
    missed: 'Te laat',
    metMissed: 'Op tijd / te laat (% op tijd)',
    pending: 'Nog lopend',
  },
  terms: {
    settledWithinTerm: 'Afgehandeld binnen 6 weken',
    confirmedInSameWeek: 'Schriftelijke bevestiging in dezelfde week',
    conversationWithinTwoWeeks: 'Gesprek (of schriftelijk antwoord) binnen 2 weken',
  },
  external: {
    deskFiled: 'Ingediend bij het Klachtenloket',
    deskWithOutcome: 'Waarvan met uitkomst vastgelegd',
    deskWithoutOutcome: 'Waarvan (nog) zonder uitkomst',
    disputesFiled: 'Ingediend bij de Geschillencommissie',
    disputesLate: 'Waarvan na de termijn van 12 maanden',
    awaitingRuling: 'Nog geen uitspraak',
    ruling: (label: string) => `Uitspraak: ${label.toLowerCase()}`,
  },
  charts: {
    kinds: 'Signalen naar soort',
    themes: 'Klachten naar thema',
    outcomes: 'Uitkomst van klachten',
    tenors: 'Strekking van de oordelen',
    months: 'Klachten per maand',
    locations: 'Klachten per kindercentrum',
    altText: (title: string) => `Staafdiagram: ${title}`,
  },
  summary: {
    intro: (year: number, organisation: string) =>
      `Dit verslag beschrijft de klachten en andere signalen die ouders in ${year} aan ${organisation} gaven, ` +
      'hoe die zijn behandeld en welke maatregelen daaruit volgen. Het bevat geen persoonsgegevens.',
    interim: (date: string) => `Dit is een tussentijds verslag: het jaar loopt nog. De cijfers gaan tot ${date}.`,
    noComplaints: (year: number) => `In ${year} zijn geen schriftelijke klachten ontvangen.`,
    missing: (labels: readonly string[]) =>
      `Dit concept is nog niet compleet. Ontbreekt: ${joinNl(labels)}. Zo kan het niet naar het MT.`,
    noPrevious: 'Er zijn geen cijfers van vorig jaar om mee te vergelijken.',
  },
  natureIntro:
    'De thema’s en de manier waarop klachten binnenkwamen geven een beeld van de aard van de klachten. ' +
    'Alle signalen worden geregistreerd; de tabel met soorten laat ook de vragen, ideeën en complimenten zien.',
  outcomesIntro:
    'De uitkomst gegrond, deels gegrond of ongegrond komt uit een uitspraak van de Geschillencommissie; ' +
    'de strekking van de eigen oordelen van de organisatie staat in de volgende paragraaf.',
  tenorsIntro:
    'Iedere afgehandelde klacht kreeg een schriftelijke uitkomst: een oordeel (gegrond, deels gegrond of ongegrond) ' +
    'of een bevestiging van wat in overleg met de ouder is opgelost. "Niet vastgelegd" zijn uitkomsten van vóór de ' +
    'registratie van de strekking.',
  measuresIntro: 'Het MT heeft op basis van deze analyse de volgende acties en maatregelen vastgesteld.',
  measuresSummaryTitle: 'Aard van de maatregelen bij individuele klachten',
  noMeasuresSummary: 'Staf kwaliteit heeft (nog) geen samenvatting van de maatregelen bij klachten gegeven.',
  contents: 'Inhoud',
  noMeasures: 'Er zijn (nog) geen acties of maatregelen vastgelegd.',
  decisionMeasures: (decisions: string, measures: string) =>
    `Daarnaast zijn bij de afhandeling van individuele klachten ${decisions} schriftelijke besluiten aan ouders gestuurd, ` +
    `met samen ${measures} concrete maatregelen met een termijn.`,
  locationNoComplaints: 'Dit kindercentrum ontving geen klachten.',
  locationIntro: (signals: string, complaints: string) => `Signalen: ${signals}. Klachten: ${complaints}.`,
  /** A share or number of days over zero complaints: there is nothing to compute. */
  noComplaints: '– (geen klachten)',
  /** There were complaints, but none settled or judged yet. */
  noneYet: '– (nog geen afgehandeld)',
  notApplicable: '–',
  legend:
    'Alle aantallen zijn exact. "– (geen klachten)" betekent: er is niets om over te rekenen (nul klachten); ' +
    '"– (nog geen afgehandeld)": er zijn klachten, maar nog geen is afgehandeld of beoordeeld. ' +
    '"–" betekent: niet van toepassing. Het verslag bevat geen namen, contactgegevens of vrije teksten uit klachten.',
  method: [
    'Alle cijfers zijn exacte aantallen: een aantal klachten is geen persoonsgegeven. Namen, contactgegevens en vrije teksten uit klachten staan niet in het verslag.',
    'Het verslag gaat over alle signalen die in het kalenderjaar zijn ontvangen (datum van ontvangst), ook als zij inmiddels zijn geanonimiseerd.',
    'De doorlooptijd is het aantal kalenderdagen van de dag van ontvangst tot de dag waarop de schriftelijke uitkomst aan de ouder is verstuurd, voor afgehandelde klachten.',
    'Mediaan en 90e percentiel volgen de methode van de dichtstbijzijnde rang: de waarde op plaats ⌈P/100 × N⌉ van de gesorteerde doorlooptijden.',
    'Een termijn telt als gehaald als het is gebeurd vóór of op het moment dat de termijn afliep. Klachten waarvan de termijn nog loopt, tellen niet mee in het percentage.',
  ],
  csv: {
    headers: ['Niveau', 'Onderdeel', 'Categorie', 'Kolom', 'Waarde'] as const,
  },
  total: 'Totaal',
  page: 'Pagina',
  of: 'van',
  judged: 'Beoordeeld',
  workflowErrors: {
    notAllowed: 'Dit mag je rol niet. Alleen MT-leden stellen de analyse vast; staf kwaliteit maakt en verstuurt haar.',
    wrongStatus: 'Dat kan niet in deze fase van het jaarverslag.',
    alreadyDone: 'Dit is al gedaan.',
    unknownMeasure: 'Deze actie of maatregel bestaat niet (meer).',
    invalidInput: 'Niet alles is goed ingevuld.',
    conflict:
      'Iemand anders heeft het jaarverslag net gewijzigd. Kijk of je actie nog nodig is en probeer het opnieuw.',
    missingSettings:
      'Het jaarverslag kan nog niet naar het MT: de beschrijving van de klachtenregeling of van hoe ouders zijn geïnformeerd ontbreekt.',
  } satisfies Record<WorkflowError, string>,
  ggdStates: {
    notDue: 'Nog niet aan de orde',
    remind: 'Versturen aan de GGD vóór 1 juni',
    late: 'Te laat: had vóór 1 juni naar de GGD gemoeten',
    sent: 'Verzonden aan de GGD',
  } satisfies Record<GgdDeadlineState, string>,
  reminders: {
    sendToGgd: (year: number, late: boolean) =>
      late
        ? `Het jaarverslag klachten ${year} is nog niet naar de GGD gestuurd en is te laat (termijn: vóór 1 juni).`
        : `Denk eraan: het jaarverslag klachten ${year} moet vóór 1 juni naar de GGD.`,
    measure: (description: string, deadline: string, late: boolean) =>
      late
        ? `Actie over de termijn (${deadline}): ${description}`
        : `Actie bijna aan de beurt (${deadline}): ${description}`,
  },
  messages: {
    produced: (year: number) =>
      `Het jaarverslag klachten ${year} staat klaar als concept. Het MT kan het nu vaststellen.`,
    frozen: (year: number) =>
      `Het jaarverslag ${year} is al vastgesteld; de cijfers blijven zoals het MT ze vaststelde.`,
    adoptedBy: (count: number, required: number) => `${count} van ${required} MT-leden hebben vastgesteld.`,
  },
  /** The letters that carry the documents (src/app/annual-analysis.ts). Plain text. */
  mail: {
    ggd: {
      recipientName: 'GGD, toezicht kinderopvang',
      subject: (year: number, organisation: string) => `Jaarverslag klachten ${year} van ${organisation}`,
      text: (letter: { year: number; organisation: string; adoptedOn: string; sender: string; note: string }) =>
        [
          'Geachte heer, mevrouw,',
          `Hierbij ontvangt u het jaarverslag klachten ${letter.year} van ${letter.organisation}. ` +
            `Het managementteam heeft het vastgesteld op ${letter.adoptedOn}.`,
          ...(letter.note ? [letter.note] : []),
          'In de bijlagen vindt u het verslag als Word-document en de cijfers als CSV-bestand. ' +
            'Het verslag bevat geen persoonsgegevens.',
          `Met vriendelijke groet,\n\n${letter.sender}\nStaf kwaliteit, ${letter.organisation}`,
        ].join('\n\n'),
    },
    locationManager: {
      subject: (year: number) => `Jaarverslag klachten ${year}`,
      text: (letter: { name: string; year: number; organisation: string; audiences: string[]; sender: string }) =>
        [
          `Beste ${letter.name},`,
          `Het jaarverslag klachten ${letter.year} van ${letter.organisation} is vastgesteld door het MT en verzonden aan de GGD. ` +
            `In de bijlage vind je het verslag als Word-document${
              letter.audiences.length > 0
                ? `, om te bespreken met ${joinNl(letter.audiences.map((name) => `de ${name}`))}`
                : ''
            }.`,
          'Het verslag bevat geen persoonsgegevens en mag met ouders gedeeld worden.',
          `Met vriendelijke groet,\n\n${letter.sender}\nStaf kwaliteit, ${letter.organisation}`,
        ].join('\n\n'),
    },
  },
  /** The analysis card in Teams (bot/verbs/analysis-verbs.ts, cards/analysis.json). */
  card: {
    facts: {
      status: 'Status',
      computed: 'Cijfers berekend',
      adoptions: 'Vastgesteld door',
      ggd: 'GGD',
      sentToGgd: 'Verzonden aan de GGD',
      informed: 'Gedeeld met de locatiemanagers',
      submittedToMt: 'Naar het MT gestuurd',
      missing: 'Ontbreekt nog (organisatiebestand)',
      measuresSummary: 'Maatregelen (samenvatting)',
    },
    sentLate: 'te laat (na 31 mei)',
    audienceMoves: { shared: 'Gedeeld', discussed: 'Besproken' } satisfies Record<AudienceMove, string>,
    audienceLine: (shared: string | undefined, discussed: string | undefined) =>
      [shared ? `gedeeld op ${shared}` : '', discussed ? `besproken op ${discussed}` : 'nog niet besproken']
        .filter(Boolean)
        .join(' · '),
    statuses: {
      draft: 'Concept',
      adopted: 'Vastgesteld door MT',
      sentToGgd: 'Verstuurd naar GGD',
      locationManagersInformed: 'Locatiemanagers geïnformeerd',
    } satisfies Record<AnalysisStatus, string>,
    ggdStates: {
      notDue: 'vóór 1 juni',
      remind: 'vóór 1 juni',
      late: 'te laat',
      sent: 'verstuurd',
    } satisfies Record<GgdDeadlineState, string>,
    ggdLine: (state: string, deadline: string) => `${state} (uiterlijk ${deadline})`,
    ggdMailTo: (address: string) => `Per e-mail aan de GGD: ${address}`,
    sentLine: (date: string, name: string, via: string) => `${date} door ${name} (${via})`,
    sentByMailTo: (address: string) => `e-mail aan ${address}`,
    mailedTo: (names: string) => `per e-mail aan ${names}`,
    submittedLine: (names: string) => `als kaart aan ${names}`,
    informedLine: (date: string, audiences: string) => (audiences ? `${date}, voor ${audiences}` : date),
    adoptions: (count: number, required: number, names: string) =>
      names ? `${count} van ${required} MT-leden (${names})` : `${count} van ${required} MT-leden`,
    keyFigures: 'Kerncijfers',
    reviews: 'Reacties van het MT',
    reviewAdopted: 'stelt vast',
    reviewComment: (comment: string) => `opmerking: ${comment}`,
    reviewOutdated: '(op eerdere cijfers)',
    measures: 'Acties en maatregelen',
    noMeasures: 'Nog geen acties of maatregelen vastgelegd.',
    measureLine: (owner: string, deadline: string, status: string) => `${owner} · ${deadline} · ${status}`,
    buttons: {
      adopt: 'Vaststellen',
      comment: 'Opmerking',
      submit: 'Naar het MT sturen',
      addMeasure: 'Actie toevoegen',
      measureStatus: 'Status van een actie',
      sentToGgd: 'Verzonden aan de GGD',
      mailToGgd: 'Per e-mail naar de GGD',
      informed: 'Locatiemanagers geïnformeerd',
      informByMail: 'Document naar de locatiemanagers',
      measuresSummary: 'Maatregelen samenvatten',
      audience: 'Gedeeld of besproken',
      refresh: 'Vernieuwen',
      save: 'Opslaan',
      send: 'Versturen',
      cancel: 'Annuleren',
      close: 'Sluiten',
    },
    forms: {
      comment: 'Opmerking bij het concept',
      measure: 'Actie of maatregel toevoegen',
      measureStatus: 'Status van een actie bijwerken',
      sentToGgd: 'Verzending aan de GGD vastleggen',
      ggdMail: 'Het jaarverslag per e-mail naar de GGD sturen',
      measuresSummary: 'Aard en status van de maatregelen bij klachten (eigen woorden, zonder namen)',
      audience: 'Gedeeld met of besproken door',
    },
    ggdMailIntro: (address: string, files: string) =>
      `Klantsignaal stuurt het vastgestelde jaarverslag naar ${address}, met als bijlagen ${files}. ` +
      'Daarna staat het als verzonden (per e-mail, vandaag) vastgelegd.',
    fields: {
      comment: 'Je opmerking *',
      description: 'Wat gaat er gebeuren? *',
      owner: 'Eigenaar *',
      deadline: 'Deadline *',
      measureId: 'Actie *',
      status: 'Nieuwe status *',
      on: 'Verzonden op *',
      via: 'Verzonden via *',
      note: 'Toelichting in de e-mail (niet verplicht)',
      summary: 'Samenvatting *',
      audience: 'Met wie *',
      move: 'Wat *',
    },
    /** A form refused in a way that no longer fits (someone else moved the analysis on): what was typed stays visible. */
    formClosed: (reason: string) =>
      `${reason} Wat je typte is niet opgeslagen; het staat hieronder, zodat je het kunt kopiëren.`,
    commentTooLate:
      'Het MT heeft het jaarverslag inmiddels vastgesteld; een opmerking bij het concept kan niet meer worden opgeslagen.',
    choose: 'Kies…',
    required: 'Vul dit in.',
    fieldError: 'Dit klopt niet; kijk het na.',
    /** Under a refused deadline of an action (measureDeadlineProblem says which). */
    deadlineErrors: {
      invalidDate: 'Geen geldige datum.',
      dateOutOfRange: `Kies een datum vanaf ${MEASURE_DEADLINE_YEARS_BACK} jaar geleden, niet meer dan ${MAX_YEARS_AHEAD} jaar vooruit.`,
    },
    ggdChannels: { email: 'e-mail', manual: 'anders (post, portaal)' } satisfies Record<GgdSendChannel, string>,
    notices: {
      adopted: 'Je hebt het jaarverslag vastgesteld. Het MT heeft het nu vastgesteld.',
      adoptedPartly: (count: number, required: number) =>
        `Je hebt het jaarverslag vastgesteld (${count} van ${required} MT-leden).`,
      commented: 'Je opmerking staat bij het jaarverslag. Staf kwaliteit ziet haar hier.',
      measureAdded: 'De actie is vastgelegd.',
      measureUpdated: 'De status van de actie is bijgewerkt.',
      measuresSummarised: 'De samenvatting van de maatregelen staat in het verslag.',
      audienceRecorded: (name: string, move: string, date: string) =>
        `Vastgelegd: ${move.toLowerCase()} (${name}) op ${date}.`,
      sentToGgd: 'Vastgelegd: het jaarverslag is verzonden aan de GGD.',
      mailedToGgd: (address: string) =>
        `Het jaarverslag is per e-mail naar de GGD (${address}) gestuurd, met het Word-document en de CSV. Vastgelegd als verzonden.`,
      alreadyMailedToGgd: (address: string) =>
        `Het jaarverslag was al per e-mail naar de GGD (${address}) gestuurd; het is niet nog eens verstuurd.`,
      ggdMailSending:
        'Het jaarverslag wordt op dit moment naar de GGD gestuurd. Vernieuw de kaart over een minuut; het gaat niet twee keer de deur uit.',
      ggdMailUnconfirmed:
        'Het is niet zeker of de e-mail aan de GGD is verstuurd: het versturen werd onderbroken. Klantsignaal stuurt hem niet nog eens. ' +
        'Kijk bij Verzonden items van de klachtenpostbus; is hij verstuurd, leg dat dan vast met "Verzonden aan de GGD", anders stuur het verslag zelf.',
      ggdMailUnavailable:
        'De e-mail aan de GGD kon nu niet worden verstuurd: de mailservice is tijdelijk niet bereikbaar. Er is niets vastgelegd. Probeer het over een paar minuten opnieuw.',
      ggdMailRefused:
        'De mailservice weigerde de e-mail aan de GGD. Er is niets vastgelegd. Vraag de beheerder het adres van de GGD (GGD_EMAIL) en de klachtenpostbus na te kijken.',
      ggdMailTooLarge:
        'De bijlagen zijn te groot om te e-mailen (samen meer dan 3 MB). Er is niets vastgelegd. Stuur het verslag via het portaal van de GGD en leg de verzending vast met "Verzonden aan de GGD".',
      ggdMailNotSetUp:
        'Versturen per e-mail is hier niet ingesteld (geen adres van de GGD of geen mailservice). Stuur het verslag zelf en leg de verzending vast met "Verzonden aan de GGD".',
      notAdoptedForGgd: 'Het jaarverslag is nog niet vastgesteld door het MT. Pas daarna kan het naar de GGD.',
      informedMailed: (names: string) =>
        `Vastgelegd: de locatiemanagers zijn geïnformeerd. Het Word-document is per e-mail gestuurd aan ${names}.`,
      informedNotMailed: (names: string) =>
        `${names} kon ik niet e-mailen (geen of een onjuist e-mailadres): deel het document zelf met hen.`,
      informedUnconfirmed: (names: string) =>
        `Niet zeker of de e-mail aan ${names} is aangekomen (het versturen werd onderbroken); vraag het even na.`,
      informNotSent: (names: string) =>
        `Het document kon nu niet naar ${names} worden gemaild: de mailservice is tijdelijk niet bereikbaar. Er is nog niets vastgelegd. ` +
        'Probeer het over een paar minuten opnieuw; wie het al kreeg, krijgt het niet nog eens.',
      informed: 'Vastgelegd: de locatiemanagers zijn geïnformeerd.',
      submittedTo: (names: string) => `Het concept is als kaart naar ${names} gestuurd om vast te stellen.`,
      submitAlreadyHad: (names: string) => `Al eerder als kaart ontvangen, niet nog eens gestuurd: ${names}.`,
      submitSending: (names: string) =>
        `Wordt op dit moment als kaart gestuurd (gaat niet twee keer): ${names}. Vernieuw de kaart over een minuut.`,
      submitUnconfirmed: (names: string, year: number) =>
        `Niet zeker of de kaart is aangekomen bij ${names} (het versturen werd onderbroken); Klantsignaal stuurt haar niet nog eens. ` +
        `Vraag het even na: het concept opent met **analyse ${year}**.`,
      submitUnreachable: (names: string, year: number) =>
        `${names} kon ik niet rechtstreeks bereiken; zij openen het concept met **analyse ${year}**.`,
      submitHowTo: (names: string, year: number) =>
        `De MT-leden (${names}) zien het concept met de knoppen Vaststellen en Opmerking als zij **analyse ${year}** typen.`,
      noMtMembers: 'Er zijn geen MT-leden ingesteld; vraag de beheerder om ze toe te voegen.',
      notAdoptedYet:
        'Vaststellen kan alleen een MT-lid. Je rol mag dit niet; staf kwaliteit maakt het verslag en verstuurt het.',
    },
    missing: (year: number) =>
      `Er is nog geen jaarverslag klachten over ${year}. Staf kwaliteit maakt het met **analyse ${year}**.`,
    notSetUp: 'Het jaarverslag is in deze omgeving nog niet ingesteld. Vraag de beheerder om het aan te zetten.',
    usage: 'Gebruik: **analyse** (het jaarverslag dat als eerste aan de beurt is) of **analyse 2026**.',
    working: (year: number, interim: boolean) =>
      `Ik maak het jaarverslag klachten ${year}${interim ? ' (tussentijds)' : ''}. Een moment…`,
    produced: (year: number) => `Het jaarverslag klachten ${year} is berekend. Hieronder de kaart en de bestanden.`,
    filesPersonalOnly:
      'De bestanden (Word en CSV) stuur ik alleen in een persoonlijke chat met Klantsignaal. Typ daar **analyse**.',
    fileDescription: (year: number, format: 'docx' | 'csv', status: string) =>
      format === 'docx'
        ? `Jaarverslag klachten ${year} als Word-document (${status}). Zonder persoonsgegevens.`
        : `De cijfers van het jaarverslag klachten ${year} als CSV (${status}). Zonder persoonsgegevens.`,
    fileSent: (name: string) => `Het bestand ${name} staat in je OneDrive en hieronder.`,
    fileFailed: (year: number) => `Het bestand kon niet worden geüpload. Probeer het opnieuw met **analyse ${year}**.`,
    fileDeclined: 'Prima, ik heb het bestand niet verstuurd.',
  },
} as const;

export type AnalysisTexts = typeof nlAnalysis;
