import { CosmosClient, type ContainerRequest, type Database } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';

/** How every Cosmos adapter connects: one set of options, shared by the signal store and its siblings. */
export interface CosmosConnectionOptions {
  endpoint: string;
  /** Account key; leave out to sign in with `credential` (Entra ID) instead. */
  key?: string;
  credential?: TokenCredential;
  databaseId: string;
  /** Create the database and containers on init; off for locked-down accounts (then init only checks). */
  createIfMissing: boolean;
  /** Off for a single endpoint such as the local test server. */
  endpointDiscovery?: boolean;
}

/** A store's use of the process's one client; `release` on close (the last one disposes the client). */
export interface CosmosConnection {
  client: CosmosClient;
  database: Database;
  release(): void;
}

interface SharedClient {
  client: CosmosClient;
  users: number;
}

/**
 * One CosmosClient per account and way of signing in, shared by every store of the process: the
 * client holds the connections, the partition map and the token, so a client per store multiplies
 * them (the SDK's guidance is one client for the life of the process).
 */
const sharedClients = new Map<string, SharedClient>();

export function connectCosmos(options: CosmosConnectionOptions): CosmosConnection {
  if (!options.key && !options.credential) throw new Error('Cosmos DB needs a key or a credential');
  const id = JSON.stringify([options.endpoint, options.key ?? 'entra-id', options.endpointDiscovery ?? true]);
  let shared = sharedClients.get(id);
  if (!shared) {
    const client = new CosmosClient({
      endpoint: options.endpoint,
      ...(options.key ? { key: options.key } : { aadCredentials: options.credential }),
      connectionPolicy: { enableEndpointDiscovery: options.endpointDiscovery ?? true },
    });
    shared = { client, users: 0 };
    sharedClients.set(id, shared);
  }
  const entry = shared;
  entry.users += 1;
  let released = false;
  return {
    client: entry.client,
    database: entry.client.database(options.databaseId),
    release() {
      if (released) return;
      released = true;
      entry.users -= 1;
      if (entry.users > 0) return;
      sharedClients.delete(id);
      entry.client.dispose();
    },
  };
}

/** How many CosmosClients this process holds open (one per account in use). */
export function openCosmosClients(): number {
  return sharedClients.size;
}

/**
 * Creates the database and containers when allowed, else checks they exist with a clear message.
 * An existing container keeps its indexing policy: changing it on a live account is a deployment step.
 */
export async function ensureContainers(
  connection: { client: CosmosClient; database: Database },
  options: CosmosConnectionOptions,
  definitions: readonly ContainerRequest[],
): Promise<void> {
  if (options.createIfMissing) {
    await connection.client.databases.createIfNotExists({ id: options.databaseId });
    for (const definition of definitions) await connection.database.containers.createIfNotExists(definition);
    return;
  }
  for (const definition of definitions) {
    const id = definition.id ?? '';
    await connection.database
      .container(id)
      .read()
      .catch((error: unknown) => {
        throw statusOf(error) === 404
          ? new Error(`Cosmos DB container ${options.databaseId}/${id} does not exist (createIfMissing is off)`)
          : error;
      });
  }
}

/** The HTTP status of a Cosmos SDK error (404, 409, 412 …), if it has one. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}
