/**
 * The demo signals of `npm start`: seeded once, with honest histories, and each near the deadline
 * the demo is meant to show — whatever day of the week the demo is started on.
 */
import { loadOrganisation, OrganisationFileDirectory } from '../../src/adapters/config/organisation-file';
import { SqliteSignalStore } from '../../src/adapters/sqlite/sqlite-signal-store';
import { seedDemoSignals } from '../../src/app/demo-data';
import { addWorkingDays } from '../../src/domain/calendar';
import { ManualClock } from '../../src/domain/clock';
import { amsterdamDate, DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import { DEFAULT_REMINDER_RULES, duePoints } from '../../src/domain/reminders';
import { PEOPLE, SAMPLE_ORGANISATION } from '../support/services';

const directory = new OrganisationFileDirectory(loadOrganisation(SAMPLE_ORGANISATION));

describe.each([
  ['a Wednesday evening', '2026-11-25T21:30:00+01:00'],
  ['a Saturday morning', '2026-11-28T09:00:00+01:00'],
  ['a Monday before 08:00', '2026-11-30T07:00:00+01:00'],
  ['the day before Christmas', '2026-12-24T12:00:00+01:00'],
])('seeded on %s', (_name, now) => {
  let store: SqliteSignalStore;
  const clock = new ManualClock(new Date(now));

  beforeEach(async () => {
    store = new SqliteSignalStore(':memory:');
    await store.init();
  });
  afterEach(() => store.close());

  const seed = () => seedDemoSignals({ store, directory, clock, deadlines: DEFAULT_DEADLINE_SETTINGS });

  it('adds three signals once; starting again adds none', async () => {
    await expect(seed()).resolves.toBe(3);
    await expect(seed()).resolves.toBe(0);
    const references = await Promise.all(
      ['demo-question', 'demo-complaint-six-weeks', 'demo-complaint-late'].map((id) => store.get(id)),
    );
    expect(references.map((found) => found?.value.reference)).toEqual(['KS-2026-0001', 'KS-2026-0002', 'KS-2026-0003']);
  });

  it('gives Alex two reminders due now, and the late complaint missed points for its owner and staf kw', async () => {
    await seed();
    const question = (await store.get('demo-question'))!.value;
    const sixWeeks = (await store.get('demo-complaint-six-weeks'))!.value;
    const late = (await store.get('demo-complaint-late'))!.value;

    expect(amsterdamDate(question.deadlines.answerBy!)).toBe(addWorkingDays(amsterdamDate(clock.now()), 1));
    const due = (signal: typeof question) =>
      duePoints(signal, clock.now(), DEFAULT_REMINDER_RULES).map((point) => `${point.deadlineKind} ${point.kind}`);
    expect(due(question)).toEqual(['answerBy upcoming']);
    // One or, with holidays in the way (Christmas), two advance points of the six weeks.
    expect(new Set(due(sixWeeks))).toEqual(new Set(['settleBy upcoming']));
    expect(question.owner.id).toBe(PEOPLE.employee.id);
    expect(sixWeeks.owner.id).toBe(PEOPLE.employee.id);

    expect(due(late)).toEqual(expect.arrayContaining(['confirmBy missed', 'conversationBy missed']));
    expect(late.registeredBy.id).toBe(PEOPLE.locationManager.id);
    expect(late.history.map((event) => event.type)).toEqual([
      'registered',
      'escalatedToLocation',
      'escalatedToOrganisation',
    ]);
  });
});
