/**
 * The yearly report's own rules: the organisation's texts before the MT, a late GGD send recorded
 * as late, the audiences, the measures summary, and which year `analyse` means.
 */
import { analyseSignals } from '../../src/domain/analysis';
import {
  claimMtDeliveries,
  defaultReportYear,
  draftAnalysis,
  isInterim,
  markSentToGgd,
  recordAudience,
  reviewAnalysis,
  summariseMeasures,
  type AnalysisActor,
  type AnnualAnalysis,
} from '../../src/domain/analysis-workflow';
import { missingReportSettings, reportContentFrom, type ReportContent } from '../../src/domain/report-content';
import { adoptedAnalysis } from './adopted';
import { AS_OF, dataset2026 } from './dataset';
import { REPORT_CONTENT } from './report-content';

const quality: AnalysisActor = { id: 'kw-1', name: 'Kees Kwaliteit', roles: ['quality'] };
const mt1: AnalysisActor = { id: 'mt-1', name: 'Marieke MT', roles: ['mt'] };
const members = [{ id: 'mt-1', name: 'Marieke MT' }];

function draft(content: ReportContent): AnnualAnalysis {
  const result = draftAnalysis(
    { figures: analyseSignals(2026, dataset2026(), AS_OF), settings: { requiredAdoptions: 1 }, content },
    quality,
    AS_OF,
  );
  if (!result.ok) throw new Error(result.error);
  return result.analysis;
}

function ok(result: { ok: true; analysis: AnnualAnalysis } | { ok: false; error: string }): AnnualAnalysis {
  if (!result.ok) throw new Error(result.error);
  return result.analysis;
}

describe("the organisation's own texts", () => {
  it('reads them from the settings; blank counts as missing', () => {
    expect(reportContentFrom(undefined)).toEqual({ audiences: [] });
    expect(
      missingReportSettings(reportContentFrom({ complaintsScheme: '  ', audiences: [' ouderraad ', ''] })),
    ).toEqual(['complaintsScheme', 'parentInformation']);
    expect(reportContentFrom({ audiences: [' ouderraad ', ''] }).audiences).toEqual(['ouderraad']);
    expect(missingReportSettings(REPORT_CONTENT)).toEqual([]);
    // A record from before the texts were kept lacks both.
    expect(missingReportSettings(undefined)).toEqual(['complaintsScheme', 'parentInformation']);
  });

  it('refuses to send a draft without them to the MT, naming what is missing', () => {
    const incomplete = draft({ complaintsScheme: 'Onze regeling.', audiences: [] });
    expect(claimMtDeliveries(incomplete, members, quality, AS_OF, 60_000)).toEqual({
      ok: false,
      error: 'missingSettings',
      missing: ['parentInformation'],
    });
    expect(reviewAnalysis(incomplete, { verdict: 'adopt' }, mt1, AS_OF)).toEqual({
      ok: false,
      error: 'missingSettings',
      missing: ['parentInformation'],
    });
    // A comment is still welcome on an incomplete draft.
    expect(reviewAnalysis(incomplete, { verdict: 'comment', comment: 'Graag aanvullen.' }, mt1, AS_OF).ok).toBe(true);
  });

  it('lets a complete draft go to the MT and be adopted', () => {
    const complete = draft(REPORT_CONTENT);
    expect(claimMtDeliveries(complete, members, quality, AS_OF, 60_000)).toMatchObject({ ok: true });
    expect(ok(reviewAnalysis(complete, { verdict: 'adopt' }, mt1, AS_OF)).status).toBe('adopted');
  });
});

describe('a GGD send after 31 May is recorded as late, with its date', () => {
  it.each([
    // 31 May 23:59 Amsterdam (CEST): the last day, in time.
    ['2027-05-31T21:59:00Z', '2027-05-31', false],
    // 1 June 00:30 Amsterdam, still 31 May in UTC: late.
    ['2027-05-31T22:30:00Z', '2027-06-01', true],
  ])('recorded at %s as sent on %s: late %s', (at, on, late) => {
    const sent = ok(markSentToGgd(adoptedAnalysis(), { on, via: 'manual' }, quality, new Date(at)));
    expect(sent.status).toBe('sentToGgd');
    expect(sent.sentToGgd).toMatchObject({ on, late });
    expect(sent.history.at(-1)).toMatchObject({ type: 'sentToGgd', note: late ? `${on} late` : on });
  });

  it('refuses a date that is still in the future in Amsterdam', () => {
    // 31 May 23:59 Amsterdam: 1 June has not begun.
    expect(
      markSentToGgd(adoptedAnalysis(), { on: '2027-06-01', via: 'manual' }, quality, new Date('2027-05-31T21:59:00Z')),
    ).toEqual({
      ok: false,
      error: 'invalidInput',
      field: 'on',
    });
  });
});

