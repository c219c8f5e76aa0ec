/** Dutch texts of the reminders, the weekly digest and the "not reachable in Teams" notice. */
import type { AnalysisReminderSubject } from '../domain/analysis-reminders';
import type { AnalysisStatus } from '../domain/analysis-workflow';
import type { OpenDeadlineState } from '../domain/deadlines';
import type { CommitmentSource, ReminderDeadlineKind, ReminderPointKind } from '../domain/reminders';
import type { SignalKind } from '../domain/signal';
import { formatDate } from './format';
import { nl } from './nl';

interface ReminderTextInput {
  reference: string;
  signalKind: SignalKind;
  deadlineKind: ReminderDeadlineKind;
  pointKind: ReminderPointKind;
  deadline: string;
  state: OpenDeadlineState;
  measureDescription?: string;
}

interface AnalysisReminderTextInput {
  year: number;
  subject: AnalysisReminderSubject;
  pointKind: ReminderPointKind;
  deadline: string;
  state: OpenDeadlineState;
  status: AnalysisStatus | 'missing';
}

const analysisStatuses: Record<AnalysisStatus, string> = {
  draft: 'concept, nog niet vastgesteld door het MT',
  adopted: 'vastgesteld door het MT, nog niet verzonden',
  sentToGgd: 'verzonden aan de GGD',
  locationManagersInformed: 'gedeeld met de locatiemanagers',
};

const deadlineKinds: Record<ReminderDeadlineKind, string> = {
  confirmBy: 'Schriftelijke bevestiging aan de ouder (dezelfde week)',
  conversationBy: 'Gesprek met de ouder (binnen 2 weken)',
  settleBy: 'Wettelijke termijn van 6 weken',
  answerBy: 'Streefdatum antwoord',
  measure: 'Maatregel uit het besluit',
  reportingConsultation: 'Meldplicht: overleg met de vertrouwensinspecteur (binnen één werkdag)',
};

const whatToDo: Record<ReminderDeadlineKind, string> = {
  confirmBy: 'Bevestig de klacht deze week schriftelijk aan de ouder, met de afspraak voor het gesprek.',
  conversationBy: 'Voer het gesprek met de ouder en leg het vast.',
  settleBy: 'Leg het schriftelijke, gemotiveerde besluit met maatregelen en termijnen vast.',
  answerBy: 'Handel het signaal af en vraag de ouder of hij of zij tevreden is.',
  measure: 'Zorg dat deze maatregel op tijd is uitgevoerd.',
  reportingConsultation:
    'Overleg zonder uitstel met de vertrouwensinspecteur en leg het overleg vast: open het signaal en kies Meldplicht openen.',
};

