import { CosmosSignalStore } from '../../src/adapters/cosmos/cosmos-signal-store';
import { startLocalCosmos, type LocalCosmos } from '../support/cosmos-server';
import { signalStoreContract } from './signal-store.contract';

// The real Cosmos DB REST API, served locally by @vercel/cosmosdb-server; one fresh database per test.
let cosmos: LocalCosmos;
let databases = 0;

beforeAll(async () => {
  cosmos = await startLocalCosmos();
});

afterAll(async () => {
  await cosmos.stop();
});

signalStoreContract('Cosmos DB', async () => {
  const databaseId = `contract-${(databases += 1)}`;
  return async () => {
    const store = new CosmosSignalStore({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      databaseId,
      createIfMissing: true,
      // The local server advertises an https endpoint it does not serve (STACK.md).
      endpointDiscovery: false,
    });
    await store.init();
    return store;
  };
});

describe('CosmosSignalStore init', () => {
  const options = (databaseId: string, createIfMissing: boolean) => ({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    databaseId,
    createIfMissing,
    endpointDiscovery: false,
  });

  test('without createIfMissing it only checks, and names what is missing', async () => {
    const locked = new CosmosSignalStore(options('locked-down', false));
    try {
      await expect(locked.init()).rejects.toThrow(/locked-down/);
      await expect(locked.ping()).rejects.toThrow();
      // Created by someone else (Bicep), then the same settings start fine.
      await new CosmosSignalStore(options('locked-down', true)).init();
      cosmos.resetRequests();
      await locked.init();
      expect(cosmos.requests().every((request) => request.method === 'GET')).toBe(true);
      await locked.ping();
    } finally {
      await locked.close();
    }
  });

  test('with createIfMissing a second start leaves the existing containers alone', async () => {
    const first = new CosmosSignalStore(options('created-once', true));
    const second = new CosmosSignalStore(options('created-once', true));
    try {
      await first.init();
      await second.init();
      await second.ping();
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('needs a key or a credential', () => {
    expect(() => new CosmosSignalStore({ ...options('x', true), key: undefined })).toThrow(/key or a credential/);
  });
});
