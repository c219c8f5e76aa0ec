/**
 * Every Cosmos-backed store of a process shares one CosmosClient (the SDK's one-client-per-process
 * guidance): five stores, one client; closing one leaves the others working; the last close disposes it.
 */
import { CosmosAccessLog } from '../../src/adapters/cosmos/cosmos-access-log';
import { CosmosAnalysisStore } from '../../src/adapters/cosmos/cosmos-analysis-store';
import { openCosmosClients, type CosmosConnectionOptions } from '../../src/adapters/cosmos/cosmos-connection';
import { CosmosOutboxStore } from '../../src/adapters/cosmos/cosmos-outbox-store';
import { CosmosReminderStore } from '../../src/adapters/cosmos/cosmos-reminder-store';
import { CosmosSignalStore } from '../../src/adapters/cosmos/cosmos-signal-store';
import { startLocalCosmos, type LocalCosmos } from '../support/cosmos-server';

describe('one CosmosClient per process', () => {
  let cosmos: LocalCosmos;

  beforeAll(async () => {
    cosmos = await startLocalCosmos();
  });

  afterAll(async () => {
    await cosmos.stop();
  });

  it('is shared by every store and disposed with the last one', async () => {
    const options: CosmosConnectionOptions = {
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      databaseId: 'one-client',
      createIfMissing: true,
      endpointDiscovery: false,
    };
    expect(openCosmosClients()).toBe(0);
    const signals = new CosmosSignalStore(options);
    const others = [
      new CosmosReminderStore(options),
      new CosmosAccessLog(options),
      new CosmosAnalysisStore(options),
      new CosmosOutboxStore(options),
    ];
    await signals.init();
    for (const store of others) await store.init();
    expect(openCosmosClients()).toBe(1);

    for (const store of others) await store.close();
    // Still one client, and the signal store still answers through it.
    expect(openCosmosClients()).toBe(1);
    await expect(signals.ping()).resolves.toBeUndefined();
    await expect(signals.allocateReference(2026)).resolves.toBe('KS-2026-0001');

    await signals.close();
    expect(openCosmosClients()).toBe(0);
    // A store closed twice does not give the client back twice.
    await signals.close();
    const again = new CosmosSignalStore(options);
    expect(openCosmosClients()).toBe(1);
    await again.close();
    expect(openCosmosClients()).toBe(0);
  });
});
