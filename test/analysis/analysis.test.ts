import {
  AnalysisAccumulator,
  amsterdamDay,
  analyseSignals,
  calendarDaysBetween,
  compareYears,
  nearestRank,
  presentKeyFigure,
  type YearFigures,
} from '../../src/domain/analysis';
import { amsterdamDate } from '../../src/domain/deadlines';
import { AS_OF, dataset2025, dataset2026 } from './dataset';

/*
 * Hand computation (see dataset.ts for each signal's moves):
 *
 * complaint  loc   theme         channel   step reached        outcome        days  6 weeks  satisfaction  tenor
 * A          zon   communicatie  phone     location            resolved        42   met      satisfied     resolvedByAgreement
 * B          zon   voeding       email     employee            resolved        43   missed   satisfied     unfounded
 * C          maan  communicatie  inPerson  employee            resolved        42   met      partly        partlyFounded
 * D          maan  veiligheid    phone     organisation        resolved        43   missed   satisfied     founded
 * E          zon   communicatie  inPerson  disputesCommittee   partlyFounded   18   met      notSatisfied  partlyFounded
 * F          zon   personeel     letter    disputesCommittee   founded          –   missed   notSatisfied  –
 * G          zon   communicatie  phone     employee            resolved         2   met      satisfied     notRecorded
 * H          maan  voeding       email     location            resolved        10   met      partly        founded
 * I          maan  communicatie  inPerson  employee            open             –   pending  notRecorded   –
 *
 * Days are counted to the written outcome (settlement.ts): E's judgment on day 18 settled it, though the
 * parent then went on to the Klachtenloket and the Geschillencommissie and it closed months later.
 * Handling days sorted: 2 10 18 42 42 43 43 (N = 7). Nearest rank: median = rank ceil(3.5) = 4 → 42;
 * P90 = rank ceil(6.3) = 7 → 43. Within 6 weeks: 5 met (A C E G H), 3 missed (B D F), 1 pending (I).
 * A/B straddle the October change (receipt in CEST, term end in CET), C/D the March change (receipt
 * in CET, term end in CEST): the term ends at 23:59:59.999 Amsterdam time either way.
 * Step 2 (D, E): D confirmed 23:30 CEST on the Sunday and met the conversation; E missed both.
 */
