import { DateTime } from 'luxon';

/** Every date rule of the process is computed on the Dutch wall clock, not UTC. */
export const ZONE = 'Europe/Amsterdam';

/** The last moment of a calendar day in Amsterdam, as a UTC ISO instant. */
export function endOfDay(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: ZONE }).endOf('day').toUTC().toISO()!;
}

/** The Amsterdam calendar date (yyyy-mm-dd) of an instant. */
export function amsterdamDate(at: Date | string): string {
  const dt = typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at);
  return dt.setZone(ZONE).toISODate()!;
}
