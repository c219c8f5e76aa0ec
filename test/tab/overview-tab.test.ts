/**
 * Issue 20: the tab's figures are the bot's own. For every role, on a year of varied signals:
 * the year equals `overzicht <jaar>` (overview), each month equals `overzicht <maand>`, the deadline
 * counts equal the `te laat` and `termijnen` lists (runList), and the MT gets counts without rows.
 * The year index stays exact through writes made through the observed store.
 */
import { DateTime } from 'luxon';
import { overview, runList, type ListQuery, type QueryDeps } from '../../src/app/queries';
import { tabOverview, type TabDeps } from '../../src/app/overview-tab';
import { YearIndex } from '../../src/app/year-index';
import { amsterdamDate } from '../../src/domain/deadlines';
import type { Person } from '../../src/domain/organisation';
import { applyDutyMove } from '../../src/domain/reporting-duty';
import type { Signal } from '../../src/domain/signal';
import { commandServices, personOf, type RoleKey, type TestServices } from '../commands/fixtures';
import { adoptedAnalysis } from '../analysis/adopted';
import { DESCRIPTION_SECRET, PARENT_EMAIL, PARENT_SECRET, tabSignals } from '../support/tab-data';

const NOW = new Date('2026-11-25T10:00:00+01:00');
const YEAR = 2026;

async function allOf(deps: QueryDeps, person: Person, query: ListQuery): Promise<Signal[]> {
  const items: Signal[] = [];
  let continuation: string | undefined;
  do {
    const page = await runList(deps, person, query, continuation);
    items.push(...page.items);
    continuation = page.continuation;
  } while (continuation);
  return items;
}