describe('yearly figures against the hand-computed data set', () => {
  let figures: YearFigures;
  beforeAll(() => {
    figures = analyseSignals(2026, [...dataset2026(), ...dataset2025()], AS_OF);
  });

  it('counts signals by kind, theme and channel, and skips other years', () => {
    const { signals } = figures.organisation;
    expect(signals.total).toBe(12);
    expect(signals.byKind).toEqual({ complaint: 9, concern: 0, remark: 0, question: 1, suggestion: 1, compliment: 1 });
    expect(signals.byTheme).toEqual({
      communicatie: 5,
      voeding: 3,
      pedagogisch: 1,
      personeel: 1,
      planning: 1,
      veiligheid: 1,
    });
    expect(signals.byChannel).toEqual({ inPerson: 4, phone: 3, email: 3, letter: 1, other: 1 });
    expect(figures.skipped).toBe(2);
  });

  it('describes the complaints: themes, channels, months, highest step', () => {
    const c = figures.organisation.complaints;
    expect(c.total).toBe(9);
    expect(c.byTheme).toEqual({ communicatie: 5, voeding: 2, personeel: 1, veiligheid: 1 });
    expect(c.byChannel).toEqual({ inPerson: 3, phone: 3, email: 2, letter: 1, other: 0 });
    expect(c.byMonth).toEqual([0, 1, 2, 0, 1, 1, 1, 0, 0, 2, 0, 1]);
    expect(c.highestStep).toEqual({
      employee: 4,
      location: 2,
      organisation: 1,
      complaintsDesk: 0,
      disputesCommittee: 2,
    });
  });

  it('classifies outcomes: a ruling wins, else closed is resolved', () => {
    expect(figures.organisation.complaints.outcomes).toEqual({
      resolved: 6,
      founded: 1,
      partlyFounded: 1,
      unfounded: 0,
      open: 1,
    });
  });

  it('computes handling time in calendar days (Amsterdam) up to the written outcome, median and P90 by nearest rank', () => {
    // Days to the written outcome: A 42, B 43, C 42, D 43, E 18, G 2, H 10 (F and I have none).
    expect(figures.organisation.complaints.handlingDays).toEqual({ count: 7, median: 42, p90: 43 });
    expect(figures.locations['loc-zon']!.complaints.handlingDays).toEqual({ count: 4, median: 18, p90: 43 });
    expect(figures.locations['loc-maan']!.complaints.handlingDays).toEqual({ count: 3, median: 42, p90: 43 });
  });

  it('judges the 6-week term by the written outcome, across both clock changes', () => {
    // Met: A, C, E (its judgment, though closed months later), G, H. Missed: B, D, F (no written outcome).
    expect(figures.organisation.complaints.settledWithinTerm).toEqual({ met: 5, missed: 3, pending: 1 });
    expect(figures.locations['loc-zon']!.complaints.settledWithinTerm).toEqual({ met: 3, missed: 2, pending: 0 });
    expect(figures.locations['loc-maan']!.complaints.settledWithinTerm).toEqual({ met: 2, missed: 1, pending: 1 });
  });

  it('judges the same-week confirmation and the conversation within 2 weeks among escalated complaints', () => {
    const c = figures.organisation.complaints;
    expect(c.confirmedInSameWeek).toEqual({ met: 1, missed: 1, pending: 0 });
    expect(c.conversationWithinTwoWeeks).toEqual({ met: 1, missed: 1, pending: 0 });
  });

  it('counts satisfaction, decisions and the external cases', () => {
    const c = figures.organisation.complaints;
    expect(c.satisfaction).toEqual({ satisfied: 4, partly: 2, notSatisfied: 2, unreachable: 0, notRecorded: 1 });
    expect(c.decisions).toEqual({ count: 7, measures: 4 });
    expect(c.complaintsDesk).toEqual({ filed: 1, withOutcome: 1 });
    expect(c.disputes).toEqual({
      filed: 2,
      filedLate: 0,
      rulings: { founded: 1, partlyFounded: 1, unfounded: 0 },
      awaitingRuling: 0,
    });
  });

  it('counts the tenor of each written outcome; an outcome from before the tenor was asked is "not recorded"', () => {
    // A in overleg, B ongegrond, C deels, D gegrond, E deels, G (old data) none, H gegrond; F and I have no outcome.
    expect(figures.organisation.complaints.tenors).toEqual({
      founded: 2,
      partlyFounded: 2,
      unfounded: 1,
      resolvedByAgreement: 1,
      notRecorded: 1,
    });
    expect(figures.locations['loc-zon']!.complaints.tenors).toEqual({
      founded: 0,
      partlyFounded: 1,
      unfounded: 1,
      resolvedByAgreement: 1,
      notRecorded: 1,
    });
    expect(figures.locations['loc-maan']!.complaints.tenors).toEqual({
      founded: 2,
      partlyFounded: 1,
      unfounded: 0,
      resolvedByAgreement: 0,
      notRecorded: 0,
    });
  });

  it('splits per location, and the locations add up to the organisation', () => {
    expect(Object.keys(figures.locations)).toEqual(['loc-maan', 'loc-zon']);
    const zon = figures.locations['loc-zon']!;
    const maan = figures.locations['loc-maan']!;
    expect([zon.signals.total, zon.complaints.total]).toEqual([7, 5]);
    expect([maan.signals.total, maan.complaints.total]).toEqual([5, 4]);
    expect(zon.complaints.outcomes.founded + maan.complaints.outcomes.founded).toBe(1);
    expect(zon.complaints.byTheme).toEqual({ communicatie: 3, personeel: 1, voeding: 1 });
  });

  it('counts an open term as missed once its deadline passed', () => {
    // A month later I's term (31 Jan 2027) has passed while it is still open.
    const later = analyseSignals(2026, dataset2026(), new Date('2027-02-10T09:00:00Z'));
    expect(later.organisation.complaints.settledWithinTerm).toEqual({ met: 5, missed: 4, pending: 0 });
  });

  it('holds no personal data', () => {
    const json = JSON.stringify(figures);
    expect(json).not.toContain('Geheim');
    expect(json).not.toContain('GEHEIM');
    expect(json).not.toContain('example.nl');
    expect(json).not.toContain('Medewerker');
  });

  it('compares with the previous year', () => {
    const previous = analyseSignals(2025, dataset2025(), AS_OF);
    const rows = compareYears(figures.organisation, previous.organisation);
    const byKey = Object.fromEntries(rows.map((row) => [row.key, row]));
    expect(byKey.complaints).toEqual({
      key: 'complaints',
      current: { type: 'count', value: 9 },
      previous: { type: 'count', value: 2 },
    });
    expect(byKey.settledWithinTerm!.current).toEqual({ type: 'share', part: 5, of: 8, complaints: 9 });
    // 2025: P1 settled after 5 days (met), P2 after 59 days (missed).
    expect(byKey.settledWithinTerm!.previous).toEqual({ type: 'share', part: 1, of: 2, complaints: 2 });
    expect(byKey.handlingMedian!.previous).toEqual({ type: 'days', value: 5, basis: 2, complaints: 2 });
    expect(compareYears(figures.organisation, undefined).every((row) => row.previous === null)).toBe(true);
  });

  it('gives the same figures however the stream is ordered (one pass, no look-back)', () => {
    const reversed = new AnalysisAccumulator(2026, AS_OF);
    for (const signal of [...dataset2026()].reverse()) reversed.add(signal);
    const again = analyseSignals(2026, dataset2026(), AS_OF);
    expect(reversed.result()).toEqual(again);
  });
});

