import fc from 'fast-check';
import { addWorkingDays, isDutchPublicHoliday, isWorkingDay, workingDaysBetween } from '../../src/domain/calendar';

describe('isDutchPublicHoliday', () => {
  it.each([
    ['2026-01-01', 'Nieuwjaarsdag'],
    ['2026-04-05', 'Eerste Paasdag'],
    ['2026-04-06', 'Tweede Paasdag'],
    ['2026-04-27', 'Koningsdag (Monday)'],
    ['2025-04-26', 'Koningsdag moved to Saturday because 27 April 2025 is a Sunday'],
    ['2026-05-05', 'Bevrijdingsdag (every year, not only lustrum years)'],
    ['2027-05-05', 'Bevrijdingsdag 2027'],
    ['2026-05-14', 'Hemelvaartsdag'],
    ['2026-05-24', 'Eerste Pinksterdag'],
    ['2026-05-25', 'Tweede Pinksterdag'],
    ['2026-12-25', 'Eerste Kerstdag'],
    ['2026-12-26', 'Tweede Kerstdag'],
    ['2027-03-29', 'Tweede Paasdag 2027 (Easter from the library, not hand-rolled)'],
  ])('%s is a holiday (%s)', (date) => {
    expect(isDutchPublicHoliday(date)).toBe(true);
  });

  it.each([
    ['2026-04-03', 'Goede Vrijdag is not a national holiday'],
    ['2025-04-27', 'Koningsdag does not fall on the Sunday'],
    ['2026-05-04', 'Dodenherdenking is an observance'],
    ['2026-12-31', 'Oudejaarsdag'],
    ['2026-12-05', 'Sinterklaas'],
    ['2026-03-04', 'an ordinary Wednesday'],
  ])('%s is not a holiday (%s)', (date) => {
    expect(isDutchPublicHoliday(date)).toBe(false);
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => isDutchPublicHoliday('2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('26-01-01')).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-01T00:00:00Z', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-02', 1.5)).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it('is Monday to Friday', () => {
    expect(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map(isWorkingDay)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08')).toBe(false); // Sunday
  });

  it('excludes holidays on weekdays but keeps Goede Vrijdag', () => {
    expect(isWorkingDay('2026-05-05')).toBe(false);
    expect(isWorkingDay('2026-05-14')).toBe(false);
    expect(isWorkingDay('2026-04-03')).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('skips the weekend from a Friday', () => {
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-09', -1)).toBe('2026-03-06');
  });

  it('does not count the start day, also when it is a weekend day', () => {
    expect(addWorkingDays('2026-03-08', 1)).toBe('2026-03-09'); // Sunday -> Monday
    expect(addWorkingDays('2026-03-07', -1)).toBe('2026-03-06'); // Saturday -> Friday
    expect(addWorkingDays('2026-03-08', 0)).toBe('2026-03-08');
  });

  it('crosses Christmas and New Year', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-24', 4)).toBe('2026-12-31');
    expect(addWorkingDays('2026-12-24', 5)).toBe('2027-01-04');
    expect(addWorkingDays('2027-01-04', -5)).toBe('2026-12-24');
  });

  it('crosses Easter, Koningsdag, Bevrijdingsdag, Hemelvaart and Pinksteren 2026', () => {
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-03'); // Goede Vrijdag works
    expect(addWorkingDays('2026-04-03', 1)).toBe('2026-04-07'); // over Easter Monday
    expect(addWorkingDays('2026-04-24', 1)).toBe('2026-04-28'); // over Koningsdag
    expect(addWorkingDays('2026-05-04', 1)).toBe('2026-05-06'); // over Bevrijdingsdag
    expect(addWorkingDays('2026-05-13', 1)).toBe('2026-05-15'); // over Hemelvaart
    expect(addWorkingDays('2026-05-22', 1)).toBe('2026-05-26'); // over Pinksteren
  });

  it('is unaffected by the clock changes (dates, not instants)', () => {
    expect(addWorkingDays('2026-03-27', 1)).toBe('2026-03-30'); // over 29 March
    expect(addWorkingDays('2026-10-23', 1)).toBe('2026-10-26'); // over 25 October
    expect(addWorkingDays('2026-03-30', -1)).toBe('2026-03-27');
  });

  it('counts a long stretch: 20 working days in March 2026 have no holiday', () => {
    expect(addWorkingDays('2026-03-01', 22)).toBe('2026-03-31');
  });
});

describe('workingDaysBetween', () => {
  it('counts (from, to] forward and is negative backwards', () => {
    expect(workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1);
    expect(workingDaysBetween('2026-03-09', '2026-03-06')).toBe(-1);
    expect(workingDaysBetween('2026-03-09', '2026-03-09')).toBe(0);
    expect(workingDaysBetween('2026-12-24', '2027-01-04')).toBe(5);
    expect(workingDaysBetween('2026-03-07', '2026-03-08')).toBe(0);
  });
});

describe('calendar properties', () => {
  const day = fc
    .integer({ min: Date.UTC(2024, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 })
    .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
  const steps = fc.integer({ min: -60, max: 60 });

  it('addWorkingDays and workingDaysBetween are inverse', () => {
    fc.assert(
      fc.property(day, steps, (date, n) => {
        expect(workingDaysBetween(date, addWorkingDays(date, n))).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('lands on a working day, on the right side of the start', () => {
    fc.assert(
      fc.property(
        day,
        steps.filter((n) => n !== 0),
        (date, n) => {
          const result = addWorkingDays(date, n);
          expect(isWorkingDay(result)).toBe(true);
          expect(n > 0 ? result > date : result < date).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('workingDaysBetween is antisymmetric', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        if (isWorkingDay(a) === isWorkingDay(b)) {
          // (a, b] and [b, a) hold the same working days when the end points agree.
          expect(workingDaysBetween(a, b) + workingDaysBetween(b, a)).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a working day is never a weekend day or holiday', () => {
    fc.assert(
      fc.property(day, (date) => {
        const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
        expect(isWorkingDay(date)).toBe(weekday !== 0 && weekday !== 6 && !isDutchPublicHoliday(date));
      }),
      { numRuns: 500 },
    );
  });
});