export const nlReminders = {
  deadlineKinds,
  whatToDo,
  states: {
    onTime: 'op tijd',
    dueSoon: 'bijna',
    late: 'te laat',
  } satisfies Record<OpenDeadlineState, string>,
  labels: {
    reference: 'Referentie',
    kind: 'Soort',
    location: 'Kindercentrum',
    deadline: 'Termijn',
    state: 'Stand',
    measure: 'Maatregel',
    open: 'Signaal openen',
  },
  commitmentLabels: {
    decision: 'Maatregel',
    dispute: 'Uitspraak Geschillencommissie',
    complaintsDesk: 'Afspraak bij het Klachtenloket',
  } satisfies Record<CommitmentSource, string>,
  title: (input: ReminderTextInput): string =>
    input.pointKind === 'missed' ? `Termijn verstreken: ${input.reference}` : `Herinnering: ${input.reference}`,
  // A measure's reminder sent late (the bot was down on its day) is 'upcoming' with state 'late'.
  intro: (input: ReminderTextInput): string =>
    input.pointKind === 'missed' || input.state === 'late'
      ? `De termijn "${deadlineKinds[input.deadlineKind]}" is verstreken op ${formatDate(input.deadline)}.`
      : `De termijn "${deadlineKinds[input.deadlineKind]}" loopt af op ${formatDate(input.deadline)}.`,
  kindName: (kind: SignalKind): string => nl.kinds[kind],
  feedTitle: (input: ReminderTextInput): string =>
    input.pointKind === 'missed' ? `Termijn verstreken: ${input.reference}` : `Herinnering: ${input.reference}`,
  feedPreview: (input: ReminderTextInput): string =>
    `${deadlineKinds[input.deadlineKind]}: ${formatDate(input.deadline)} (${nlReminders.states[input.state]}).`,

  digestTitle: (week: string): string => `Weekoverzicht signalen ${week.replace('-W', ' week ')}`,
  digestPreview: (open: number, overdue: number): string =>
    `${open} open ${open === 1 ? 'signaal' : 'signalen'}, waarvan ${overdue} over de termijn.`,
  digestLabels: {
    location: 'Kindercentrum',
    open: 'Open',
    overdue: 'Over termijn',
    overdueReferences: 'Over termijn',
    total: 'Totaal',
    none: 'Geen open signalen.',
    generatedAt: (at: string) => `Stand van ${formatDate(at)}.`,
  },

  analysis: {
    title: (input: AnalysisReminderTextInput): string =>
      input.subject === 'sendToGgd'
        ? input.pointKind === 'missed'
          ? `Jaarverslag klachten ${input.year}: te laat voor de GGD`
          : `Jaarverslag klachten ${input.year}: vóór 1 juni naar de GGD`
        : input.pointKind === 'missed'
          ? `Actie uit het jaarverslag ${input.year} is over de termijn`
          : `Herinnering: actie uit het jaarverslag ${input.year}`,
    intro: (input: AnalysisReminderTextInput): string => {
      if (input.subject === 'measure') {
        return input.pointKind === 'missed'
          ? `De termijn van deze actie is verstreken op ${formatDate(input.deadline)}.`
          : `Deze actie moet uiterlijk ${formatDate(input.deadline)} klaar zijn.`;
      }
      const stand =
        input.status === 'missing'
          ? 'Het jaarverslag is nog niet gemaakt (opdracht: analyse).'
          : `Het jaarverslag staat op: ${analysisStatuses[input.status]}.`;
      return input.pointKind === 'missed'
        ? `Het jaarverslag had vóór 1 juni bij de GGD moeten zijn. ${stand}`
        : `Het jaarverslag moet uiterlijk ${formatDate(input.deadline)} bij de GGD zijn. ${stand}`;
    },
    whatToDo: {
      sendToGgd:
        'Laat het MT het jaarverslag vaststellen, stuur het naar de GGD en leg dat vast op de kaart van de analyse.',
      measure: 'Zet de actie op "bezig" of "afgerond" zodra dat zo is.',
    } satisfies Record<AnalysisReminderSubject, string>,
    labels: {
      year: 'Jaar',
      deadline: 'Termijn',
      measure: 'Actie',
      open: 'Analyse openen',
      inProgress: 'Ik ben ermee bezig',
      done: 'Afgerond',
    },
    measureUpdated: (description: string, status: 'inProgress' | 'done'): string =>
      `De actie "${description}" staat nu op ${status === 'done' ? 'afgerond' : 'bezig'}.`,
    measureUnchanged: (description: string, status: 'inProgress' | 'done'): string =>
      `De actie "${description}" stond al op ${status === 'done' ? 'afgerond' : 'bezig'}.`,
    measureGone: 'Deze actie staat niet meer in het jaarverslag.',
    feedPreview: (input: AnalysisReminderTextInput): string =>
      `Termijn: ${formatDate(input.deadline)} (${nlReminders.states[input.state]}).`,
  },

  unreachableTitle: 'Niet bereikbaar in Teams',
  unreachableText: (name: string, reason: 'notInRoster' | 'noReference'): string =>
    reason === 'notInRoster'
      ? `${name} heeft Klantsignaal niet meer in Teams (de app is verwijderd). Herinneringen gaan nu via de activiteitenfeed; vraag ${name} de app opnieuw toe te voegen.`
      : `${name} heeft nog nooit met Klantsignaal gechat, dus herinneringen kunnen niet in Teams worden bezorgd. Ze gaan via de activiteitenfeed; vraag ${name} de app te openen.`,
} as const;