describe('percentiles and calendar days', () => {
  it('nearest rank over a histogram', () => {
    const histogram = new Map([
      [3, 1],
      [1, 1],
      [2, 1],
      [4, 1],
    ]);
    expect(nearestRank(histogram, 50)).toBe(2); // rank 2 of 4: the lower middle
    expect(nearestRank(histogram, 90)).toBe(4); // rank ceil(3.6) = 4
    expect(nearestRank(new Map([[7, 10]]), 90)).toBe(7);
    expect(nearestRank(new Map(), 50)).toBeNull();
  });

  it('counts calendar days over both DST changes without drifting', () => {
    expect(calendarDaysBetween('2026-03-27', '2026-05-08')).toBe(42);
    expect(calendarDaysBetween('2026-10-20', '2026-12-01')).toBe(42);
    expect(calendarDaysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('the fast Amsterdam date agrees with deadlines.amsterdamDate around both DST changes', () => {
    const instants = [
      '2026-03-28T22:59:59.999Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T21:59:59.999Z',
      '2026-03-29T22:00:00.000Z',
      '2026-10-24T21:59:59.999Z',
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T22:59:59.999Z',
      '2026-10-25T23:00:00.000Z',
    ];
    for (const instant of instants) expect(amsterdamDay(instant)).toBe(amsterdamDate(instant));
  });
});

describe('presenting figures: exact, and nothing over zero complaints', () => {
  it('gives every count exactly, also 1 to 4 (no "< 5" any more)', () => {
    for (const value of [0, 1, 2, 4, 5, 17]) {
      expect(presentKeyFigure({ type: 'count', value })).toEqual({ type: 'value', value });
    }
  });

  it('gives shares and days over any base; nothing to compute over says why', () => {
    expect(presentKeyFigure({ type: 'share', part: 1, of: 2, complaints: 3 })).toEqual({
      type: 'percent',
      value: 50,
      part: 1,
      of: 2,
    });
    expect(presentKeyFigure({ type: 'days', value: 42, basis: 1, complaints: 1 })).toEqual({
      type: 'value',
      value: 42,
    });
    // No complaints at all ("– (geen klachten)"), or complaints none of which is settled yet.
    expect(presentKeyFigure({ type: 'share', part: 0, of: 0, complaints: 0 })).toEqual({
      type: 'none',
      noComplaints: true,
    });
    expect(presentKeyFigure({ type: 'days', value: null, basis: 0, complaints: 0 })).toEqual({
      type: 'none',
      noComplaints: true,
    });
    expect(presentKeyFigure({ type: 'days', value: null, basis: 0, complaints: 2 })).toEqual({
      type: 'none',
      noComplaints: false,
    });
  });
});
