import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { BotServices } from '../../bot/services';
import { DemoRoles } from '../../bot/commands/role';
import { loadOrganisation, OrganisationFileDirectory } from '../../src/adapters/config/organisation-file';
import { SqliteAccessLog } from '../../src/adapters/sqlite/sqlite-access-log';
import { SqliteSignalStore } from '../../src/adapters/sqlite/sqlite-signal-store';
import { ManualClock } from '../../src/domain/clock';
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import type { Organisation, Person } from '../../src/domain/organisation';
import { formatReference } from '../../src/domain/reference';
import { registerSignal } from '../../src/domain/register';
import type { PersonRef, Signal, SignalKind } from '../../src/domain/signal';
import { SAMPLE_ORGANISATION } from '../support/services';

/** One person per role, each with only that role (the sample file combines some), plus a second employee. */
export const ROLE_PEOPLE = {
  employee: { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' },
  otherEmployee: { id: '00000000-0000-0000-0000-0000000000025', name: 'Lynne Robbins' },
  locationManager: { id: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' },
  manager: { id: 'test-manager-vlinder', name: 'Mona Manager' },
  quality: { id: '00000000-0000-0000-0000-0000000000023', name: 'Isaiah Langer' },
  mt: { id: 'test-mt-only', name: 'Mark MT' },
  admin: { id: 'test-admin-only', name: 'Anna Admin' },
} as const;
export type RoleKey = keyof typeof ROLE_PEOPLE;

export function testOrganisation(): Organisation {
  const sample = loadOrganisation(SAMPLE_ORGANISATION);
  return {
    ...sample,
    people: [
      ...sample.people,
      { id: ROLE_PEOPLE.manager.id, name: ROLE_PEOPLE.manager.name, roles: ['manager'], locationIds: ['vlinder'] },
      { id: ROLE_PEOPLE.mt.id, name: ROLE_PEOPLE.mt.name, roles: ['mt'], locationIds: [] },
      { id: ROLE_PEOPLE.admin.id, name: ROLE_PEOPLE.admin.name, roles: ['admin'], locationIds: [] },
    ],
  };
}

export type TestServices = BotServices & { clock: ManualClock; accessLog: SqliteAccessLog };

/** Real services: in-memory SQLite store and access log, the test organisation, a manual clock. */
export async function commandServices(options: { demo?: boolean } = {}): Promise<TestServices> {
  const store = new SqliteSignalStore(':memory:');
  await store.init();
  const accessLog = new SqliteAccessLog(':memory:');
  await accessLog.init();
  const base = new OrganisationFileDirectory(testOrganisation());
  const demoRoles = options.demo ? new DemoRoles(base) : undefined;
  return {
    store,
    directory: demoRoles ? demoRoles.directory : base,
    clock: new ManualClock(new Date('2026-11-25T10:00:00+01:00')),
    deadlines: DEFAULT_DEADLINE_SETTINGS,
    logger: pino({ level: 'silent' }),
    newId: randomUUID,
    accessLog,
    ...(demoRoles ? { demoRoles } : {}),
  };
}

export interface SignalSpec {
  sequence: number;
  kind?: SignalKind;
  locationId?: string;
  receivedOn?: string;
  by: PersonRef;
  parentName?: string;
  themeId?: string;
  /** Escalated to the organisation, with this manager as owner. */
  escalatedTo?: PersonRef;
  closedOn?: string;
}

export function makeSignal(spec: SignalSpec): Signal {
  const receivedOn = spec.receivedOn ?? '2026-11-20';
  const year = Number(receivedOn.slice(0, 4));
  const signal = registerSignal(
    {
      id: `signal-${year}-${spec.sequence}`,
      reference: formatReference(year, spec.sequence),
      input: {
        kind: spec.kind ?? 'complaint',
        locationId: spec.locationId ?? 'zonnebloem',
        themeId: spec.themeId ?? 'communication',
        channel: 'phone',
        receivedOn,
        parentName: spec.parentName ?? 'Sanne de Vries',
        parentEmail: 'ouder@example.nl',
        parentPhone: undefined,
        contactPreference: 'meeting',
        description: `Omschrijving ${spec.sequence}`,
        parentWish: undefined,
      },
      by: spec.by,
      at: new Date(`${receivedOn}T09:00:00Z`),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
  let result: Signal = signal;
  if (spec.escalatedTo) {
    result = {
      ...result,
      step: 'organisation',
      highestStep: 'organisation',
      owner: spec.escalatedTo,
      escalation: {
        escalatedAt: `${receivedOn}T12:00:00.000Z`,
        manager: spec.escalatedTo,
        conversation: { mode: 'meeting' },
      },
    };
  }
  if (spec.closedOn) {
    result = {
      ...result,
      status: 'closed',
      nextDeadline: null,
      closedAt: `${spec.closedOn}T10:00:00.000Z`,
      handling: {
        summary: 'Opgelost',
        satisfaction: 'satisfied',
        recordedAt: `${spec.closedOn}T09:00:00.000Z`,
        by: spec.by,
      },
      // A klacht closes only with its written outcome, sent the day it closed.
      ...(result.kind === 'complaint'
        ? {
            decision: {
              text: 'Opgelost',
              tenor: 'resolvedByAgreement' as const,
              form: 'agreement' as const,
              measures: [],
              sentOn: spec.closedOn,
              sentVia: 'email' as const,
              decidedBy: spec.by,
              recordedAt: `${spec.closedOn}T09:30:00.000Z`,
            },
          }
        : {}),
    };
  }
  return result;
}

export async function seed(services: BotServices, specs: SignalSpec[]): Promise<Signal[]> {
  const signals = specs.map(makeSignal);
  for (const signal of signals) {
    // Keep the store's counter in step, so a signal registered later gets the next free reference.
    const year = Number(signal.reference.slice(3, 7));
    while ((await services.store.allocateReference(year)) < signal.reference);
    await services.store.create(signal);
  }
  return signals;
}

export function personOf(services: BotServices, key: RoleKey): Promise<Person> {
  return services.directory.findPerson(ROLE_PEOPLE[key].id).then((person) => {
    if (!person) throw new Error(`no person ${key}`);
    return person;
  });
}

/** References mentioned on a card (list rows, status cards). */
export function referencesIn(text: string): string[] {
  return [...new Set(text.match(/KS-\d{4}-\d{4}/g) ?? [])].sort();
}
