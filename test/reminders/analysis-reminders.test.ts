/**
 * The yearly analysis's reminders, walked hour by hour through spring over real HTTP: staf kw is
 * reminded weekly from 1 April until "sent to the GGD" is recorded (late from 1 June, to the MT
 * too), and each measure's owner before its deadline — until they press "Afgerond" on the card.
 */
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotDriver, cardText } from '../support/test-adapter';
import { RecordingConnector } from '../support/recording-connector';
import { PEOPLE, testServices } from '../support/services';
import { createAnalysisDocumentRenderer } from '../../src/adapters/documents';
import {
  addAnnualAnalysisMeasure,
  computeYearFigures,
  recordSentToGgd,
  reviewAnnualAnalysis,
  type AnalysisStore,
  type AnnualAnalysisDeps,
} from '../../src/app/annual-analysis';
import { runReminderSweep } from '../../src/app/reminders';
import { dueAnalysisPoints } from '../../src/domain/analysis-reminders';
import {
  DEFAULT_ANALYSIS_SETTINGS,
  addMeasure,
  draftAnalysis,
  reviewAnalysis,
  type AnalysisActor,
  type AnnualAnalysis,
} from '../../src/domain/analysis-workflow';
import { ManualClock } from '../../src/domain/clock';
import { DEFAULT_REMINDER_RULES } from '../../src/domain/reminders';
import {
  cardOfCall,
  chatOf,
  conversationOfPath,
  directory,
  introduce,
  newAdapter,
  notifications,
  openStores,
  reminderDeps,
  textOf,
  type StoreKind,
  type Stores,
} from './support/harness';
import { startLocalCosmos, type LocalCosmos } from '../support/cosmos-server';
import { REPORT_CONTENT } from '../analysis/report-content';

const ZONE = 'Europe/Amsterdam';
const local = (text: string) => DateTime.fromISO(text, { zone: ZONE }).toJSDate();
const { employee, locationManager, manager, quality, admin } = PEOPLE;
const NAMES = new Map<string, string>(Object.values(PEOPLE).map((person) => [chatOf(person.id), person.name]));
const actor = (person: { id: string; name: string }, roles: AnalysisActor['roles']): AnalysisActor => ({
  ...person,
  roles,
});
const qualityActor = actor(quality, ['quality']);
const mtAdele = actor(manager, ['manager', 'mt']);
const mtPatti = actor(admin, ['mt', 'admin']);

let cosmos: LocalCosmos;
beforeAll(async () => {
  cosmos = await startLocalCosmos();
});
afterAll(async () => {
  await cosmos.stop();
});

// SQLite walks to 8 June; on the local Cosmos server (~25 ms a sweep) the walk covers the first week.
const WALKS: [StoreKind, string][] = [
  ['SQLite', '2027-06-08T12:00'],
  ['Cosmos DB', '2027-04-06T12:00'],
];

