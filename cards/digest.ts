import template from './digest.json';
import * as ACData from 'adaptivecards-templating';
import type { AdaptiveCard } from './render';
import type { DigestMessage } from '../src/app/reminder-ports';
import { nlReminders } from '../src/i18n/nl-reminders';
import { literal } from '../src/i18n/format';

/** Staf kw's weekly overview: open and overdue signals per location. */
/**
 * Parsed once: building an ACData.Template costs ~10 ms, expanding a parsed one ~0.3 ms, and the
 * sweep renders a card per reminder.
 */
const compiled = new ACData.Template(template);

function expand(model: object): AdaptiveCard {
  return compiled.expand({ $root: model }) as AdaptiveCard;
}

export function digestCard(message: DigestMessage): AdaptiveCard {
  const labels = nlReminders.digestLabels;
  return expand({
    title: nlReminders.digestTitle(message.week),
    summary: nlReminders.digestPreview(message.totalOpen, message.totalOverdue),
    empty: message.locations.length === 0,
    noneText: labels.none,
    locationLabel: labels.location,
    openLabel: labels.open,
    overdueLabel: labels.overdue,
    // Texts are strings: the card schema wants text, not numbers.
    locations: message.locations.map((location) => ({
      name: literal(location.locationName),
      open: String(location.open),
      overdue: String(location.overdue),
      overdueColor: location.overdue > 0 ? 'Attention' : 'Default',
      references: location.overdueReferences.join(', '),
    })),
    generatedAt: labels.generatedAt(message.generatedAt),
  });
}
