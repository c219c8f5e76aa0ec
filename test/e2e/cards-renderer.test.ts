/**
 * Every card the bot can send, expanded from its template with realistic models and rendered by
 * the official Adaptive Cards renderer (node_modules/adaptivecards/dist/adaptivecards.min.js, put
 * into a local page) in Chromium: no parse errors or warnings,
 * version 1.5, the Dutch texts on screen, required inputs that block Action.Execute, and text people
 * typed shown literally (no bold, no links, no HTML) wherever a card displays it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { helpModel } from '../../bot/commands/help';
import { renderMessage } from '../../bot/proactive';
import { analysisCard } from '../../cards/analysis';
import { analysisReminderCard } from '../../cards/analysis-reminder';
import { digestCard } from '../../cards/digest';
import { helpCard } from '../../cards/help';
import { intakeCard } from '../../cards/intake';
import { listCard } from '../../cards/list';
import { noticeCard } from '../../cards/notice';
import { downloadsCard } from '../../cards/downloads';
import { nlDownloads } from '../../src/i18n/nl-downloads';
import { overviewCard } from '../../cards/overview';
import { eraseConfirmCard, parentDataCard } from '../../cards/privacy';
import type { AdaptiveCard } from '../../cards/render';
import { reminderCard } from '../../cards/reminder';
import { reportingDutyCard, reportingDutyConfirmCard } from '../../cards/reporting-duty';
import { signalCard } from '../../cards/signal';
import { signalRegisteredCard } from '../../cards/signal-registered';
import { slotsCard } from '../../cards/slots';
import { welcomeCard } from '../../cards/welcome';
import { loadOrganisation } from '../../src/adapters/config/organisation-file';
import { analyseSignals } from '../../src/domain/analysis';
import {
  addMeasure,
  draftAnalysis,
  reviewAnalysis,
  type AnalysisActor,
  type AnnualAnalysis,
  type WorkflowResult,
} from '../../src/domain/analysis-workflow';
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import type { Organisation } from '../../src/domain/organisation';
import { applyMove, availableMoves, type MoveCommand } from '../../src/domain/process';
import { registerSignal } from '../../src/domain/register';
import { applyDutyMove, type DutyMoveCommand, type ReportingDuty } from '../../src/domain/reporting-duty';
import type { PersonRef, Signal } from '../../src/domain/signal';
import { literal } from '../../src/i18n/format';
import { AS_OF, dataset2025, dataset2026 } from '../analysis/dataset';
import {
  describeWithBrowser,
  launchBrowser,
  OUTSIDE_REQUEST,
  screenshotOnFailure,
  type BrowserSession,
} from '../support/browser';
import { PEOPLE, SAMPLE_ORGANISATION } from '../support/services';
import { REPORT_CONTENT } from '../analysis/report-content';

const ROOT = resolve(__dirname, '../..');
const CARDS_DIR = join(ROOT, 'cards');

/** What a parent or employee might type: Markdown, HTML and a link that must all stay plain text. */
const TYPED = '**vet** <b>x</b> [link](http://evil)';
const TYPED_MULTILINE = `${TYPED}\n- geen lijst\n# geen kop`;

const NOW = new Date('2026-11-25T10:00:00+01:00');
const TODAY = '2026-11-25';
const INTAKE_ID = '6f1c1d2e-8a4b-4c3d-9e5f-0a1b2c3d4e5f';

const baseOrganisation: Organisation = loadOrganisation(SAMPLE_ORGANISATION);
/** A location whose name an administrator typed with Markdown in it. */
const organisation: Organisation = {
  ...baseOrganisation,
  locations: baseOrganisation.locations.map((location) =>
    location.id === 'zonnebloem' ? { ...location, name: `KDV De Zonnebloem ${TYPED}` } : location,
  ),
};

const person = (ref: { id: string; name: string }): PersonRef => ({ id: ref.id, name: ref.name });

