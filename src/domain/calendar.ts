/**
 * Dutch working-day calendar. Dates are yyyy-mm-dd calendar dates in Europe/Amsterdam; a calendar
 * date has no time zone of its own, so this module never touches instants or DST.
 *
 * Which days are holidays: the days of the Algemene termijnenwet (art. 3), the Dutch law that says
 * which days a legal term does not end on:
 *   Nieuwjaarsdag, Tweede Paasdag, Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag,
 *   Koningsdag, and Bevrijdingsdag (5 May) EVERY year.
 * Easter Sunday and Whit Sunday are holidays too (they fall on a Sunday anyway).
 * Goede Vrijdag is NOT a national holiday (date-holidays marks it 'school'), so it is a working day.
 * Bevrijdingsdag is type 'school' in date-holidays (a paid day off only every 5 years in many CAOs);
 * we add it every year because the Algemene termijnenwet does and many CAOs do too.
 * The dates themselves (Easter, Koningsdag's Sunday rule) come from date-holidays, not our own maths.
 */
import Holidays from 'date-holidays';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const holidaysNL = new Holidays('NL');
/** Holidays per year, built once: date-holidays is slow per lookup and the set never changes. */
const byYear = new Map<number, ReadonlySet<string>>();

function holidaysOf(year: number): ReadonlySet<string> {
  let set = byYear.get(year);
  if (!set) {
    const days = new Set<string>();
    for (const holiday of holidaysNL.getHolidays(year)) {
      const isBevrijdingsdag = holiday.date.slice(5, 10) === '05-05';
      if (holiday.type === 'public' || isBevrijdingsdag) days.add(holiday.date.slice(0, 10));
    }
    set = days;
    byYear.set(year, set);
  }
  return set;
}

/** Days since 1970-01-01 for a yyyy-mm-dd date; throws on anything else (a bug upstream). */
function toDayNumber(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`not a yyyy-mm-dd date: ${isoDate}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`not a real date: ${isoDate}`);
  }
  return ms / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isWorkingDayNumber(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay(); // 0 Sunday .. 6 Saturday
  if (weekday === 0 || weekday === 6) return false;
  const iso = fromDayNumber(day);
  return !holidaysOf(Number(iso.slice(0, 4))).has(iso);
}

export function isDutchPublicHoliday(isoDate: string): boolean {
  toDayNumber(isoDate);
  return holidaysOf(Number(isoDate.slice(0, 4))).has(isoDate);
}

/** Monday to Friday and not a Dutch public holiday. */
export function isWorkingDay(isoDate: string): boolean {
  return isWorkingDayNumber(toDayNumber(isoDate));
}

/**
 * The `days`-th working day after (or, when negative, before) the date; the date itself is never
 * counted, even when it is a working day. 0 returns the date unchanged.
 * Inverse of workingDaysBetween: workingDaysBetween(d, addWorkingDays(d, n)) === n.
 */
export function addWorkingDays(isoDate: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  let day = toDayNumber(isoDate);
  const direction = days < 0 ? -1 : 1;
  let remaining = Math.abs(days);
  while (remaining > 0) {
    day += direction;
    if (isWorkingDayNumber(day)) remaining -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days from `from` to `to`: counts the working days in (from, to] when to >= from, and
 * minus the working days in [to, from) when to < from — so it mirrors addWorkingDays.
 */
export function workingDaysBetween(fromIsoDate: string, toIsoDate: string): number {
  const from = toDayNumber(fromIsoDate);
  const to = toDayNumber(toIsoDate);
  let count = 0;
  if (to >= from) {
    for (let day = from + 1; day <= to; day += 1) if (isWorkingDayNumber(day)) count += 1;
    return count;
  }
  for (let day = to; day < from; day += 1) if (isWorkingDayNumber(day)) count += 1;
  return 0 - count; // not -count: that gives -0 for an empty range
}
