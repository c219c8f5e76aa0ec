import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosAccessLog } from '../../src/adapters/cosmos/cosmos-access-log';
import { SqliteAccessLog } from '../../src/adapters/sqlite/sqlite-access-log';
import { SqliteSignalStore } from '../../src/adapters/sqlite/sqlite-signal-store';
import { startLocalCosmos, type LocalCosmos } from '../support/cosmos-server';
import { accessLogContract } from './access-log.contract';

let cosmos: LocalCosmos;
let databases = 0;
const dir = mkdtempSync(join(tmpdir(), 'klantsignaal-access-'));
let files = 0;

beforeAll(async () => {
  cosmos = await startLocalCosmos();
});

afterAll(async () => {
  await cosmos.stop();
  rmSync(dir, { recursive: true, force: true });
});

accessLogContract('SQLite', async () => {
  const log = new SqliteAccessLog(join(dir, `log-${(files += 1)}.sqlite`));
  await log.init();
  return log;
});

accessLogContract('Cosmos DB', async () => {
  const log = new CosmosAccessLog({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    databaseId: `access-${(databases += 1)}`,
    createIfMissing: true,
    endpointDiscovery: false,
  });
  await log.init();
  return log;
});

test('SQLite: the access log shares the store file, in its own table', async () => {
  const path = join(dir, 'shared.sqlite');
  const store = new SqliteSignalStore(path);
  await store.init();
  const log = new SqliteAccessLog(path);
  await log.init();
  await log.record({
    personId: 'p',
    signalId: 's',
    reference: 'KS-2026-0001',
    action: 'view',
    at: '2026-01-01T00:00:00.000Z',
  });
  await log.close();
  const reopened = new SqliteAccessLog(path);
  await reopened.init();
  expect(await reopened.list({ signalId: 's' })).toHaveLength(1);
  await store.ping();
  await reopened.close();
  await store.close();
});

test('Cosmos DB: container accessLog, partitioned by signalId; a locked-down init only checks', async () => {
  const options = { endpoint: cosmos.endpoint, key: cosmos.key, databaseId: 'access-locked', endpointDiscovery: false };
  const locked = new CosmosAccessLog({ ...options, createIfMissing: false });
  await expect(locked.init()).rejects.toThrow(/accessLog/);
  const creating = new CosmosAccessLog({ ...options, createIfMissing: true });
  await creating.init();
  cosmos.resetRequests();
  await locked.init();
  expect(cosmos.requests().every((request) => request.method === 'GET')).toBe(true);
  expect(cosmos.requests().some((request) => request.url.includes('/colls/accessLog'))).toBe(true);
  cosmos.resetRequests();
  await creating.list({ signalId: 'signal-1' });
  await locked.close();
  await creating.close();
});
