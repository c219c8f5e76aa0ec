/**
 * Measure reminders of decided (and closed) signals, and a sweep that survives one bad record:
 * - a measure date the calendar cannot compute (stored before the forms checked the range) skips
 *   that measure only, logged by signal id and measure index; the signal's other reminders and
 *   everyone else's go; an analysis's bad measure skips its measures, the GGD reminder still goes;
 * - the watch list keeps a closed signal until its due measure reminder is final (not merely tried);
 * - a measure reminder that fell in a bot outage is sent late, once, within
 *   MEASURE_LATE_WORKING_DAYS working days of the deadline; later it is dropped and not watched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReminderSweep, trackSignalReminders, type ReminderSettingsInput } from '../../src/app/reminders';
import {
  DEFAULT_ANALYSIS_SETTINGS,
  addMeasure,
  draftAnalysis,
  reviewAnalysis,
  type AnalysisActor,
  type AnnualAnalysis,
} from '../../src/domain/analysis-workflow';
import { ManualClock } from '../../src/domain/clock';
import { applyMove, type MoveCommand } from '../../src/domain/process';
import { DEFAULT_REMINDER_RULES, MEASURE_LATE_WORKING_DAYS, type ReminderRules } from '../../src/domain/reminders';
import type { Signal } from '../../src/domain/signal';
import { readRepoFile } from '../ops/settings';
import { captureLogs, flush } from '../support/log-capture';
import { PEOPLE } from '../support/services';
import { ScriptedConnector, type ScriptedAnswer } from './support/scripted-connector';
import { cardOfCall, introduce, newAdapter, openStores, reminderDeps, textOf, type Stores } from './support/harness';
import { makeSignal, moveContext } from './support/signals';
import { REPORT_CONTENT } from '../analysis/report-content';

const owner = { id: 'owner-1', name: 'Olga Eigenaar' };
const DUE = new Date('2026-04-09T06:00:00Z'); // settleBy -2wd of a complaint received 2 March
/** Only the measure's day itself (-0wd) to the owner: one delivery per point, easy to follow. */
const MEASURE_ON_THE_DAY: ReminderRules = {
  ...DEFAULT_REMINDER_RULES,
  measure: { workingDaysBefore: [0], audience: ['owner'] },
};

function step(signal: Signal, command: MoveCommand, at: string): Signal {
  const result = applyMove(signal, command, moveContext(new Date(at), owner));
  if (!result.ok) throw new Error(`refused: ${result.error} ${result.field ?? ''}`);
  return result.signal;
}

/** A complaint, handled, decided on 3 March with one measure due `deadline`, and closed. */
function closedWithMeasure(id: string, deadline: string, decidedAt = '2026-03-03T10:00:00Z'): Signal {
  let signal = makeSignal({
    id,
    reference: `KS-2026-${id.slice(-4)}`,
    owner,
    receivedOn: '2026-03-02',
    registeredAt: '2026-03-02T09:00:00Z',
  });
  signal = step(signal, { name: 'handle', input: { summary: 'Besproken', satisfaction: 'satisfied' } }, decidedAt);
  signal = step(
    signal,
    {
      name: 'recordDecision',
      input: {
        text: 'Besluit',
        measures: [{ description: 'Scholing', deadline }],
        sentOn: '2026-03-03',
        tenor: 'founded',
        sentVia: 'email',
      },
    },
    decidedAt,
  );
  return step(signal, { name: 'close', input: {} }, decidedAt);
}

