import { CosmosSignalStore } from '../../src/adapters/cosmos/cosmos-signal-store';
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import { registerSignal } from '../../src/domain/register';
import type { Signal } from '../../src/domain/signal';
import { startLocalCosmos, type LocalCosmos, type SeenRequest } from '../support/cosmos-server';

/**
 * How many HTTP round trips the Cosmos adapter makes for the bot's two hot paths, counted at the
 * local Cosmos API server (every request that reaches it, including the SDK's own metadata reads):
 * - a command turn ("status KS-2026-0001"): getByReference
 * - a card action (e.g. "conversation held"): get, then replace with the etag
 * Target: at most 2 each (issue 4). A client may read metadata on first use (the account, when endpoint
 * discovery is on; a container's partition key definition before a create); the SDK caches it for the
 * client's lifetime and a bot instance keeps one client, so the steady state is measured after one
 * warm-up round. The warm-up is measured too: the store under test has only run init(), the test
 * data was written through another instance.
 */
let cosmos: LocalCosmos;
let store: CosmosSignalStore;

function sample(sequence: number): Signal {
  return registerSignal(
    {
      id: `request-count-${sequence}`,
      reference: `KS-2026-000${sequence}`,
      input: {
        kind: 'complaint',
        locationId: 'loc-zonnebloem',
        themeId: 'communicatie',
        channel: 'phone',
        receivedOn: '2026-03-02',
        parentName: 'Ouder van Test',
        parentEmail: 'ouder@example.nl',
        parentPhone: undefined,
        contactPreference: 'phone',
        description: 'Het ophalen liep mis.',
        parentWish: undefined,
      },
      by: { id: 'aad-anna', name: 'Anna de Vries' },
      at: new Date('2026-03-02T09:00:00Z'),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
}

async function counted(action: () => Promise<unknown>): Promise<SeenRequest[]> {
  cosmos.resetRequests();
  await action();
  return [...cosmos.requests()];
}

/** A card action: read the signal, apply the move, write it back guarded by the etag. */
async function cardAction(id: string, themeId: string): Promise<void> {
  const current = await store.get(id);
  if (!current) throw new Error(`signal ${id} missing`);
  await store.replace({ ...current.value, themeId }, current.etag);
}

beforeAll(async () => {
  cosmos = await startLocalCosmos();
  const options = {
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    databaseId: 'request-count',
    createIfMissing: true,
    // The local server advertises an https endpoint it does not serve; Azure keeps discovery on.
    endpointDiscovery: false,
  };
  const seeder = new CosmosSignalStore(options);
  await seeder.init();
  await seeder.create(sample(1));
  await seeder.create(sample(2));
  await seeder.close();
  store = new CosmosSignalStore(options);
  await store.init();
});

afterAll(async () => {
  await store.close();
  await cosmos.stop();
});

test('a command turn (get by reference) and a card action (get + replace) take at most 2 requests each', async () => {
  // Warm-up on signal 1: first-use metadata reads, if any, happen here and are cached.
  const coldLookup = await counted(() => store.getByReference('KS-2026-0001'));
  const coldAction = await counted(() => cardAction('request-count-1', 'veiligheid'));

  const lookup = await counted(() => store.getByReference('KS-2026-0002'));
  const action = await counted(() => cardAction('request-count-2', 'voeding'));
  console.log(
    `Cosmos requests: command turn ${lookup.length} (cold ${coldLookup.length}), ` +
      `card action ${action.length} (cold ${coldAction.length})`,
  );

  expect(lookup.length).toBeLessThanOrEqual(2);
  expect(action.length).toBeLessThanOrEqual(2);
  // Point operations only: no query, no cross-partition fan-out.
  const calls = (requests: SeenRequest[]) => requests.map(({ method, url }) => `${method} ${url}`);
  expect(calls(lookup)).toEqual([
    'GET /dbs/request-count/colls/lookups/docs/KS-2026-0002',
    'GET /dbs/request-count/colls/signals/docs/request-count-2',
  ]);
  expect(calls(action)).toEqual([
    'GET /dbs/request-count/colls/signals/docs/request-count-2',
    'PUT /dbs/request-count/colls/signals/docs/request-count-2',
  ]);
  expect((await store.get('request-count-2'))?.value.themeId).toBe('voeding');
});