describe('the audiences: shared and discussed, each with a date and a history entry', () => {
  const at = new Date('2027-06-20T10:00:00Z');

  it('records sharing, then discussing; a discussion implies the sharing', () => {
    let analysis = adoptedAnalysis();
    analysis = ok(
      recordAudience(analysis, { audience: 'oudercommissies', move: 'shared', on: '2027-06-10' }, quality, at),
    );
    analysis = ok(
      recordAudience(analysis, { audience: 'oudercommissies', move: 'discussed', on: '2027-06-18' }, quality, at),
    );
    analysis = ok(
      recordAudience(analysis, { audience: 'centrale ouderraad', move: 'discussed', on: '2027-06-19' }, quality, at),
    );
    expect(analysis.audiences).toEqual([
      { name: 'oudercommissies', sharedOn: '2027-06-10', discussedOn: '2027-06-18' },
      { name: 'centrale ouderraad', sharedOn: '2027-06-19', discussedOn: '2027-06-19' },
    ]);
    expect(analysis.history.slice(-3).map((event) => [event.type, event.note])).toEqual([
      ['audienceShared', 'oudercommissies: 2027-06-10'],
      ['audienceDiscussed', 'oudercommissies: 2027-06-18'],
      ['audienceDiscussed', 'centrale ouderraad: 2027-06-19'],
    ]);
    // The same again is a duplicate (nothing saved); another date for a recorded move is refused.
    expect(
      recordAudience(analysis, { audience: 'oudercommissies', move: 'shared', on: '2027-06-10' }, quality, at),
    ).toMatchObject({
      ok: true,
      duplicate: true,
    });
    expect(
      recordAudience(analysis, { audience: 'oudercommissies', move: 'shared', on: '2027-06-11' }, quality, at),
    ).toEqual({
      ok: false,
      error: 'alreadyDone',
    });
  });

  it('refuses an unknown audience, a discussion before the sharing, a future date, a draft and other roles', () => {
    const adopted = adoptedAnalysis();
    const shared = ok(
      recordAudience(adopted, { audience: 'oudercommissies', move: 'shared', on: '2027-06-10' }, quality, at),
    );
    expect(recordAudience(adopted, { audience: 'ouderavond', move: 'shared', on: '2027-06-10' }, quality, at)).toEqual({
      ok: false,
      error: 'invalidInput',
      field: 'audience',
    });
    expect(
      recordAudience(shared, { audience: 'oudercommissies', move: 'discussed', on: '2027-06-09' }, quality, at),
    ).toEqual({
      ok: false,
      error: 'invalidInput',
      field: 'on',
    });
    expect(
      recordAudience(adopted, { audience: 'oudercommissies', move: 'shared', on: '2027-06-21' }, quality, at),
    ).toEqual({
      ok: false,
      error: 'invalidInput',
      field: 'on',
    });
    expect(
      recordAudience(
        draft(REPORT_CONTENT),
        { audience: 'oudercommissies', move: 'shared', on: '2027-01-10' },
        quality,
        at,
      ),
    ).toEqual({
      ok: false,
      error: 'wrongStatus',
    });
    expect(recordAudience(adopted, { audience: 'oudercommissies', move: 'shared', on: '2027-06-10' }, mt1, at)).toEqual(
      {
        ok: false,
        error: 'notAllowed',
      },
    );
  });
});

describe("staf kw's summary of the measures", () => {
  it('is kept on the draft with a history entry; the same text again changes nothing', () => {
    const summarised = ok(
      summariseMeasures(draft(REPORT_CONTENT), '  Twee keer extra overleg; afgerond.  ', quality, AS_OF),
    );
    expect(summarised.measuresSummary).toEqual({
      text: 'Twee keer extra overleg; afgerond.',
      by: { id: 'kw-1', name: 'Kees Kwaliteit' },
      at: AS_OF.toISOString(),
    });
    expect(summarised.history.at(-1)?.type).toBe('measuresSummarised');
    expect(summariseMeasures(summarised, 'Twee keer extra overleg; afgerond.', quality, AS_OF)).toMatchObject({
      duplicate: true,
    });
    expect(summariseMeasures(summarised, ' ', quality, AS_OF)).toEqual({
      ok: false,
      error: 'invalidInput',
      field: 'text',
    });
    expect(summariseMeasures(adoptedAnalysis(), 'Te laat.', quality, AS_OF)).toEqual({
      ok: false,
      error: 'wrongStatus',
    });
  });
});

describe('the report `analyse` means without a year', () => {
  it.each([
    ['2027-01-01T00:30:00Z', 2026, false], // 1 January 01:30 Amsterdam
    ['2027-05-31T21:59:00Z', 2026, false], // 31 May 23:59 Amsterdam: last year's, due before 1 June
    ['2027-05-31T22:30:00Z', 2027, true], // 1 June 00:30 Amsterdam: this year so far
    ['2027-12-05T10:00:00Z', 2027, true],
    ['2027-12-31T23:30:00Z', 2027, false], // 1 January 2028 00:30 Amsterdam: 2027 is complete, due next
  ])('at %s: %s (interim %s)', (now, year, interim) => {
    expect(defaultReportYear(new Date(now))).toEqual({ year, interim });
  });

  it('calls a report interim while its year runs', () => {
    expect(isInterim(2027, new Date('2027-12-31T22:59:00Z'))).toBe(true);
    expect(isInterim(2027, new Date('2027-12-31T23:00:00Z'))).toBe(false);
  });
});