describe('measure reminders and the sweep', () => {
  let stores: Stores;
  let outbox: string;
  let connector: ScriptedConnector;
  let answer: (path: string) => ScriptedAnswer | undefined;
  const adapter = newAdapter();

  beforeEach(async () => {
    stores = await openStores('SQLite', undefined, { fast: true });
    outbox = mkdtempSync(join(tmpdir(), 'klantsignaal-measures-'));
    answer = () => undefined;
    connector = new ScriptedConnector(({ path }) => answer(path));
    await connector.start();
  });
  afterEach(async () => {
    await connector.stop();
    await stores.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const deps = (clock: ManualClock, settings: ReminderSettingsInput = {}) =>
    reminderDeps({ stores, adapter, clock, outboxDir: outbox, holder: 'h', settings });
  const sentTexts = () => connector.delivered().map((call) => textOf(cardOfCall(call.body)));

  test('a measure deadline the calendar cannot compute (year 0026) skips that measure only, logged by id', async () => {
    await introduce(adapter, stores.reminders, connector.url, owner);
    await stores.signals.create(
      makeSignal({
        id: 'good-0001',
        reference: 'KS-2026-0001',
        owner,
        receivedOn: '2026-03-02',
        registeredAt: '2026-04-09T05:00:00Z',
      }),
    );
    // Stored as it was before the forms checked the range: open, and closed on the watch list.
    const odd = (signal: Signal): Signal => ({
      ...signal,
      decision: { ...signal.decision!, measures: [{ description: 'Scholing', deadline: '0026-05-01' }] },
    });
    const openOdd = makeSignal({
      id: 'odd-0002',
      reference: 'KS-2026-0002',
      owner,
      receivedOn: '2026-03-02',
      registeredAt: '2026-03-02T09:00:00Z',
    });
    await stores.signals.create(
      odd(
        step(
          openOdd,
          {
            name: 'recordDecision',
            input: { text: 'B', measures: [], sentOn: '2026-03-03', tenor: 'founded', sentVia: 'email' },
          },
          '2026-03-03T10:00:00Z',
        ),
      ),
    );
    // Settled, so no open deadline: like every signal with measures it is found through its watch.
    await stores.reminders.setWatch('odd-0002', '2026-03-10T07:00:00.000Z');
    await stores.signals.create(odd(closedWithMeasure('odd-0003', '2026-05-01')));
    await stores.reminders.setWatch('odd-0003', '2026-03-10T07:00:00.000Z');

    const logs = captureLogs('info');
    const report = await runReminderSweep({ ...deps(new ManualClock(DUE)), logger: logs.logger });
    await flush();
    expect(report).toMatchObject({ skippedMeasures: 2, skippedSignals: 0, sentViaTeams: 1, unknown: 0 });
    expect(sentTexts()[0]).toContain('KS-2026-0001');
    const warnings = logs
      .lines()
      .filter((line) => line.msg === 'measure deadline of a signal cannot be computed; that measure skipped');
    expect(warnings.map((line) => [line.level, line.signalId, line.measureIndex, line.storedDate])).toEqual([
      [40, 'odd-0002', 0, '0026-05-01'],
      [40, 'odd-0003', 0, '0026-05-01'],
    ]);
    // Ids only: no parent's or employee's name, no measure text.
    expect(JSON.stringify(warnings)).not.toMatch(/Sanne|Olga|Scholing/);
    // Their watches are left as they were: looked at (and logged) again until someone repairs them.
    expect(await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).toEqual([
      { signalId: 'odd-0002', nextAt: '2026-03-10T07:00:00.000Z' },
      { signalId: 'odd-0003', nextAt: '2026-03-10T07:00:00.000Z' },
    ]);
  });

  test('an analysis measure the calendar cannot compute: the GGD reminder still goes to staf kw', async () => {
    const analyses = await stores.analyses();
    const quality: AnalysisActor = { ...PEOPLE.quality, roles: ['quality'] };
    const mt1: AnalysisActor = { ...PEOPLE.manager, roles: ['manager', 'mt'] };
    const mt2: AnalysisActor = { ...PEOPLE.admin, roles: ['mt', 'admin'] };
    const unwrap = (result: ReturnType<typeof draftAnalysis>) => {
      if (!result.ok) throw new Error(result.error);
      return result.analysis;
    };
    const figures = { year: 2026 } as unknown as AnnualAnalysis['figures'];
    let analysis = unwrap(
      draftAnalysis({ figures, settings: DEFAULT_ANALYSIS_SETTINGS, content: REPORT_CONTENT }, quality, new Date('2027-01-10T10:00:00Z')),
    );
    analysis = unwrap(reviewAnalysis(analysis, { verdict: 'adopt' }, mt1, new Date('2027-01-11T10:00:00Z')));
    analysis = unwrap(reviewAnalysis(analysis, { verdict: 'adopt' }, mt2, new Date('2027-01-11T11:00:00Z')));
    analysis = unwrap(
      addMeasure(
        analysis,
        { id: 'm1', description: 'Folder', owner, deadline: '2027-05-01' },
        mt1,
        new Date('2027-01-12T10:00:00Z'),
      ),
    );
    await analyses.save({ ...analysis, measures: analysis.measures.map((m) => ({ ...m, deadline: '0026-05-01' })) });
    await introduce(adapter, stores.reminders, connector.url, PEOPLE.quality);

    const logs = captureLogs('info');
    const clock = new ManualClock(new Date('2027-04-01T06:00:00Z')); // 1 April 08:00: the first GGD reminder
    const report = await runReminderSweep({ ...deps(clock), analyses, logger: logs.logger });
    await flush();
    expect(report).toMatchObject({ skippedAnalyses: 1, sentViaTeams: 1 });
    expect(sentTexts()[0]).toContain('GGD');
    expect(logs.lines().filter((line) => line.analysisYear === 2026 && line.level === 40)).toHaveLength(1);
  });

  test('one unreadable measure: the signal’s other measure is reminded, the bad one logged once by index', async () => {
    await introduce(adapter, stores.reminders, connector.url, owner);
    const decided = closedWithMeasure('sig-0001', '2026-04-20');
    // Stored by an old client: measure 0 has a date the calendar refuses, measure 1 is fine.
    const signal: Signal = {
      ...decided,
      decision: {
        ...decided.decision!,
        measures: [{ description: 'Scholing', deadline: '0026-05-01' }, ...decided.decision!.measures],
      },
    };
    await stores.signals.create(signal);
    await trackSignalReminders(stores.reminders, signal, MEASURE_ON_THE_DAY);
    const dueAt = '2026-04-20T06:00:00.000Z';
    expect(await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).toEqual([
      { signalId: 'sig-0001', nextAt: dueAt },
    ]);

    const logs = captureLogs('info');
    const clock = new ManualClock(new Date(dueAt));
    const settings: ReminderSettingsInput = { rules: MEASURE_ON_THE_DAY };
    const report = await runReminderSweep({ ...deps(clock, settings), logger: logs.logger });
    await flush();
    expect(report).toMatchObject({ skippedMeasures: 1, skippedSignals: 0, sentViaTeams: 1 });
    expect(sentTexts()).toHaveLength(1);
    expect(sentTexts()[0]).toContain('KS-2026-0001');
    const warnings = logs.lines().filter((line) => line.level === 40);
    expect(warnings).toEqual([
      expect.objectContaining({
        msg: 'measure deadline of a signal cannot be computed; that measure skipped',
        signalId: 'sig-0001',
        measureIndex: 0,
      }),
    ]);
    expect(JSON.stringify(warnings)).not.toMatch(/Sanne|Olga|Scholing/);
    // It came through its watch: kept, so the next sweep looks (and logs) again until it is repaired.
    expect(await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).toEqual([
      { signalId: 'sig-0001', nextAt: dueAt },
    ]);
    clock.set(new Date('2026-04-20T06:05:00Z'));
    expect(await runReminderSweep(deps(clock, settings))).toMatchObject({ skippedMeasures: 1, due: 0 });
  });

  test('docs/operations.md names the warnings the sweep writes for what it skips', () => {
    const operations = readRepoFile('docs/operations.md');
    const source = readRepoFile('src/app/reminders.ts');
    for (const message of [
      'measure deadline of a signal cannot be computed; that measure skipped',
      'deadline of a signal cannot be computed; its reminders skipped',
      'reminder points of a signal cannot be computed; skipped',
      'reminder points of an analysis cannot be computed; its measures skipped',
    ]) {
      expect({ message, logged: source.includes(`'${message}'`) }).toEqual({ message, logged: true });
      expect({ message, documented: operations.includes(`"${message}"`) }).toEqual({ message, documented: true });
    }
  });

  describe.each([
    ['left waiting for a chat (withoutConversation wait)', 'wait'],
    ['refused by the connector (retry)', 'refused'],
    ['not reached: the sweep was stopping', 'stopping'],
  ] as const)('a closed signal whose measure reminder was %s', (_title, how) => {
    test('keeps its watch, and the next sweep delivers it once', async () => {
      const signal = closedWithMeasure('sig-0001', '2026-04-20');
      await stores.signals.create(signal);
      await trackSignalReminders(stores.reminders, signal, MEASURE_ON_THE_DAY);
      const dueAt = '2026-04-20T06:00:00.000Z'; // Monday 20 April 08:00, the measure's day
      expect(await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).toEqual([
        { signalId: 'sig-0001', nextAt: dueAt },
      ]);
      if (how !== 'wait') await introduce(adapter, stores.reminders, connector.url, owner);
      if (how === 'refused') answer = () => ({ status: 400, body: { error: { code: 'BadArgument', message: 'no' } } });
      const clock = new ManualClock(new Date(dueAt));
      const settings: ReminderSettingsInput = {
        rules: MEASURE_ON_THE_DAY,
        ...(how === 'wait' ? { withoutConversation: 'wait' as const } : {}),
      };

      const first = await runReminderSweep(deps(clock, settings), { stopping: () => how === 'stopping' });
      expect(first.sentViaTeams + first.sentViaFeed).toBe(0);
      expect(await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).toEqual([
        { signalId: 'sig-0001', nextAt: dueAt },
      ]);

      if (how === 'wait') await introduce(adapter, stores.reminders, connector.url, owner);
      answer = () => undefined;
      clock.set(new Date('2026-04-20T07:05:00Z'));
      expect((await runReminderSweep(deps(clock, settings))).sentViaTeams).toBe(1);
      expect(sentTexts()).toHaveLength(1);
      expect(sentTexts()[0]).toContain('KS-2026-0001');
      // Delivered: nothing left to watch.
      expect(await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).toEqual([]);
      clock.set(new Date('2026-04-21T07:05:00Z'));
      expect((await runReminderSweep(deps(clock, settings))).due).toBe(0);
    });
  });

  test('the bot was down over the measure’s day: its reminder comes late, once, and says the date has passed', async () => {
    await introduce(adapter, stores.reminders, connector.url, owner);
    const signal = closedWithMeasure('sig-0001', '2026-04-20');
    await stores.signals.create(signal);
    await trackSignalReminders(stores.reminders, signal);
    // Down from before the -5wd point (13 April) until Wednesday 22 April.
    const clock = new ManualClock(new Date('2026-04-22T07:00:00Z'));
    const first = await runReminderSweep(deps(clock));
    expect(first.sentViaTeams).toBe(1); // the last advance point (on the day), not a backlog of both
    expect(sentTexts()[0]).toContain('KS-2026-0001');
    expect(sentTexts()[0]).toContain('is verstreken op');
    expect(sentTexts()[0]).toContain('te laat');
    clock.set(new Date('2026-04-23T07:00:00Z'));
    expect((await runReminderSweep(deps(clock))).due).toBe(0);
    expect(connector.delivered()).toHaveLength(1);
    expect(await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).toEqual([]);
  });

  test(`down for weeks: a measure reminder more than ${MEASURE_LATE_WORKING_DAYS} working days past its date is dropped`, async () => {
    await introduce(adapter, stores.reminders, connector.url, owner);
    const signal = closedWithMeasure('sig-0001', '2026-04-20');
    await stores.signals.create(signal);
    await trackSignalReminders(stores.reminders, signal);
    // Monday 20 April; 5 working days on (Koningsdag 27 April skipped) is Tuesday 28 April.
    const clock = new ManualClock(new Date('2026-04-29T06:00:00Z'));
    const report = await runReminderSweep(deps(clock));
    expect(report.due).toBe(0);
    expect(connector.delivered()).toHaveLength(0);
    expect(await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).toEqual([]);
  });

  test('a measure reminder left waiting for a chat holds the watch only within its late window', async () => {
    const signal = closedWithMeasure('sig-0001', '2026-04-20');
    await stores.signals.create(signal);
    await trackSignalReminders(stores.reminders, signal, MEASURE_ON_THE_DAY);
    const settings: ReminderSettingsInput = { rules: MEASURE_ON_THE_DAY, withoutConversation: 'wait' };
    const clock = new ManualClock(new Date('2026-04-28T20:00:00Z')); // 22:00, the last day it may go late
    expect((await runReminderSweep(deps(clock, settings))).waiting).toBe(1);
    expect(await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).toEqual([
      { signalId: 'sig-0001', nextAt: '2026-04-20T06:00:00.000Z' },
    ]);
    // The owner never opened the chat; the window closed at midnight: no longer due, and not watched.
    clock.set(new Date('2026-04-29T06:00:00Z'));
    expect(await runReminderSweep(deps(clock, settings))).toMatchObject({ due: 0, waiting: 0 });
    expect(await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).toEqual([]);
  });

  test('a measure whose deadline had passed when the decision was recorded is not reminded', async () => {
    await introduce(adapter, stores.reminders, connector.url, owner);
    const signal = closedWithMeasure('sig-0001', '2026-03-04', '2026-03-10T10:00:00Z');
    await stores.signals.create(signal);
    await trackSignalReminders(stores.reminders, signal);
    const report = await runReminderSweep(deps(new ManualClock(new Date('2026-03-10T11:00:00Z'))));
    expect(report.due).toBe(0);
    expect(await stores.reminders.listWatches('2026-12-31T00:00:00.000Z', 10)).toEqual([]);
  });
});
