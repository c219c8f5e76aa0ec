import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { createAnalysisDocumentRenderer } from '../../src/adapters/documents';
import { SqliteAnalysisStore } from '../../src/adapters/sqlite/sqlite-analysis-store';
import { SqliteSignalStore } from '../../src/adapters/sqlite/sqlite-signal-store';
import {
  addAnnualAnalysisMeasure,
  produceAnnualAnalysis,
  recordLocationManagersInformed,
  recordSentToGgd,
  reviewAnnualAnalysis,
  updateAnnualAnalysisMeasure,
  type AnnualAnalysisDeps,
} from '../../src/app/annual-analysis';
import { ConcurrencyError } from '../../src/app/ports';
import { dueAnalysisPoints } from '../../src/domain/analysis-reminders';
import { ggdDeadlineState, type AnalysisActor } from '../../src/domain/analysis-workflow';
import { DEFAULT_REMINDER_RULES } from '../../src/domain/reminders';
import { ManualClock } from '../../src/domain/clock';
import { LOCATIONS, THEMES, dataset2025, dataset2026 } from './dataset';
import { REPORT_CONTENT } from './report-content';

const quality: AnalysisActor = { id: 'kw-1', name: 'Kees Kwaliteit', roles: ['quality'] };
const mt1: AnalysisActor = { id: 'mt-1', name: 'Marieke MT', roles: ['mt', 'manager'] };
const mt2: AnalysisActor = { id: 'mt-2', name: 'Mohamed MT', roles: ['mt'] };
const mt3: AnalysisActor = { id: 'mt-3', name: 'Mila MT', roles: ['mt'] };
const employee: AnalysisActor = { id: 'emp-1', name: 'Eva Medewerker', roles: ['employee'] };
const locationManager: AnalysisActor = { id: 'lm-1', name: 'Lars Locatiemanager', roles: ['locationManager'] };

describe('ggdDeadlineState (analysis of 2026, due at the GGD before 1 June 2027)', () => {
  it.each([
    ['2027-01-15T10:00:00Z', 'notDue'],
    ['2027-03-31T21:59:00Z', 'notDue'], // 23:59 on 31 March in Amsterdam
    ['2027-03-31T22:00:00Z', 'remind'], // 00:00 on 1 April in Amsterdam (still 31 March in UTC)
    ['2027-04-01T10:00:00Z', 'remind'],
    ['2027-05-31T21:30:00Z', 'remind'], // 23:30 on 31 May: the last day
    ['2027-05-31T22:30:00Z', 'late'], // 00:30 on 1 June in Amsterdam
    ['2027-06-01T10:00:00Z', 'late'],
    ['2027-06-02T10:00:00Z', 'late'],
  ])('at %s it is %s', (now, state) => {
    expect(ggdDeadlineState(2026, new Date(now))).toBe(state);
  });

  it('is "sent" once sent, late or not', () => {
    expect(ggdDeadlineState(2026, new Date('2027-06-02T10:00:00Z'), '2027-05-20')).toBe('sent');
  });
});