/** A complaint taken through every step, with typed text in every field a card shows. */
function complaintThroughAllSteps(): Signal {
  let signal = registerSignal(
    {
      id: 'sig-e2e-1',
      reference: 'KS-2026-0042',
      input: {
        kind: 'complaint',
        locationId: 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn: '2026-11-02',
        parentName: `Sanne ${TYPED}`,
        parentEmail: 'sanne@voorbeeld.nl',
        parentPhone: '06 12345678',
        contactPreference: 'meeting',
        description: TYPED_MULTILINE,
        parentWish: `Excuses ${TYPED}`,
      },
      by: person(PEOPLE.employee),
      at: new Date('2026-11-02T09:00:00Z'),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
  const steps: [MoveCommand, PersonRef, string][] = [
    [
      { name: 'escalateToLocation', input: { locationManager: person(PEOPLE.locationManager) } },
      person(PEOPLE.employee),
      '2026-11-03T10:00:00Z',
    ],
    [
      { name: 'escalateToOrganisation', input: { manager: person(PEOPLE.manager), supporter: person(PEOPLE.quality) } },
      person(PEOPLE.locationManager),
      '2026-11-04T10:00:00Z',
    ],
    [
      { name: 'conversationPlanned', input: { plannedFor: '2026-11-10T13:00:00Z' } },
      person(PEOPLE.manager),
      '2026-11-04T11:00:00Z',
    ],
    [{ name: 'confirmationSent', input: {} }, person(PEOPLE.manager), '2026-11-05T10:00:00Z'],
    [
      { name: 'conversationHeld', input: { heldAt: '2026-11-10T14:00:00Z', notes: `Notities ${TYPED}` } },
      person(PEOPLE.manager),
      '2026-11-10T15:00:00Z',
    ],
    [
      {
        name: 'recordDecision',
        input: {
          text: `Besluit ${TYPED}`,
          measures: [{ description: `Maatregel ${TYPED}`, deadline: '2026-12-15' }],
          sentOn: '2026-11-12',
          tenor: 'founded',
          sentVia: 'email',
        },
      },
      person(PEOPLE.manager),
      '2026-11-12T10:00:00Z',
    ],
    [
      { name: 'handle', input: { summary: `Afgehandeld ${TYPED}`, satisfaction: 'notSatisfied' } },
      person(PEOPLE.manager),
      '2026-11-12T11:00:00Z',
    ],
    [
      { name: 'fileComplaintsDesk', input: { filedOn: '2026-11-16', caseNumber: `KL-${TYPED}` } },
      person(PEOPLE.quality),
      '2026-11-16T10:00:00Z',
    ],
    [
      { name: 'complaintsDeskOutcome', input: { outcome: `Uitkomst ${TYPED}` } },
      person(PEOPLE.quality),
      '2026-11-18T10:00:00Z',
    ],
    [
      { name: 'fileDispute', input: { filedOn: '2026-11-20', caseNumber: `GC-${TYPED}` } },
      person(PEOPLE.quality),
      '2026-11-20T10:00:00Z',
    ],
    [
      {
        name: 'disputeRuling',
        input: { ruling: 'partlyFounded', obligations: `Verplichting ${TYPED}`, obligationsDeadline: '2027-01-15' },
      },
      person(PEOPLE.quality),
      '2026-11-24T10:00:00Z',
    ],
  ];
  steps.forEach(([command, actor, at], index) => {
    const result = applyMove(signal, command, { actor, at: new Date(at), eventId: `evt-${index}` });
    if (!result.ok)
      throw new Error(
        `sample signal: ${command.name} refused (${result.error}${result.field ? `, ${result.field}` : ''})`,
      );
    signal = result.signal;
  });
  return {
    ...signal,
    letters: [
      {
        id: 'letter-1',
        kind: 'confirmation',
        createdAt: '2026-11-05T10:00:00Z',
        subject: `Bevestiging ${TYPED}`,
        body: `Beste Sanne,\n${TYPED_MULTILINE}`,
      },
    ],
  };
}

const signal = complaintThroughAllSteps();
const signalModel = {
  signal,
  organisation,
  now: NOW,
  deadlineSettings: DEFAULT_DEADLINE_SETTINGS,
  showPersonalData: true,
  moves: availableMoves(signal),
  today: TODAY,
};

/** The yearly analysis of the analysis tests' data set: commented on, adopted by two MT members, one measure. */
function yearlyAnalysis(): AnnualAnalysis {
  const quality: AnalysisActor = { id: PEOPLE.quality.id, name: PEOPLE.quality.name, roles: ['quality'] };
  const mt1: AnalysisActor = { id: PEOPLE.admin.id, name: PEOPLE.admin.name, roles: ['mt'] };
  const mt2: AnalysisActor = { id: PEOPLE.manager.id, name: PEOPLE.manager.name, roles: ['mt', 'manager'] };
  const unwrap = (result: WorkflowResult): AnnualAnalysis => {
    if (!result.ok) throw new Error(`sample analysis refused: ${result.error}`);
    return result.analysis;
  };
  let analysis = unwrap(
    draftAnalysis(
      {
        figures: analyseSignals(2026, dataset2026(), AS_OF),
        previousFigures: analyseSignals(2025, dataset2025(), AS_OF),
        settings: { requiredAdoptions: 2 },
        content: REPORT_CONTENT,
      },
      quality,
      AS_OF,
    ),
  );
  analysis = unwrap(
    reviewAnalysis(
      analysis,
      { verdict: 'comment', comment: `Opmerking ${TYPED}` },
      mt2,
      new Date('2027-02-01T10:00:00Z'),
    ),
  );
  analysis = unwrap(reviewAnalysis(analysis, { verdict: 'adopt' }, mt1, new Date('2027-02-02T10:00:00Z')));
  analysis = unwrap(reviewAnalysis(analysis, { verdict: 'adopt' }, mt2, new Date('2027-02-02T11:00:00Z')));
  return unwrap(
    addMeasure(
      analysis,
      { id: 'm1', description: `Training ${TYPED}`, owner: person(PEOPLE.manager), deadline: '2027-09-01' },
      mt1,
      new Date('2027-02-03T10:00:00Z'),
    ),
  );
}

const analysisModel = {
  analysis: yearlyAnalysis(),
  now: new Date('2027-02-10T10:00:00Z'),
  permissions: { review: true, submit: true, addMeasure: true, updateMeasures: true, sendToGgd: true, inform: true },
  owners: [person(PEOPLE.manager), person(PEOPLE.quality)],
  today: '2027-02-10',
};

interface Sample {
  name: string;
  /** The cards/*.ts file whose function made it (every card file must have a sample). */
  source: string;
  card: AdaptiveCard;
  texts: string[];
  /** Typed text that must appear literally (Markdown not applied, HTML not interpreted). */
  literal?: string[];
  /** Clicking this Action.Execute button with the card as rendered must not execute (required input empty). */
  blockedSubmit?: string;
  /** Clicking this button must execute this verb (all required inputs filled). */
  executes?: { button: string; verb: string; data: Record<string, unknown> };
}

const reminder = {
  deliveryId: 'd-1',
  signalId: signal.id,
  reference: signal.reference,
  signalKind: 'complaint' as const,
  locationName: `KDV De Zonnebloem ${TYPED}`,
  deadlineKind: 'measure' as const,
  pointKind: 'upcoming' as const,
  deadline: '2026-12-15T22:59:59Z',
  state: 'dueSoon' as const,
  measureDescription: `Maatregel ${TYPED}`,
  recipientName: 'Adele Vance',
};

const dutySettings = baseOrganisation.reportingDuty!;

/** A complaint flagged as a melding at intake, handed to the houder. */
function melding(): Signal & { reportingDuty: ReportingDuty } {
  const result = applyDutyMove(
    complaintThroughAllSteps(),
    { name: 'flag', input: { via: 'intake', newOwner: person(PEOPLE.admin) } },
    { actor: person(PEOPLE.employee), at: new Date('2026-11-25T08:00:00Z'), eventId: 'flag-e2e' },
  );
  if (!result.ok) throw new Error(result.error);
  return result.signal as Signal & { reportingDuty: ReportingDuty };
}

/** The melding with the consultation, conclusion, police report, measures and aftercare, typed text in each. */
function meldingThroughAllSteps(): Signal & { reportingDuty: ReportingDuty } {
  let signal: Signal = melding();
  const at = new Date('2026-11-25T09:30:00Z');
  const steps: DutyMoveCommand[] = [
    {
      name: 'consult',
      input: { on: TODAY, time: '09:00', inspector: TYPED, advice: TYPED_MULTILINE, offence: 'sexual' },
    },
    { name: 'conclude', input: { reasonableSuspicion: true, explanation: TYPED } },
    { name: 'reportToPolice', input: { on: TODAY, time: '10:15', by: TYPED } },
    { name: 'recordMeasures', input: { employee: TYPED, parents: TYPED } },
    { name: 'recordAftercare', input: { text: TYPED } },
  ];
  for (const [index, command] of steps.entries()) {
    const result = applyDutyMove(signal, command, { actor: person(PEOPLE.admin), at, eventId: `duty-e2e-${index}` });
    if (!result.ok) throw new Error(`${command.name}: ${result.error} ${result.field ?? ''}`);
    signal = result.signal;
  }
  return signal as Signal & { reportingDuty: ReportingDuty };
}

const SAMPLES: Sample[] = [
  {
    name: 'welcome',
    source: 'welcome',
    card: welcomeCard({ roleLine: 'Je bent bekend als Medewerker.' }),
    texts: ['Welkom bij Klantsignaal', 'Je bent bekend als Medewerker.', 'Nieuw signaal', 'Wat kan ik?'],
  },
  {
    name: 'help',
    source: 'help',
    card: helpCard(helpModel()),
    texts: ['Wat kan Klantsignaal?', 'nieuw', 'Nieuw signaal registreren'],
  },
  {
    name: 'intake, new',
    source: 'intake',
    card: intakeCard({ intakeId: INTAKE_ID, organisation, today: TODAY }),
    texts: [
      'Nieuw signaal registreren',
      'Soort signaal',
      'Datum ontvangen',
      'Kindercentrum',
      'Naam ouder',
      'Wat is er gebeurd?',
      'Registreren',
    ],
    blockedSubmit: 'Registreren',
  },
  {
    name: 'intake, with errors and what was typed',
    source: 'intake',
    card: intakeCard({
      intakeId: INTAKE_ID,
      organisation,
      today: TODAY,
      values: {
        kind: 'complaint',
        locationId: 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn: '2026-11-24',
        parentName: 'Sanne de Vries',
        parentEmail: 'sanne@voorbeeld',
        contactPreference: 'meeting',
        description: TYPED_MULTILINE,
        parentWish: TYPED,
      },
      errors: { parentEmail: 'invalidEmail' },
    }),
    texts: ['Niet alles is goed ingevuld', 'Dit is geen geldig e-mailadres.'],
    executes: {
      button: 'Registreren',
      verb: 'intake.submit',
      data: {
        intakeId: INTAKE_ID,
        kind: 'complaint',
        parentEmail: 'sanne@voorbeeld',
        description: TYPED_MULTILINE,
        parentWish: TYPED,
      },
    },
  },
  {
    name: 'notice',
    source: 'notice',
    card: noticeCard({
      title: 'Let op',
      text: 'Er ging iets mis aan onze kant. Er is niets verloren; probeer het zo nog eens.',
      tone: 'error',
    }),
    texts: ['Let op', 'Er ging iets mis aan onze kant.'],
  },
  {
    name: 'downloads',
    source: 'downloads',
    card: downloadsCard({
      title: nlDownloads.title,
      text: nlDownloads.intro(10),
      files: [
        {
          title: nlDownloads.button('jaarverslag-klachten-2026.docx'),
          url: 'http://localhost:3978/downloads/abc?voor=x',
        },
        {
          title: nlDownloads.button('jaarverslag-klachten-2026.csv'),
          url: 'http://localhost:3978/downloads/def?voor=x',
        },
      ],
    }),
    texts: ['Bestanden downloaden', 'iedere link werkt één keer', 'Download jaarverslag-klachten-2026.docx'],
  },
  {
    name: 'signal registered',
    source: 'signal-registered',
    card: signalRegisteredCard({ signal, organisation, alreadyRegistered: true }),
    texts: [
      'Signaal geregistreerd: KS-2026-0042',
      'Dit signaal was al geregistreerd.',
      'Wettelijke termijn (6 weken)',
      'Klacht',
    ],
    literal: [`KDV De Zonnebloem ${TYPED}`],
  },
  {
    name: 'signal at step 4 with history and letters',
    source: 'signal',
    card: signalCard(signalModel),
    texts: [
      'KS-2026-0042 · Klacht',
      'Stap 4 · Geschillencommissie',
      'Termijnen',
      'Wat is er gebeurd?',
      'Besluit',
      'Klachtenloket',
      'Geschillencommissie',
      'Geschiedenis',
    ],
    literal: [
      TYPED,
      `KDV De Zonnebloem ${TYPED}`,
      `Sanne ${TYPED}`,
      `Excuses ${TYPED}`,
      `Notities ${TYPED}`,
      `Besluit ${TYPED}`,
      `Maatregel ${TYPED}`,
      `Afgehandeld ${TYPED}`,
      `KL-${TYPED}`,
      `Uitkomst ${TYPED}`,
      `GC-${TYPED}`,
      `Verplichting ${TYPED}`,
    ],
  },
  {
    name: 'signal with move and privacy buttons',
    source: 'signal',
    card: signalCard({
      ...signalModel,
      moves: [],
      primary: ['handle'],
      privacyActions: [{ verb: 'privacy.export', title: 'Gegevens ouder (inzage)' }],
    }),
    // The AVG requests sit in the overflow ("…"); the next step is the button on the card.
    texts: ['Afhandelen + tevredenheid'],
    executes: {
      button: 'Afhandelen + tevredenheid',
      verb: 'signal.form',
      data: { signalId: signal.id, move: 'handle' },
    },
  },
  {
    name: 'parent data (inzage)',
    source: 'privacy',
    card: parentDataCard(signal.id, {
      reference: 'KS-2026-0042',
      parent: { name: `Sanne ${TYPED}`, email: 'sanne@example.nl', contactPreference: 'meeting' },
      description: TYPED,
      parentWish: '',
      letters: [],
    }),
    texts: ['Gegevens van de ouder bij KS-2026-0042', 'sanne@example.nl'],
    literal: [`Sanne ${TYPED}`, TYPED],
  },
  {
    name: 'erase confirmation',
    source: 'privacy',
    card: eraseConfirmCard(signal.id, 'erase-1'),
    texts: ['Gegevens van de ouder wissen', 'Definitief wissen'],
    executes: { button: 'Definitief wissen', verb: 'privacy.erase', data: { signalId: signal.id, formId: 'erase-1' } },
  },
  {
    name: 'signal with an empty move form',
    source: 'signal',
    card: signalCard({ ...signalModel, form: { move: 'reopen', formId: 'form-1' } }),
    texts: ['Heropenen', 'Opslaan', 'Annuleren'],
    blockedSubmit: 'Opslaan',
  },
  {
    name: 'signal with a filled move form and an error',
    source: 'signal',
    card: signalCard({
      ...signalModel,
      form: { move: 'reopen', formId: 'form-2', values: { reason: TYPED }, error: 'Dat lukte niet.' },
    }),
    texts: ['Dat lukte niet.'],
    executes: {
      button: 'Opslaan',
      verb: 'signal.move',
      data: { signalId: signal.id, move: 'reopen', formId: 'form-2', reason: TYPED },
    },
  },
  {
    name: 'reminder',
    source: 'reminder',
    card: reminderCard(reminder),
    texts: ['KS-2026-0042'],
    literal: [`KDV De Zonnebloem ${TYPED}`, `Maatregel ${TYPED}`],
  },
  {
    name: 'reminder of an action from the yearly analysis',
    source: 'analysis-reminder',
    card: analysisReminderCard({
      deliveryId: 'd-4',
      year: 2026,
      subject: 'measure',
      pointKind: 'upcoming',
      deadline: '2027-04-23T21:59:59.999Z',
      state: 'dueSoon',
      status: 'adopted',
      measureId: 'm1',
      measureDescription: `Folder vernieuwen ${TYPED}`,
      recipientName: 'Megan Bowen',
      canOpenAnalysis: false,
    }),
    texts: ['Herinnering: actie uit het jaarverslag 2026', 'Ik ben ermee bezig'],
    literal: [`Folder vernieuwen ${TYPED}`],
    executes: {
      button: 'Afgerond',
      verb: 'analysis.reminder.measure',
      data: { year: 2026, measureId: 'm1', status: 'done' },
    },
  },
  {
    name: 'digest',
    source: 'digest',
    card: digestCard({
      deliveryId: 'd-2',
      week: '2026-W48',
      generatedAt: '2026-11-23T07:00:00Z',
      totalOpen: 5,
      totalOverdue: 1,
      locations: [
        {
          locationId: 'zonnebloem',
          locationName: `KDV De Zonnebloem ${TYPED}`,
          open: 3,
          overdue: 1,
          overdueReferences: ['KS-2026-0042'],
        },
        {
          locationId: 'vlinder',
          locationName: 'BSO De Vlinder, Amersfoort',
          open: 2,
          overdue: 0,
          overdueReferences: [],
        },
      ],
    }),
    texts: ['BSO De Vlinder, Amersfoort', 'KS-2026-0042'],
    literal: [`KDV De Zonnebloem ${TYPED}`],
  },
  {
    name: 'proactive: unreachable person',
    source: 'notice',
    card: renderMessage({
      type: 'unreachable',
      message: { deliveryId: 'd-3', personName: 'Adele Vance', reason: 'noReference' },
    }),
    texts: ['Adele Vance heeft nog nooit met Klantsignaal gechat'],
  },
  {
    name: 'list with a next page',
    source: 'list',
    card: listCard({
      title: 'Open signalen',
      filters: `Kindercentrum: ${literal(`KDV De Zonnebloem ${TYPED}`)}`,
      rows: [
        {
          reference: 'KS-2026-0042',
          kind: 'Klacht',
          place: `${literal(`KDV De Zonnebloem ${TYPED}`)} · Stap 1 · kindercentrum`,
          deadline: 'termijn dinsdag 15 december 2026 · bijna',
          tone: 'warning',
        },
      ],
      more: { query: '{"kind":"open"}', continuation: 'token-1' },
    }),
    texts: ['Open signalen', 'KS-2026-0042', 'Klacht', 'termijn dinsdag 15 december 2026 · bijna'],
    literal: [`KDV De Zonnebloem ${TYPED}`],
  },
  {
    name: 'list, empty',
    source: 'list',
    card: listCard({ title: 'Mijn signalen', rows: [], empty: 'Geen signalen gevonden.' }),
    texts: ['Mijn signalen', 'Geen signalen gevonden.'],
  },
  {
    name: 'overview',
    source: 'overview',
    card: overviewCard({
      title: 'Overzicht november 2026',
      scope: 'Alle kindercentra',
      totals: [
        { title: 'Totaal', value: '5' },
        { title: 'Open', value: '3' },
      ],
      sections: [
        { heading: 'Per kindercentrum', facts: [{ title: literal(`KDV De Zonnebloem ${TYPED}`), value: '5' }] },
        { heading: 'Per soort', facts: [] },
      ],
      complaintsHeading: 'Klachten',
      complaintsLine: '2 van 3 klachten binnen zes weken afgehandeld.',
    }),
    texts: ['Overzicht november 2026', 'Per kindercentrum', '2 van 3 klachten binnen zes weken afgehandeld.'],
    literal: [`KDV De Zonnebloem ${TYPED}`],
  },
  {
    name: 'yearly analysis',
    source: 'analysis',
    card: analysisCard(analysisModel),
    texts: ['2026', 'Status', 'Vastgesteld door MT', 'Cijfers berekend'],
    literal: [`Opmerking ${TYPED}`, `Training ${TYPED}`],
  },
  {
    name: 'yearly analysis with an empty measure form',
    source: 'analysis',
    card: analysisCard({ ...analysisModel, form: { name: 'measure', formId: 'm2' } }),
    texts: ['2026'],
  },
  {
    name: 'slots offered',
    source: 'slots',
    card: slotsCard({
      signalId: signal.id,
      title: 'Kies een moment voor het gesprek',
      intro: 'Vrij in de agenda van Adele Vance:',
      slots: [
        { start: '2026-12-03T09:00:00Z', title: 'donderdag 3 december 2026 10:00–10:30' },
        { start: '2026-12-03T13:00:00Z', title: 'donderdag 3 december 2026 14:00–14:30' },
      ],
      pickId: 'pick-1',
      warning: 'Alleen een moment na de termijn is vrij.',
      manualTitle: 'Zelf plannen',
      backTitle: 'Terug naar het signaal',
    }),
    texts: [
      'Kies een moment voor het gesprek',
      'donderdag 3 december 2026 10:00–10:30',
      'Zelf plannen',
      'Terug naar het signaal',
    ],
    executes: {
      button: 'donderdag 3 december 2026 14:00–14:30',
      verb: 'planning.pick',
      data: { signalId: signal.id, slotStart: '2026-12-03T13:00:00Z', pickId: 'pick-1' },
    },
  },
  {
    name: 'slots unavailable',
    source: 'slots',
    card: slotsCard({
      signalId: signal.id,
      title: 'Kies een moment voor het gesprek',
      slots: [],
      message: 'De agenda is nu niet bereikbaar.',
      messageTone: 'attention',
      backTitle: 'Terug naar het signaal',
    }),
    texts: ['De agenda is nu niet bereikbaar.', 'Terug naar het signaal'],
  },
  {
    name: 'intake, the meldplicht question answered yes',
    source: 'intake',
    card: intakeCard({ intakeId: INTAKE_ID, organisation, today: TODAY, values: { reportingDuty: 'yes' } }),
    texts: ['Gaat het (mogelijk) om geweld of een zedendelict door iemand die bij ons werkt?', 'Ja', 'Nee'],
    blockedSubmit: 'Registreren',
  },
  {
    name: 'melding, just flagged',
    source: 'reporting-duty',
    card: reportingDutyCard({ signal: melding(), settings: dutySettings, now: NOW, today: TODAY }),
    texts: [
      'Meldplicht · KS-2026-0042',
      'Patti Fernandez (houder), Adele Vance (aandachtsfunctionaris)',
      'Overleg uiterlijk',
      '0900-111 3 111',
      'Overleg met de vertrouwensinspecteur',
      'nog te doen',
      'Aangifte bij de politie',
    ],
    executes: {
      button: 'Overleg vertrouwensinspecteur',
      verb: 'duty.form',
      data: { signalId: 'sig-e2e-1', move: 'consult' },
    },
  },
  {
    name: 'melding, consultation form with what was typed',
    source: 'reporting-duty',
    card: reportingDutyCard({
      signal: melding(),
      settings: dutySettings,
      now: NOW,
      today: TODAY,
      form: {
        move: 'consult',
        formId: 'form-duty-1',
        values: { on: TODAY, time: '09:30', inspector: TYPED, offence: 'violence', advice: TYPED_MULTILINE },
        errors: { time: 'rejected' },
        error: 'Niet alles is goed ingevuld.',
      },
    }),
    texts: [
      'Met wie bij de Inspectie (naam) *',
      'Advies van de vertrouwensinspecteur *',
      'Niet alles is goed ingevuld.',
    ],
    executes: {
      button: 'Opslaan',
      verb: 'duty.move',
      data: { signalId: 'sig-e2e-1', move: 'consult', formId: 'form-duty-1', time: '09:30', offence: 'violence' },
    },
  },
  {
    name: 'melding, every step recorded',
    source: 'reporting-duty',
    card: reportingDutyCard({ signal: meldingThroughAllSteps(), settings: dutySettings, now: NOW, today: TODAY }),
    texts: [
      'Redelijk vermoeden van een strafbaar feit?',
      'vastgelegd',
      'Meldplicht: aangifte bij de politie vastgelegd',
    ],
    literal: [TYPED],
  },
  {
    name: 'melding, confirm the flag',
    source: 'reporting-duty',
    card: reportingDutyConfirmCard({ signalId: 'sig-e2e-1', formId: 'form-flag-1' }),
    texts: ['Doorgeven als melding (meldplicht)?', 'Ja, doorgeven', 'Annuleren'],
    executes: { button: 'Ja, doorgeven', verb: 'duty.flag', data: { signalId: 'sig-e2e-1', formId: 'form-flag-1' } },
  },
];

interface RenderResult {
  events: { phase: number; event: number; message: string }[];
  issues: { phase: number; event: number; message: string }[];
  version: string | null;
  rendered: boolean;
}

interface Executed {
  type: string;
  verb: string | null;
  data: Record<string, unknown> | null;
}

/** The little of the DOM these checks read (the project's lib has no DOM types). */
interface DomNode {
  textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
}

interface RendererWindow {
  renderCard(card: unknown): RenderResult;
  miniMarkdown(text: string): string;
  executed: Executed[];
}

describe('card samples', () => {
  it('cover every card file in cards/', () => {
    const cardFiles = readdirSync(CARDS_DIR)
      .filter((file) => file.endsWith('.ts') && file !== 'render.ts')
      .map((file) => file.replace(/\.ts$/, ''));
    const covered = new Set(SAMPLES.map((sample) => sample.source));
    const missing = cardFiles.filter((file) => !covered.has(file));
    expect(
      missing.map((file) => `no renderer sample for cards/${file}.ts: add one to test/e2e/cards-renderer.test.ts`),
    ).toEqual([]);
  });
});

describeWithBrowser('every card in the official Adaptive Cards renderer (Chromium)', () => {
  let browser: BrowserSession | undefined;
  let page: Page;
  /** Every URL the page asked for: none may leave the machine. */
  const requested: string[] = [];

  beforeAll(async () => {
    // The page and the renderer are put in directly rather than served over HTTP: served from an
    // http server inside this jest worker, the page's first request never finished whenever the
    // Playground suite ran in a parallel worker (it always loaded when run alone).
    const script = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
    const html = readFileSync(join(__dirname, 'fixtures/renderer.html'), 'utf8');
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('request', (request) => requested.push(request.url()));
    page.setDefaultTimeout(10_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.setContent(
      html.replace('<script src="/adaptivecards.min.js"></script>', () => `<script>${script}</script>`),
    );
    const ready = await page.evaluate(
      () => typeof (globalThis as unknown as Partial<RendererWindow>).renderCard === 'function',
    );
    if (!ready) throw new Error(`the renderer page did not load: ${pageErrors.join('; ') || 'no error reported'}`);
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(requested.filter((url) => OUTSIDE_REQUEST.test(url) || url.startsWith('file:'))).toEqual([]);
  });

  const render = (card: AdaptiveCard) =>
    page.evaluate(
      (json) => (globalThis as unknown as RendererWindow).renderCard(json),
      card as unknown as Record<string, unknown>,
    );
  const executed = () => page.evaluate(() => (globalThis as unknown as RendererWindow).executed);
  const button = (title: string) => page.locator('#host').getByRole('button', { name: title, exact: true });

  it('has a Markdown processor that would turn unescaped Markdown into bold and links', async () => {
    const html = await page.evaluate((text) => (globalThis as unknown as RendererWindow).miniMarkdown(text), TYPED);
    expect(html).toContain('<strong>vet</strong>');
    expect(html).toContain('<a href="http://evil">link</a>');
    expect(html).not.toContain('<b>');
    const escaped = await page.evaluate(
      (text) => (globalThis as unknown as RendererWindow).miniMarkdown(text),
      literal(TYPED_MULTILINE),
    );
    expect(escaped).not.toMatch(/<(strong|a|b|em|ul|ol|li|h\d)\b/);
  });

  it.each(SAMPLES.map((sample) => [sample.name, sample] as const))('%s', async (name, sample) => {
    await screenshotOnFailure(page, `card-${name}`, async () => {
      expect(sample.card.version).toBe('1.5');
      const result = await render(sample.card);
      expect(result.rendered).toBe(true);
      expect(result.events).toEqual([]);
      expect(result.issues).toEqual([]);
      expect(result.version).toBe('1.5');

      const host = page.locator('#host');
      const shown = await host.innerText();
      for (const text of sample.texts) expect(shown).toContain(text);

      if (sample.literal) {
        // Markdown and HTML that people typed are text: no formatting elements made from them.
        const markup = await host.evaluate((element: DomNode) => ({
          links: element.querySelectorAll('a').length,
          bold: Array.from(element.querySelectorAll('strong, b')).map((node) => node.textContent),
          lists: element.querySelectorAll('.ac-textBlock ul, .ac-textBlock ol, .ac-textBlock h1, .ac-textBlock h2')
            .length,
        }));
        expect(markup.links).toBe(0);
        expect(markup.bold).not.toContain('vet');
        expect(markup.bold).not.toContain('x');
        expect(markup.lists).toBe(0);
        // Hidden parts (Action.ShowCard letters and history) count too: textContent, whitespace folded.
        const allText = (await host.evaluate((element: DomNode) => element.textContent ?? '')).replace(/\s+/g, ' ');
        for (const text of sample.literal) expect(allText).toContain(text.replace(/\s+/g, ' '));
      }

      if (sample.blockedSubmit) {
        await button(sample.blockedSubmit).click();
        await expect(executed()).resolves.toEqual([]);
        // The renderer shows the card's own Dutch message at the empty required input.
        await expect(host.innerText()).resolves.toContain('Vul dit in.');
      }

      if (sample.executes) {
        await button(sample.executes.button).click();
        const calls = await executed();
        expect(calls).toHaveLength(1);
        expect(calls[0]).toMatchObject({
          type: 'Action.Execute',
          verb: sample.executes.verb,
          data: sample.executes.data,
        });
      }
    });
  });

  it('keeps typed text as the value of the intake inputs, not as formatting', async () => {
    const sample = SAMPLES.find((candidate) => candidate.name === 'intake, with errors and what was typed')!;
    await render(sample.card);
    const values = await page
      .locator('#host textarea')
      .evaluateAll((areas) => areas.map((area) => (area as unknown as { value: string }).value));
    expect(values).toEqual([TYPED_MULTILINE, TYPED]);
    await expect(page.locator('#host input[type="email"]').inputValue()).resolves.toBe('sanne@voorbeeld');
  });

  it('says why a receipt date in the future is refused on the intake card, not just "Vul dit in."', async () => {
    const sample = SAMPLES.find((candidate) => candidate.name === 'intake, new')!;
    await render(sample.card);
    const date = page.locator('#host input[type="date"]').first();
    await date.fill('2099-01-01');
    await button('Registreren').click();
    await expect(executed()).resolves.toEqual([]);
    await expect(page.locator('#host').innerText()).resolves.toContain('De datum mag niet in de toekomst liggen.');
  });
});
