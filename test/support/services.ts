import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import pino from 'pino';
import type { BotServices } from '../../bot/services';
import { loadOrganisation, OrganisationFileDirectory } from '../../src/adapters/config/organisation-file';
import { SqliteSignalStore } from '../../src/adapters/sqlite/sqlite-signal-store';
import { SqliteAccessLog } from '../../src/adapters/sqlite/sqlite-access-log';
import { ManualClock } from '../../src/domain/clock';
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';

export const SAMPLE_ORGANISATION = resolve(__dirname, '../../config/organisation.sample.json');

/** The demo people of the sample organisation, by role. */
export const PEOPLE = {
  employee: { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' },
  locationManager: { id: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' },
  manager: { id: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' },
  quality: { id: '00000000-0000-0000-0000-0000000000023', name: 'Isaiah Langer' },
  admin: { id: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez' },
  otherEmployee: { id: '00000000-0000-0000-0000-0000000000025', name: 'Lynne Robbins' },
} as const;

/** Real services on an in-memory SQLite store and a manual clock. */
export async function testServices(now = '2026-11-25T10:00:00+01:00'): Promise<BotServices & { clock: ManualClock }> {
  const store = new SqliteSignalStore(':memory:');
  await store.init();
  const accessLog = new SqliteAccessLog(':memory:');
  await accessLog.init();
  return {
    store,
    accessLog,
    directory: new OrganisationFileDirectory(loadOrganisation(SAMPLE_ORGANISATION)),
    clock: new ManualClock(new Date(now)),
    deadlines: DEFAULT_DEADLINE_SETTINGS,
    logger: pino({ level: 'silent' }),
    newId: randomUUID,
  };
}

/** A complete, valid intake submit as the card sends it. */
export function validIntake(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'complaint',
    locationId: 'zonnebloem',
    themeId: 'communication',
    channel: 'phone',
    receivedOn: '2026-11-24',
    parentName: 'Sanne de Vries',
    parentEmail: 'sanne@example.nl',
    parentPhone: '',
    contactPreference: 'meeting',
    description: 'De overdracht bij het ophalen was te kort.',
    parentWish: 'Een gesprek met de locatiemanager',
    ...overrides,
  };
}
