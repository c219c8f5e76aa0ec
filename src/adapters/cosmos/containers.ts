import type { CompositePath, ContainerRequest, IndexingPolicy } from '@azure/cosmos';
import { ACCESS_LOG_CONTAINER } from './cosmos-access-log';
import { ANALYSES_CONTAINER } from './cosmos-analysis-store';
import { OUTBOX_CONTAINER } from './cosmos-outbox-store';
import { REMINDERS_CONTAINER } from './cosmos-reminder-store';

/**
 * The Cosmos DB layout, in one place so the adapter, Bicep and docs/data-design.md agree.
 * See docs/adr/0002-cosmos-partitioning.md for why the partition keys are what they are.
 */

export const SIGNALS_CONTAINER_ID = 'signals';
export const LOOKUPS_CONTAINER_ID = 'lookups';

const asc = (...paths: string[]): CompositePath[] => paths.map((path) => ({ path, order: 'ascending' }));

/**
 * Only the fields the queries filter or sort on are indexed: a signal carries free text and a growing
 * history, and indexing all of it would raise the RU cost of every write for nothing.
 * Every composite index starts with the fields a query filters on by equality and ends with the
 * ORDER BY of the list (urgency, reference), so one index serves both the filter and the sort.
 */
export const SIGNALS_INDEXING_POLICY: IndexingPolicy = {
  indexingMode: 'consistent',
  automatic: true,
  includedPaths: [
    { path: '/ownerId/?' },
    { path: '/locationId/?' },
    { path: '/status/?' },
    { path: '/urgency/?' },
    { path: '/reference/?' },
    { path: '/receivedOn/?' },
    { path: '/retentionFrom/?' },
  ],
  excludedPaths: [{ path: '/*' }],
  compositeIndexes: [
    // listByOwner with and without a status filter
    asc('/ownerId', '/status', '/urgency', '/reference'),
    asc('/ownerId', '/urgency', '/reference'),
    // listByLocations for one location, with and without a status filter
    asc('/locationId', '/status', '/urgency', '/reference'),
    asc('/locationId', '/urgency', '/reference'),
    // listDue, and listByLocations over several locations with a status filter
    asc('/status', '/urgency', '/reference'),
    // listByLocations over several locations, all statuses
    asc('/urgency', '/reference'),
    // streamYear
    asc('/receivedOn', '/reference'),
  ],
  // retentionFrom (range index above) serves the retention job on its own: one ORDER BY field.
};

/** Signals: partition key /id, so reading or replacing one signal is always a point operation. */
export const SIGNALS_CONTAINER: ContainerRequest = {
  id: SIGNALS_CONTAINER_ID,
  partitionKey: { paths: ['/id'] },
  indexingPolicy: SIGNALS_INDEXING_POLICY,
};

/**
 * Small documents addressed by id only (reference -> signal id, per-year reference counters):
 * point reads and writes, never queried, so nothing is indexed.
 */
export const LOOKUPS_CONTAINER: ContainerRequest = {
  id: LOOKUPS_CONTAINER_ID,
  partitionKey: { paths: ['/id'] },
  indexingPolicy: { indexingMode: 'consistent', automatic: true, includedPaths: [], excludedPaths: [{ path: '/*' }] },
};

export const CONTAINERS: readonly ContainerRequest[] = [SIGNALS_CONTAINER, LOOKUPS_CONTAINER];

/**
 * Every container the app creates (or, with COSMOS_CREATE_IF_MISSING=false, expects), across the
 * signal store, access log, reminder store, outbox and yearly analyses: the source of
 * infra/cosmos-containers.json (`npx tsx infra/generate-cosmos-containers.ts`), kept equal by
 * test/manifest/infra.test.ts.
 */
export const ALL_CONTAINERS: readonly ContainerRequest[] = [
  ...CONTAINERS,
  ACCESS_LOG_CONTAINER,
  REMINDERS_CONTAINER,
  OUTBOX_CONTAINER,
  ANALYSES_CONTAINER,
];
