/** Dutch texts of the reminders, the weekly digest and the "not reachable in Teams" notice. */
import type { DeadlineState } from '../domain/deadlines';
import type { ReminderDeadlineKind, ReminderPointKind } from '../domain/reminders';
import type { SignalKind } from '../domain/signal';
import { formatDate } from './format';
import { nl } from './nl';

interface ReminderTextInput {
  reference: string;
  signalKind: SignalKind;
  deadlineKind: ReminderDeadlineKind;
  pointKind: ReminderPointKind;
  deadline: string;
  state: Exclude<DeadlineState, 'met'>;
  measureDescription?: string;
}

const deadlineKinds: Record<ReminderDeadlineKind, string> = {
  confirmBy: 'Schriftelijke bevestiging aan de ouder (dezelfde week)',
  conversationBy: 'Gesprek met de ouder (binnen 2 weken)',
  settleBy: 'Wettelijke termijn van 6 weken',
  answerBy: 'Streefdatum antwoord',
  measure: 'Maatregel uit het besluit',
};

const whatToDo: Record<ReminderDeadlineKind, string> = {
  confirmBy: 'Bevestig de klacht deze week schriftelijk aan de ouder, met de afspraak voor het gesprek.',
  conversationBy: 'Voer het gesprek met de ouder en leg het vast.',
  settleBy: 'Leg het schriftelijke, gemotiveerde besluit met maatregelen en termijnen vast.',
  answerBy: 'Handel het signaal af en vraag de ouder of hij of zij tevreden is.',
  measure: 'Zorg dat deze maatregel op tijd is uitgevoerd.',
};

export const nlReminders = {
  deadlineKinds,
  whatToDo,
  states: {
    onTime: 'op tijd',
    dueSoon: 'bijna',
    late: 'te laat',
  } satisfies Record<Exclude<DeadlineState, 'met'>, string>,
  labels: {
    reference: 'Referentie',
    kind: 'Soort',
    location: 'Kindercentrum',
    deadline: 'Termijn',
    state: 'Stand',
    measure: 'Maatregel',
    open: 'Signaal openen',
  },
  title: (input: ReminderTextInput): string =>
    input.pointKind === 'missed' ? `Termijn verstreken: ${input.reference}` : `Herinnering: ${input.reference}`,
  intro: (input: ReminderTextInput): string =>
    input.pointKind === 'missed'
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

  unreachableTitle: 'Niet bereikbaar in Teams',
  unreachableText: (name: string, reason: 'notInRoster' | 'noReference'): string =>
    reason === 'notInRoster'
      ? `${name} heeft Klantsignaal niet meer in Teams (de app is verwijderd). Herinneringen gaan nu via de activiteitenfeed; vraag ${name} de app opnieuw toe te voegen.`
      : `${name} heeft nog nooit met Klantsignaal gechat, dus herinneringen kunnen niet in Teams worden bezorgd. Ze gaan via de activiteitenfeed; vraag ${name} de app te openen.`,
} as const;