describe.each(WALKS)('reminders of the yearly analysis 2026 (%s), walked from 31 March until %s', (kind, until) => {
  let stores: Stores;
  let analyses: AnalysisStore;
  let connector: RecordingConnector;
  let outbox: string;

  beforeEach(async () => {
    stores = await openStores(kind, cosmos, { fast: true });
    analyses = await stores.analyses();
    outbox = mkdtempSync(join(tmpdir(), 'klantsignaal-analysis-reminders-'));
    connector = new RecordingConnector();
    await connector.start();
  });
  afterEach(async () => {
    await connector.stop();
    await stores.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  test('staf kw weekly until sent, late from 1 June; measure owners until done; each once', async () => {
    const clock = new ManualClock(local('2027-03-15T10:00'));
    const documents = createAnalysisDocumentRenderer(() => ({
      organisationName: directory.organisation().name,
      locations: directory.organisation().locations,
      themes: directory.organisation().themes,
    }));
    const deps: AnnualAnalysisDeps = {
      signals: stores.signals,
      analyses,
      documents,
      clock,
      settings: DEFAULT_ANALYSIS_SETTINGS,
      reportContent: () => REPORT_CONTENT,
    };
    const figures = await computeYearFigures(stores.signals, 2026, clock.now());
    const drafted = draftAnalysis({ figures, settings: DEFAULT_ANALYSIS_SETTINGS, content: REPORT_CONTENT }, qualityActor, clock.now());
    if (!drafted.ok) throw new Error(drafted.error);
    await analyses.save(drafted.analysis);
    clock.set(local('2027-03-22T10:00'));
    expect((await reviewAnnualAnalysis(deps, 2026, mtAdele, { verdict: 'adopt' })).ok).toBe(true);
    expect((await reviewAnnualAnalysis(deps, 2026, mtPatti, { verdict: 'adopt' })).ok).toBe(true);
    clock.set(local('2027-03-25T10:00'));
    const m1 = {
      id: 'm1',
      description: 'Overdracht bij het ophalen verlengen',
      owner: locationManager,
      deadline: '2027-04-23',
    };
    const m2 = { id: 'm2', description: 'Klachtenfolder vernieuwen', owner: employee, deadline: '2027-05-14' };
    expect((await addAnnualAnalysisMeasure(deps, 2026, mtAdele, m1)).ok).toBe(true);
    expect((await addAnnualAnalysisMeasure(deps, 2026, mtAdele, m2)).ok).toBe(true);

    const adapter = newAdapter();
    for (const person of Object.values(PEOPLE)) await introduce(adapter, stores.reminders, connector.url, person);
    const reminders = {
      ...reminderDeps({ stores, adapter, clock, outboxDir: outbox, holder: 'instance-1', activityFeed: true }),
      analyses,
    };
    // Alex says "Afgerond" on the card of measure m2 through the real bot.
    const bot = new BotDriver({ ...(await testServices()), store: stores.signals, clock, analysis: deps });

    const cards = new Map<string, Record<string, unknown>>();
    const moves: Record<string, () => Promise<void>> = {
      '2027-05-10T10:00': async () => {
        const card = cards.get(`${employee.name} m2`)!;
        const done = (card.actions as { verb?: string; data?: Record<string, unknown> }[]).find(
          (action) => action.data?.status === 'done',
        )!;
        const answer = await bot.execute(employee, done.verb!, done.data!);
        expect(cardText(answer.card)).toContain('staat nu op afgerond');
        const again = await bot.execute(employee, done.verb!, done.data!);
        expect(cardText(again.card)).toContain('stond al op afgerond');
        // Someone else's measure: refused politely, nothing changes.
        const other = await bot.execute(PEOPLE.otherEmployee, done.verb!, { ...done.data!, measureId: 'm1' });
        expect(cardText(other.card)).toContain('hoort niet bij jouw rol');
        expect((await analyses.get(2026))!.value.measures.map((m) => m.status)).toEqual(['planned', 'done']);
      },
      '2027-06-02T10:00': async () => {
        expect((await recordSentToGgd(deps, 2026, qualityActor, { on: '2027-06-02', via: 'manual' })).ok).toBe(true);
      },
    };

    clock.set(local('2027-03-31T09:00'));
    const seen: string[] = [];
    const end = local(until).getTime();
    for (;;) {
      const stamp = DateTime.fromJSDate(clock.now()).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm");
      await moves[stamp]?.();
      const before = connector.calls.length;
      const report = await runReminderSweep(reminders);
      expect(report.unknown + report.refused + report.sentViaFeed).toBe(0);
      for (const call of connector.calls.slice(before)) {
        const card = cardOfCall(call.body);
        const text = textOf(card);
        const name = NAMES.get(conversationOfPath(call.path))!;
        const subject = text.includes('GGD') ? 'ggd' : text.includes(m1.description) ? 'm1' : 'm2';
        const late = /te laat|over de termijn/.test(text.split('\n')[0]!) ? 'late' : 'upcoming';
        seen.push(`${stamp} ${name} ${subject} ${late}`);
        cards.set(`${name} ${subject}`, card);
      }
      if (clock.now().getTime() >= end) break;
      clock.advance(3_600_000);
    }

    const ggdWeekly = ['04-05', '04-12', '04-19', '04-26', '05-03', '05-10', '05-18', '05-24', '05-31'];
    const expected = [
      '2027-04-01T08:00 Isaiah Langer ggd upcoming', // 1 April is a Thursday
      ...ggdWeekly.map((day) => `2027-${day}T08:00 Isaiah Langer ggd upcoming`), // 17 May: Whit Monday
      '2027-04-16T08:00 Megan Bowen m1 upcoming', // 5 working days before Friday 23 April
      '2027-04-23T08:00 Megan Bowen m1 upcoming',
      '2027-04-26T08:00 Megan Bowen m1 late',
      '2027-04-26T08:00 Isaiah Langer m1 late',
      '2027-05-07T08:00 Alex Wilber m2 upcoming', // then Alex presses "Afgerond": nothing more for m2
      '2027-06-01T08:00 Isaiah Langer ggd late',
      '2027-06-01T08:00 Adele Vance ggd late',
      '2027-06-01T08:00 Patti Fernandez ggd late', // recorded as sent on 2 June: no reminder on 7 June
    ];
    const byMoment = (list: string[]) => [...list].sort();
    const reached = expected.filter((line) => line.slice(0, 16) <= until);
    expect(byMoment(seen)).toEqual(byMoment(reached));
    if (kind === 'Cosmos DB') {
      expect(reached).toEqual([
        '2027-04-01T08:00 Isaiah Langer ggd upcoming',
        '2027-04-05T08:00 Isaiah Langer ggd upcoming',
      ]);
      return;
    }

    // The cards: the GGD one opens the analysis card; a measure's owner settles it on the card.
    const ggd = cards.get('Isaiah Langer ggd')!;
    expect(textOf(ggd)).toContain('Het jaarverslag had vóór 1 juni bij de GGD moeten zijn');
    expect(ggd.actions).toEqual([expect.objectContaining({ verb: 'analysis.refresh', data: { year: 2026 } })]);
    const owner = cards.get('Megan Bowen m1')!;
    expect((owner.actions as { verb: string }[]).map((action) => action.verb)).toEqual([
      'analysis.reminder.measure',
      'analysis.reminder.measure',
    ]);
    expect((cards.get('Isaiah Langer m1')!.actions as unknown[]).length).toBe(3);

    // Every reminder also went to the activity feed, once, under the delivery's id.
    const feed = notifications(outbox);
    expect(feed).toHaveLength(expected.length);
    expect(new Set(feed.map((line) => line.idempotencyKey)).size).toBe(expected.length);
  }, 120_000);
});

describe('dueAnalysisPoints', () => {
  const rules = DEFAULT_REMINDER_RULES;
  const at = (text: string) => local(text);

  function adopted(year: number, measures: { id: string; deadline: string; status?: 'done' }[]): AnnualAnalysis {
    const figures = { year } as unknown as AnnualAnalysis['figures'];
    let result = draftAnalysis(
      { figures, settings: DEFAULT_ANALYSIS_SETTINGS, content: REPORT_CONTENT },
      qualityActor,
      at(`${year + 1}-01-10T10:00`),
    );
    for (const mt of [mtAdele, mtPatti]) {
      if (!result.ok) break;
      result = reviewAnalysis(result.analysis, { verdict: 'adopt' }, mt, at(`${year + 1}-01-11T10:00`));
    }
    for (const measure of measures) {
      if (!result.ok) break;
      result = addMeasure(
        result.analysis,
        { id: measure.id, description: measure.id, owner: locationManager, deadline: measure.deadline },
        mtAdele,
        at(`${year + 1}-01-12T10:00`),
      );
    }
    if (!result.ok) throw new Error(result.error);
    const analysis = result.analysis;
    return {
      ...analysis,
      measures: analysis.measures.map((item, index) => ({ ...item, status: measures[index]!.status ?? item.status })),
    };
  }

  it('reminds staf kw from 1 April even when the analysis was never made', () => {
    const before = dueAnalysisPoints([{ year: 2026, analysis: undefined }], 2026, at('2027-03-31T12:00'), rules);
    expect(before).toEqual([]);
    const [point] = dueAnalysisPoints([{ year: 2026, analysis: undefined }], 2026, at('2027-04-01T08:00'), rules);
    expect(point).toMatchObject({ subject: 'sendToGgd', status: 'missing', kind: 'upcoming' });
    expect(point!.recipients).toEqual([{ type: 'role', role: 'quality', audience: 'quality' }]);
    // 07:59 on 1 April: not yet (reminders are due at the send hour).
    expect(dueAnalysisPoints([{ year: 2026, analysis: undefined }], 2026, at('2027-04-01T07:59'), rules)).toEqual([]);
  });

  it('keeps following the measures of the year before, and forgets done ones', () => {
    const previous = adopted(2025, [
      { id: 'open', deadline: '2027-02-12' },
      { id: 'finished', deadline: '2027-02-12', status: 'done' },
    ]);
    const points = dueAnalysisPoints(
      [
        { year: 2025, analysis: previous },
        { year: 2026, analysis: undefined },
      ],
      2026,
      at('2027-02-15T09:00'),
      rules,
    );
    expect(points.map((point) => point.id)).toEqual([
      'analysis-2025:measure:open:2027-02-12:missed', // the advance points lie before the deadline passed
    ]);
    // An analysis sent to the GGD long ago is not reminded again; only the report year's is.
    expect(points.every((point) => point.subject === 'measure')).toBe(true);
  });
});