describe('the Overzicht tab counts as the bot does', () => {
  let services: TestServices;
  let deps: TabDeps;
  let index: YearIndex;

  beforeAll(async () => {
    services = await commandServices();
    services.clock.set(NOW);
    index = new YearIndex({ clock: services.clock });
    const store = index.observe(services.store);
    for (const signal of tabSignals({ count: 600, year: YEAR, today: amsterdamDate(NOW) })) await store.create(signal);
    // The year before, so the year filter has something to leave out.
    for (const signal of tabSignals({ count: 50, year: YEAR - 1, today: `${YEAR - 1}-12-31`, seed: 7 })) {
      await store.create(signal);
    }
    deps = { store, directory: services.directory, clock: services.clock, accessLog: services.accessLog, index };
  });

  afterAll(async () => {
    await services.store.close();
    await services.accessLog.close();
  });

  const roles: RoleKey[] = ['employee', 'otherEmployee', 'locationManager', 'manager', 'quality', 'mt', 'admin'];

  it.each(roles)(
    '%s: the year and every month equal overzicht; the deadlines equal te laat and termijnen',
    async (role) => {
      const person = await personOf(services, role);
      const tab = await tabOverview(deps, person, { year: YEAR });
      const expected = await overview(deps, person, { year: YEAR });
      expect(tab.year).toEqual(expected);
      expect(tab.selection).toEqual(expected);
      expect(expected.total).toBeGreaterThan(0);
      for (const month of tab.months) {
        const bot = await overview(deps, person, { year: YEAR, month: month.month });
        expect({
          received: month.received,
          inTime: month.settledInTime,
          late: month.late,
          pending: month.pending,
        }).toEqual({
          received: bot.total,
          inTime: bot.complaints.settledInTime,
          late: bot.complaints.late,
          pending: bot.complaints.pending,
        });
      }
      const overdue = await allOf(deps, person, { kind: 'overdue', before: NOW.toISOString() });
      expect(tab.deadlines.overdue.total).toBe(overdue.length);
      expect(Object.values(tab.deadlines.overdue.byKind).reduce((a, b) => a + b, 0)).toBe(overdue.length);
      const sunday = DateTime.fromJSDate(NOW, { zone: 'Europe/Amsterdam' }).endOf('week').toUTC().toISO()!;
      const thisWeek = await allOf(deps, person, { kind: 'deadlines', from: NOW.toISOString(), until: sunday });
      expect(tab.deadlines.thisWeek.total).toBe(thisWeek.length);
      const openInYear = tab.openByLocation.reduce((sum, row) => sum + row.total, 0);
      expect(openInYear).toBe(expected.open);
      if (role === 'mt' || role === 'admin') {
        expect(tab.aggregatesOnly).toBe(true);
        expect(tab.deadlines.overdue.rows).toBeUndefined();
        expect(tab.deadlines.thisWeek.rows).toBeUndefined();
      } else {
        expect(tab.deadlines.overdue.rows?.map((row) => row.reference).sort()).toEqual(
          overdue.map((signal) => signal.reference).sort(),
        );
      }
    },
  );

  it('each role sees only its part: the employee their own, the location manager their location, MT everything', async () => {
    const totals = Object.fromEntries(
      await Promise.all(
        roles.map(
          async (role) =>
            [role, (await tabOverview(deps, await personOf(services, role), { year: YEAR })).year] as const,
        ),
      ),
    );
    const everything = totals.quality!;
    expect(totals.mt!.total).toBe(everything.total);
    expect(totals.employee!.total).toBeLessThan(everything.total);
    expect(totals.employee!.total + totals.otherEmployee!.total).toBe(everything.total);
    const own = (await personOf(services, 'locationManager')).locationIds;
    expect(own.length).toBeLessThan(3);
    expect(totals.locationManager!.byLocation.map((row) => row.id).sort()).toEqual([...own].sort());
    for (const id of own) {
      expect(totals.locationManager!.byLocation.find((row) => row.id === id)?.count).toBe(
        everything.byLocation.find((row) => row.id === id)!.count,
      );
    }
  });

  it('filters by location and kind: the selection is overzicht over just those signals', async () => {
    const person = await personOf(services, 'quality');
    const tab = await tabOverview(deps, person, { year: YEAR, locationId: 'vlinder', kind: 'complaint' });
    const year = await tabOverview(deps, person, { year: YEAR });
    expect(tab.year).toEqual(year.year);
    expect(tab.selection.byLocation).toEqual([{ id: 'vlinder', count: tab.selection.total }]);
    expect(tab.selection.byKind).toEqual([{ kind: 'complaint', count: tab.selection.total }]);
    expect(tab.selection.total).toBe(tab.months.reduce((sum, month) => sum + month.received, 0));
    expect(tab.deadlines.overdue.rows!.every((row) => row.locationId === 'vlinder' && row.kind === 'complaint')).toBe(
      true,
    );
    expect(tab.themesByQuarter.reduce((sum, row) => sum + row.quarters.reduce((a, b) => a + b, 0), 0)).toBe(
      tab.selection.total,
    );
  });

  it("shows the yearly report's progress and open actions to those who work with it, not to an employee", async () => {
    const adopted = adoptedAnalysis();
    const withReport: TabDeps = {
      ...deps,
      analyses: { get: async (year) => (year === YEAR ? { value: adopted, etag: 'e' } : undefined) },
    };
    const report = (await tabOverview(withReport, await personOf(services, 'quality'), { year: YEAR })).report;
    expect(report).toMatchObject({
      status: adopted.status,
      drafted: true,
      adopted: true,
      sentToGgd: false,
      shared: false,
    });
    const open = adopted.measures.filter((measure) => measure.status === 'planned' || measure.status === 'inProgress');
    expect(open.length).toBeGreaterThan(0);
    expect(report?.openActions).toEqual(
      open.map((measure) => ({
        description: measure.description,
        owner: measure.owner.name,
        deadline: measure.deadline,
        status: measure.status,
      })),
    );
    expect((await tabOverview(withReport, await personOf(services, 'mt'), { year: YEAR })).report?.adopted).toBe(true);
    expect(
      (await tabOverview(withReport, await personOf(services, 'employee'), { year: YEAR })).report,
    ).toBeUndefined();
    expect(
      (await tabOverview(withReport, await personOf(services, 'quality'), { year: YEAR - 1 })).report?.status,
    ).toBe('none');
  });

  it('holds no parent data and no free text', async () => {
    for (const role of roles) {
      const json = JSON.stringify(await tabOverview(deps, await personOf(services, role), { year: YEAR }));
      for (const secret of [PARENT_SECRET, PARENT_EMAIL, DESCRIPTION_SECRET, '0612345678'])
        expect(json).not.toContain(secret);
    }
  });

  it('the year index follows writes through the store, so a new or settled complaint counts at once', async () => {
    const person = await personOf(services, 'quality');
    const before = await tabOverview(deps, person, { year: YEAR });
    const [fresh] = tabSignals({ count: 1, year: YEAR, today: amsterdamDate(NOW), seed: 99, firstSequence: 5000 });
    const created = await deps.store.create({ ...fresh!, kind: 'complaint', status: 'open', decision: undefined });
    const added = await tabOverview(deps, person, { year: YEAR });
    expect(added.year.total).toBe(before.year.total + 1);
    expect(added.year).toEqual(await overview(deps, person, { year: YEAR }));
    await deps.store.replace({ ...created.stored.value, locationId: 'eikeltje' }, created.stored.etag);
    expect((await tabOverview(deps, person, { year: YEAR })).year).toEqual(
      await overview(deps, person, { year: YEAR }),
    );
  });

  it('leaves a melding out for everyone outside the meldplicht route, as overzicht does', async () => {
    const quality = await personOf(services, 'quality');
    const before = await tabOverview(deps, quality, { year: YEAR });
    const [fresh] = tabSignals({ count: 1, year: YEAR, today: amsterdamDate(NOW), seed: 41, firstSequence: 7000 });
    const created = await deps.store.create(fresh!);
    const flagged = applyDutyMove(
      created.stored.value,
      { name: 'flag', input: { via: 'later' } },
      { actor: created.stored.value.registeredBy, at: NOW, eventId: 'flag-tab' },
    );
    if (!flagged.ok) throw new Error(flagged.error);
    await deps.store.replace(flagged.signal, created.stored.etag);
    const after = await tabOverview(deps, quality, { year: YEAR });
    expect(after.year.total).toBe(before.year.total);
    expect(after.year).toEqual(await overview(deps, quality, { year: YEAR }));
    expect(JSON.stringify(after)).not.toContain(fresh!.reference);
  });

  it('rebuilds from the store after maxAgeMs, picking up writes made elsewhere', async () => {
    const person = await personOf(services, 'quality');
    const local = new YearIndex({ clock: services.clock, maxAgeMs: 60_000 });
    const observed = local.observe(services.store);
    const localDeps = { ...deps, store: observed, index: local };
    const first = await tabOverview(localDeps, person, { year: YEAR });
    // Written past the index (as another instance would): not seen until the copy is rebuilt.
    const [elsewhere] = tabSignals({ count: 1, year: YEAR, today: amsterdamDate(NOW), seed: 5, firstSequence: 6000 });
    await services.store.create(elsewhere!);
    expect((await tabOverview(localDeps, person, { year: YEAR })).year.total).toBe(first.year.total);
    services.clock.advance(61_000);
    await tabOverview(localDeps, person, { year: YEAR }); // starts the rebuild, answers from the copy at hand
    let total = first.year.total;
    for (let tries = 0; tries < 50 && total === first.year.total; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      total = (await tabOverview(localDeps, person, { year: YEAR })).year.total;
    }
    expect(total).toBe(first.year.total + 1);
    services.clock.set(NOW);
  });
});
