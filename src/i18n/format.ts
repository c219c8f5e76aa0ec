import { DateTime } from 'luxon';
import { ZONE } from '../domain/deadlines';

/** "dinsdag 6 januari 2027", on the Dutch wall clock. */
export function formatDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: ZONE }).setLocale('nl').toFormat('cccc d LLLL yyyy');
}

/** "di 6 jan 2027 14:30". */
export function formatDateTime(iso: string): string {
  return DateTime.fromISO(iso, { zone: ZONE }).setLocale('nl').toFormat('ccc d LLL yyyy HH:mm');
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
