import { startLocalCosmos, type LocalCosmos } from './cosmos-server';

/**
 * `npm run test:cosmos`: the bot scenario tests again, on a real local Cosmos API server instead of
 * SQLite. Workers start after this and inherit the endpoint through the environment.
 */
declare global {
  var klantsignaalCosmos: LocalCosmos | undefined;
}

export default async function setup(): Promise<void> {
  const cosmos = await startLocalCosmos();
  globalThis.klantsignaalCosmos = cosmos;
  process.env.KLANTSIGNAAL_TEST_COSMOS_ENDPOINT = cosmos.endpoint;
  process.env.KLANTSIGNAAL_TEST_COSMOS_KEY = cosmos.key;
}
