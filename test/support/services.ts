import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import pino from 'pino';
import type { BotServices } from '../../bot/services';
import { loadOrganisation, OrganisationFileDirectory } from '../../src/adapters/config/organisation-file';
import { SqliteSignalStore } from '../../src/adapters/sqlite/sqlite-signal-store';
import { CosmosSignalStore } from '../../src/adapters/cosmos/cosmos-signal-store';
import type { SignalStore } from '../../src/app/ports';
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

/** The store the scenario tests run on: SQLite, or Cosmos under `npm run test:cosmos`. */
export function testStoreKind(): 'sqlite' | 'cosmos' {
  return process.env.KLANTSIGNAAL_TEST_COSMOS_ENDPOINT ? 'cosmos' : 'sqlite';
}

/** Settings for startApp that point it at the test run's store (a fresh Cosmos database per call). */
export function testStoreSettings(): Record<string, string> {
  const endpoint = process.env.KLANTSIGNAAL_TEST_COSMOS_ENDPOINT;
  if (!endpoint) return {};
  return {
    STORE: 'cosmos',
    COSMOS_ENDPOINT: endpoint,
    COSMOS_KEY: process.env.KLANTSIGNAAL_TEST_COSMOS_KEY ?? 'local-test-key',
    COSMOS_DATABASE: `test-${randomUUID()}`,
    COSMOS_ENDPOINT_DISCOVERY: 'false',
  };
}

function testSignalStore(): SignalStore {
  const endpoint = process.env.KLANTSIGNAAL_TEST_COSMOS_ENDPOINT;
  if (!endpoint) return new SqliteSignalStore(':memory:');
  return new CosmosSignalStore({
    endpoint,
    key: process.env.KLANTSIGNAAL_TEST_COSMOS_KEY ?? 'local-test-key',
    databaseId: `test-${randomUUID()}`,
    createIfMissing: true,
    endpointDiscovery: false,
  });
}

/** What testServices() opened in the current test file and has not closed yet. */
const opened: { close(): Promise<void> }[] = [];

/**
 * Closes every store and access log testServices() opened so far (the SQLite handles; on Cosmos the
 * client, see CosmosSignalStore.close). Runs by itself after each test file that imports this
 * module: jest gives every test file its own module registry, so the afterAll below is registered
 * once per file, at the top level. It runs after the file's last test and the afterAll hooks inside
 * its describe blocks, but before the file's own top-level afterAll hooks (it was registered first).
 */
export async function closeTestServices(): Promise<void> {
  await Promise.all(opened.splice(0).map((resource) => resource.close()));
}

// Outside jest (bench/ imports PEOPLE and the sample organisation from here) there is no afterAll.
if (typeof afterAll === 'function') afterAll(closeTestServices);

/**
 * Real services on an in-memory SQLite store (or the local Cosmos server) and a manual clock.
 * Its store and access log are closed after the test file (closeTestServices).
 */
export async function testServices(now = '2026-11-25T10:00:00+01:00'): Promise<BotServices & { clock: ManualClock }> {
  const store = testSignalStore();
  opened.push(store);
  await store.init();
  const accessLog = new SqliteAccessLog(':memory:');
  opened.push(accessLog);
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