describe('the workflow, walked by staf kw and the MT on the embedded stores', () => {
  const directory = mkdtempSync(join(tmpdir(), 'klantsignaal-analysis-'));
  let signals: SqliteSignalStore;
  let analyses: SqliteAnalysisStore;
  let clock: ManualClock;
  let deps: AnnualAnalysisDeps;
  const dueIds = async () =>
    dueAnalysisPoints(
      [{ year: 2026, analysis: (await analyses.get(2026))?.value }],
      2026,
      clock.now(),
      DEFAULT_REMINDER_RULES,
    ).map((point) => point.id);

  beforeAll(async () => {
    signals = new SqliteSignalStore(join(directory, 'signals.db'));
    analyses = new SqliteAnalysisStore(join(directory, 'signals.db'));
    await signals.init();
    await analyses.init();
    for (const signal of [...dataset2026(), ...dataset2025()]) await signals.create(signal);
    clock = new ManualClock(new Date('2027-01-10T09:00:00Z'));
    deps = {
      signals,
      analyses,
      clock,
      settings: { requiredAdoptions: 2 },
      reportContent: () => REPORT_CONTENT,
      documents: createAnalysisDocumentRenderer(() => ({
        organisationName: 'Kinderopvang De Regenboog',
        locations: LOCATIONS,
        themes: THEMES,
      })),
    };
  });

  afterAll(async () => {
    await signals.close();
    analyses.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('lets only staf kw produce the analysis', async () => {
    expect(await produceAnnualAnalysis(deps, 2026, mt1)).toEqual({ ok: false, error: 'notAllowed' });
    expect(await analyses.get(2026)).toBeUndefined();
  });

  it('drafts from the streamed store, with last year for comparison, and returns both files', async () => {
    const result = await produceAnnualAnalysis(deps, 2026, quality);
    if (!result.ok) throw new Error(result.error);
    expect(result.recomputed).toBe(true);
    const analysis = result.analysis.value;
    expect(analysis.status).toBe('draft');
    expect(analysis.figures.organisation.complaints.total).toBe(9);
    expect(analysis.figures.organisation.complaints.handlingDays).toEqual({ count: 7, median: 42, p90: 43 });
    expect(analysis.previousFigures?.organisation.complaints.total).toBe(2);
    expect(result.documents.docx.fileName).toBe('jaarverslag-klachten-2026.docx');
    expect(result.documents.csv.fileName).toBe('jaarverslag-klachten-2026.csv');
    const zip = await JSZip.loadAsync(result.documents.docx.content);
    expect(await zip.file('word/document.xml')!.async('string')).toContain(
      'Concept: nog niet vastgesteld door het MT.',
    );
  });

  it('refuses measures and the GGD before adoption', async () => {
    const measure = { id: 'm1', description: 'Training', owner: { id: 'lm-1', name: 'Lars' }, deadline: '2027-03-01' };
    expect(await addAnnualAnalysisMeasure(deps, 2026, mt1, measure)).toEqual({ ok: false, error: 'wrongStatus' });
    expect(await recordSentToGgd(deps, 2026, quality, { on: '2027-01-10', via: 'email' })).toEqual({
      ok: false,
      error: 'wrongStatus',
    });
  });

  it('refuses an adoption by someone outside the MT', async () => {
    expect(await reviewAnnualAnalysis(deps, 2026, employee, { verdict: 'adopt' })).toEqual({
      ok: false,
      error: 'notAllowed',
    });
    expect(await reviewAnnualAnalysis(deps, 2026, quality, { verdict: 'adopt' })).toEqual({
      ok: false,
      error: 'notAllowed',
    });
  });

  it('counts adoptions on the current figures only: a recompute asks the MT again', async () => {
    clock.set(new Date('2027-01-20T09:00:00Z'));
    const first = await reviewAnnualAnalysis(deps, 2026, mt1, { verdict: 'adopt' });
    expect(first.ok && first.analysis.value.status).toBe('draft');
    clock.set(new Date('2027-01-21T09:00:00Z'));
    const again = await produceAnnualAnalysis(deps, 2026, quality);
    expect(again.ok && again.recomputed).toBe(true);
    clock.set(new Date('2027-01-22T09:00:00Z'));
    // A comment does not adopt; mt1's adoption was on the old figures: none of two on the current ones.
    expect(await reviewAnnualAnalysis(deps, 2026, mt2, { verdict: 'comment' })).toEqual({
      ok: false,
      error: 'invalidInput',
      field: 'comment',
    });
    const comment = { verdict: 'comment' as const, comment: 'Graag een maatregel voor voeding.', id: 'form-1' };
    const second = await reviewAnnualAnalysis(deps, 2026, mt2, comment);
    if (!second.ok) throw new Error(second.error);
    expect(second.duplicate).toBeUndefined();
    expect(second.analysis.value.status).toBe('draft');
    expect(second.analysis.value.reviews.at(-1)).toMatchObject({
      id: 'form-1',
      comment: 'Graag een maatregel voor voeding.',
    });
    // The same form again (Teams re-sent the turn): nothing saved, the record as it was.
    const resent = await reviewAnnualAnalysis(deps, 2026, mt2, comment);
    expect(resent).toEqual({ ok: true, duplicate: true, analysis: second.analysis });
    expect((await analyses.get(2026))!.value.reviews).toHaveLength(2);
  });

  it('adopts when the required number of MT members adopted — also at the same moment', async () => {
    clock.set(new Date('2027-02-01T09:00:00Z'));
    // Two MT members press "Vaststellen" at once: the second save meets a changed etag and retries.
    const [a, b] = await Promise.all([
      reviewAnnualAnalysis(deps, 2026, mt1, { verdict: 'adopt' }),
      reviewAnnualAnalysis(deps, 2026, mt3, { verdict: 'adopt' }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const stored = (await analyses.get(2026))!.value;
    expect(stored.status).toBe('adopted');
    expect(stored.adoptedAt).toBe('2027-02-01T09:00:00.000Z');
    expect(stored.history.map((event) => event.type)).toEqual([
      'drafted',
      'reviewed',
      'recomputed',
      'reviewed',
      'reviewed',
      'reviewed',
      'adopted',
    ]);
    expect(await reviewAnnualAnalysis(deps, 2026, mt2, { verdict: 'adopt' })).toEqual({
      ok: false,
      error: 'alreadyDone',
    });
    // An adopter pressing again changes nothing; a comment no longer fits the adopted analysis.
    const pressedAgain = await reviewAnnualAnalysis(deps, 2026, mt1, { verdict: 'adopt' });
    expect(pressedAgain.ok && pressedAgain.duplicate).toBe(true);
    expect(
      await reviewAnnualAnalysis(deps, 2026, mt2, { verdict: 'comment', comment: 'Te laat', id: 'form-2' }),
    ).toEqual({
      ok: false,
      error: 'wrongStatus',
    });
    expect((await analyses.get(2026))!.value.reviews).toHaveLength(4);
  });

  it('freezes the adopted figures: producing again renders them, it does not recompute', async () => {
    clock.set(new Date('2027-02-02T09:00:00Z'));
    const result = await produceAnnualAnalysis(deps, 2026, quality);
    if (!result.ok) throw new Error(result.error);
    expect(result.recomputed).toBe(false);
    expect(result.analysis.value.computedAt).toBe('2027-01-21T09:00:00.000Z');
    const xml = await (await JSZip.loadAsync(result.documents.docx.content)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Vastgesteld door het MT op maandag 1 februari 2027');
  });

  it('records actions and measures; the owner follows up; reminders come before the deadline', async () => {
    const measure = {
      id: 'm1',
      description: 'Menu samen met de oudercommissie herzien',
      owner: { id: locationManager.id, name: locationManager.name },
      deadline: '2027-04-15',
    };
    expect(await addAnnualAnalysisMeasure(deps, 2026, employee, measure)).toEqual({ ok: false, error: 'notAllowed' });
    // A two-digit year, or one far ahead, is refused on the field: it would reach the reminder calendar.
    for (const deadline of ['0027-04-15', '2040-04-15']) {
      expect(await addAnnualAnalysisMeasure(deps, 2026, mt1, { ...measure, deadline })).toEqual({
        ok: false,
        error: 'invalidInput',
        field: 'deadline',
      });
    }
    const added = await addAnnualAnalysisMeasure(deps, 2026, mt1, measure);
    expect(added.ok && added.analysis.value.measures).toHaveLength(1);
    expect(await addAnnualAnalysisMeasure(deps, 2026, mt1, measure)).toEqual({ ok: false, error: 'alreadyDone' });
    const progress = await updateAnnualAnalysisMeasure(deps, 2026, locationManager, 'm1', 'inProgress');
    expect(progress.ok && progress.analysis.value.measures[0]!.status).toBe('inProgress');
    expect(await updateAnnualAnalysisMeasure(deps, 2026, employee, 'm1', 'done')).toEqual({
      ok: false,
      error: 'notAllowed',
    });

    // Monday 12 April: the measure's advance point (5 working days before 15 April), and the weekly GGD reminder.
    clock.set(new Date('2027-04-12T08:00:00Z'));
    expect(await dueIds()).toEqual(['analysis-2026:measure:m1:2027-04-15:-5wd', 'analysis-2026:ggd:2027-W15']);
    clock.set(new Date('2027-04-10T08:00:00Z'));
  });

  it('records the sending to the GGD and then the location managers informed', async () => {
    expect(await recordLocationManagersInformed(deps, 2026, quality, ['oudercommissie'])).toEqual({
      ok: false,
      error: 'wrongStatus',
    });
    expect(await recordSentToGgd(deps, 2026, mt1, { on: '2027-04-10', via: 'email' })).toEqual({
      ok: false,
      error: 'notAllowed',
    });
    expect(await recordSentToGgd(deps, 2026, quality, { on: '2027-04-11', via: 'email' })).toEqual({
      ok: false,
      error: 'invalidInput',
      field: 'on',
    });
    const sent = await recordSentToGgd(deps, 2026, quality, { on: '2027-04-10', via: 'email' });
    if (!sent.ok) throw new Error(sent.error);
    expect(sent.analysis.value.sentToGgd).toEqual({
      on: '2027-04-10',
      by: { id: 'kw-1', name: 'Kees Kwaliteit' },
      via: 'email',
      recordedAt: '2027-04-10T08:00:00.000Z',
      late: false,
    });
    expect(await recordSentToGgd(deps, 2026, quality, { on: '2027-04-10', via: 'email' })).toEqual({
      ok: false,
      error: 'alreadyDone',
    });

    const informed = await recordLocationManagersInformed(deps, 2026, quality, [
      'oudercommissie',
      'centrale ouderraad',
    ]);
    if (!informed.ok) throw new Error(informed.error);
    expect(informed.analysis.value.status).toBe('locationManagersInformed');
    expect(informed.analysis.value.informed?.audiences).toEqual(['oudercommissie', 'centrale ouderraad']);

    // Sent: no more GGD reminder in June, only the overdue measure.
    clock.set(new Date('2027-06-02T08:00:00Z'));
    expect(await dueIds()).toEqual(['analysis-2026:measure:m1:2027-04-15:missed']);
  });

  it('the store refuses a stale etag and a second insert', async () => {
    const stored = (await analyses.get(2026))!;
    await expect(analyses.save(stored.value)).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(analyses.save(stored.value, 'stale')).rejects.toBeInstanceOf(ConcurrencyError);
    const saved = await analyses.save(stored.value, stored.etag);
    expect(saved.etag).not.toBe(stored.etag);
  });
});
