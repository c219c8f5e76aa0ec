/** The input checks every move table of the domain shares (process, meldplicht, intake). */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A non-blank text of at most `max` characters. */
export function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

/** A yyyy-mm-dd date that exists in the calendar (no 31 April, no 29 February outside leap years). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: that one reads years 0-99 as 1900-1999 (a typed "0026").
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
