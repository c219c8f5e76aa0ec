/**
 * Demo signals for `npm start` (DEMO_DATA=true; refused with bot authentication on), so a person
 * trying Klantsignaal in the Agents Playground finds work in progress: a question whose answer is
 * due tomorrow, a complaint nearing its six weeks, and one whose conversation deadline was missed.
 * The reminders for them arrive in the Playground chat by themselves once the sweep runs.
 *
 * Dates are relative to the moment of seeding and built with the real process moves, so every
 * signal has an honest history. Ids are fixed: seeding again (every start) adds nothing.
 */
import type { Clock } from '../domain/clock';
import { addWorkingDays } from '../domain/calendar';
import { amsterdamDate, type DeadlineSettings } from '../domain/deadlines';
import type { IntakeInput } from '../domain/intake';
import type { PersonRef, Signal } from '../domain/signal';
import { escalateToLocation, escalateToOrganisation, type MoveResult } from '../domain/process';
import { registerSignal } from '../domain/register';
import { nlDemo } from '../i18n/nl-demo';
import type { Directory, SignalStore } from './ports';

export interface DemoDataDeps {
  store: SignalStore;
  directory: Directory;
  clock: Clock;
  deadlines: DeadlineSettings;
}

const DAY_MS = 86_400_000;

/** The demo people of config/organisation.sample.json that the demo signals need, by role. */
async function demoCast(directory: Directory) {
  const first = async (role: Parameters<Directory['peopleWithRole']>[0], locationId?: string) =>
    (await directory.peopleWithRole(role, locationId))[0];
  const locationId = directory.organisation().locations[0]!.id;
  const employee = await first('employee', locationId);
  const locationManager = await first('locationManager', locationId);
  const manager = await first('manager', locationId);
  const quality = await first('quality');
  if (!employee || !locationManager || !manager || !quality) return undefined;
  const ref = (person: { id: string; name: string }): PersonRef => ({ id: person.id, name: person.name });
  return {
    locationId,
    employee: ref(employee),
    locationManager: ref(locationManager),
    manager: ref(manager),
    quality: ref(quality),
  };
}

function ensure(result: MoveResult): Signal {
  if (!result.ok) throw new Error(`demo data: move refused (${result.error})`);
  return result.signal;
}

/** Seeds the demo signals that are missing; returns how many were added. */
export async function seedDemoSignals(deps: DemoDataDeps): Promise<number> {
  const cast = await demoCast(deps.directory);
  if (!cast) return 0;
  const now = deps.clock.now();
  const today = amsterdamDate(now);
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const nextWorkingDay = addWorkingDays(today, 1);
  const themeId = deps.directory.organisation().themes[0]!.id;
  const intake = (
    text: (typeof nlDemo.signals)[number],
    receivedOn: string,
    kind: IntakeInput['kind'],
  ): IntakeInput => ({
    kind,
    locationId: cast.locationId,
    themeId,
    channel: 'phone',
    receivedOn,
    parentName: text.parentName,
    parentEmail: text.parentEmail,
    parentPhone: undefined,
    contactPreference: 'meeting',
    description: text.description,
    parentWish: text.parentWish,
  });
  const moveAt = (at: Date, actor: PersonRef, step: string) => ({ actor, at, eventId: `demo-${step}` });

  const plans: { id: string; build: (reference: string) => Signal }[] = [
    {
      // A question answered "within 10 days": the answer is due on the next working day.
      id: 'demo-question',
      build: (reference) => {
        const receivedOn = amsterdamDate(
          new Date(Date.parse(`${nextWorkingDay}T12:00:00Z`) - deps.deadlines.answerWithinDays * DAY_MS),
        );
        return registerSignal(
          {
            id: 'demo-question',
            reference,
            by: cast.employee,
            at: new Date(`${receivedOn}T09:30:00Z`),
            input: intake(nlDemo.signals[0], receivedOn, 'question'),
          },
          deps.deadlines,
        );
      },
    },
    {
      // A complaint at the location for 32 days: ten days of the six weeks are left.
      id: 'demo-complaint-six-weeks',
      build: (reference) => {
        const registered = daysAgo(32);
        return registerSignal(
          {
            id: 'demo-complaint-six-weeks',
            reference,
            by: cast.employee,
            at: registered,
            input: intake(nlDemo.signals[1], amsterdamDate(registered), 'complaint'),
          },
          deps.deadlines,
        );
      },
    },
    {
      // A complaint the location manager took in and escalated 20 days ago; the conversation never
      // took place. Alex (employee) does not see it; staf kw does.
      id: 'demo-complaint-late',
      build: (reference) => {
        const registered = daysAgo(22);
        const signal = registerSignal(
          {
            id: 'demo-complaint-late',
            reference,
            by: cast.locationManager,
            at: registered,
            input: intake(nlDemo.signals[2], amsterdamDate(registered), 'complaint'),
          },
          deps.deadlines,
        );
        const atLocation = ensure(
          escalateToLocation(
            signal,
            { locationManager: cast.locationManager },
            moveAt(daysAgo(21), cast.locationManager, 'late-1'),
          ),
        );
        return ensure(
          escalateToOrganisation(
            atLocation,
            { manager: cast.manager, supporter: cast.quality },
            moveAt(daysAgo(20), cast.locationManager, 'late-2'),
          ),
        );
      },
    },
  ];

  let added = 0;
  for (const plan of plans) {
    if (await deps.store.get(plan.id)) continue;
    const reference = await deps.store.allocateReference(Number(today.slice(0, 4)));
    if ((await deps.store.create(plan.build(reference))).created) added += 1;
  }
  return added;
}
