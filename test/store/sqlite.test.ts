import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteSignalStore } from '../../src/adapters/sqlite/sqlite-signal-store';
import { signalStoreContract } from './signal-store.contract';

// A real file (not :memory:) so two store instances can share it, like two bot processes would.
const directory = mkdtempSync(join(tmpdir(), 'klantsignaal-store-'));
let files = 0;

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

signalStoreContract('SQLite', async () => {
  const path = join(directory, `signals-${(files += 1)}.db`);
  return async () => {
    const store = new SqliteSignalStore(path);
    await store.init();
    return store;
  };
});
