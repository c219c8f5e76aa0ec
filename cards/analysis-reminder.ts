import template from './analysis-reminder.json';
import { expand, type AdaptiveCard } from './render';
import type { AnalysisReminderMessage } from '../src/app/reminder-ports';
import { nlReminders } from '../src/i18n/nl-reminders';
import { formatDate, literal } from '../src/i18n/format';

const STATE_COLORS = { onTime: 'Good', dueSoon: 'Warning', late: 'Attention' } as const;
const texts = nlReminders.analysis;

/**
 * A reminder of the yearly analysis. A measure's owner settles it on the card ("bezig", "afgerond":
 * the `analysis.reminder.measure` verb answers and replaces the card); staf kw and the MT open the
 * analysis card in its place (`analysis.refresh`), where the GGD sending is recorded.
 */
export function analysisReminderCard(message: AnalysisReminderMessage): AdaptiveCard {
  const facts: { title: string; value: string }[] = [
    { title: texts.labels.year, value: String(message.year) },
    { title: texts.labels.deadline, value: formatDate(message.deadline) },
  ];
  if (message.measureDescription) {
    facts.push({ title: texts.labels.measure, value: literal(message.measureDescription) });
  }
  return expand(template, {
    title: texts.title(message),
    titleColor: message.pointKind === 'missed' ? 'Attention' : 'Default',
    intro: texts.intro(message),
    facts,
    stateLabel: nlReminders.labels.state,
    stateText: nlReminders.states[message.state],
    stateColor: STATE_COLORS[message.state],
    whatToDo: texts.whatToDo[message.subject],
    year: message.year,
    measureId: message.measureId ?? '',
    canOpenAnalysis: message.canOpenAnalysis,
    inProgressTitle: texts.labels.inProgress,
    doneTitle: texts.labels.done,
    openTitle: texts.labels.open,
  });
}
