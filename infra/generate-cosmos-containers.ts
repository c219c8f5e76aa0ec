/**
 * Writes infra/cosmos-containers.json from the containers the code defines (ALL_CONTAINERS in
 * src/adapters/cosmos/containers.ts). infra/modules/cosmos.bicep loads that file, so Azure gets the
 * same partition keys and indexing policies the app would create itself.
 *
 *   npx tsx infra/generate-cosmos-containers.ts          write the file
 *   npx tsx infra/generate-cosmos-containers.ts --check  exit 1 when the file is out of date
 *
 * test/manifest/infra.test.ts fails while the checked-in file differs from renderCosmosContainers().
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CONTAINERS } from '../src/adapters/cosmos/containers';

export const COSMOS_CONTAINERS_FILE = join(__dirname, 'cosmos-containers.json');

const COMMENT =
  'Cosmos DB containers, generated from ALL_CONTAINERS in src/adapters/cosmos/containers.ts by ' +
  '`npx tsx infra/generate-cosmos-containers.ts`, and loaded by infra/modules/cosmos.bicep ' +
  '(loadJsonContent). Do not edit: test/manifest/infra.test.ts fails when the two differ.';

/** The file's exact text: id, partition key and indexing policy of every container, in code order. */
export function renderCosmosContainers(): string {
  const containers = ALL_CONTAINERS.map((container) => ({
    id: container.id,
    partitionKey: container.partitionKey,
    indexingPolicy: container.indexingPolicy,
  }));
  return `${JSON.stringify({ $comment: COMMENT, containers }, null, 2)}\n`;
}

if (require.main === module) {
  const expected = renderCosmosContainers();
  if (process.argv.includes('--check')) {
    const actual = readFileSync(COSMOS_CONTAINERS_FILE, 'utf8');
    if (actual !== expected) {
      process.stderr.write('infra/cosmos-containers.json is out of date: run npx tsx infra/generate-cosmos-containers.ts\n');
      process.exit(1);
    }
  } else {
    writeFileSync(COSMOS_CONTAINERS_FILE, expected);
    process.stdout.write(`wrote ${COSMOS_CONTAINERS_FILE} (${ALL_CONTAINERS.length} containers)\n`);
  }
}
