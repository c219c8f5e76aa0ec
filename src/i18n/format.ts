import { ZONE } from '../domain/deadlines';

// Intl formatters are built once and reused: formatting through luxon's zone maths was a sixth of a
// card action's CPU in the bench profile.
const DATE = new Intl.DateTimeFormat('nl-NL', {
  timeZone: ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const DATE_TIME = new Intl.DateTimeFormat('nl-NL', {
  timeZone: ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const SHORT_DATE = new Intl.DateTimeFormat('nl-NL', {
  timeZone: ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A date-only value (yyyy-mm-dd) is that day on the Dutch calendar, not UTC midnight's. */
function toDate(iso: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
}

/** "dinsdag 6 januari 2027", on the Dutch wall clock. */
export function formatDate(iso: string): string {
  return DATE.format(toDate(iso));
}

/** "di 6 jan 2027 14:30". */
export function formatDateTime(iso: string): string {
  return DATE_TIME.format(toDate(iso)).replace(', ', ' ');
}

/** Cards use one short style: "ma 7 dec 2026" (and formatDateTime's "ma 7 dec 2026 09:00"). */
export function formatCardDate(iso: string): string {
  return SHORT_DATE.format(toDate(iso));
}

/** Letters to parents use one long style: "maandag 7 december 2026 om 09:00 uur". */
export function formatLetterDateTime(iso: string): string {
  return `${DATE.format(toDate(iso))} om ${TIME.format(toDate(iso))} uur`;
}

/**
 * Text a parent or employee typed is shown literally: Adaptive Card TextBlocks render a subset of
 * Markdown, so its control characters are escaped, and line starts that would become lists or headings.
 */
export function literal(text: string): string {
  return text
    .replace(/[\\`*_[\]()#+!<>|~{}]/g, (character) => `\\${character}`)
    .replace(/^(\s*)-/gm, '$1\\-')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** Field labels in a sentence: quoted, since many are questions ("‘Hoe kwam het binnen?’, ‘Thema’"). */
export function quotedList(labels: readonly string[]): string {
  return labels.map((label) => `‘${label}’`).join(', ');
}
