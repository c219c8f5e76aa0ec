/**
 * People and roles from Entra ID groups through Microsoft Graph (the cloud). Locations, themes and
 * the organisation's name still come from the organisation file; its `groups` section says which
 * group gives which role and which group gives which locations (docs/adr/0006-roles-from-entra-groups.md).
 *
 * - findPerson: POST /users/{id}/checkMemberGroups with the mapped group ids (transitive; at most 20
 *   ids per call, so they go in chunks), then GET /users/{id}?$select=id,displayName,mail. A user in
 *   no role group is not a Klantsignaal person: undefined, as for an id missing from the file.
 * - peopleWithRole and organisation().people: the members of every mapped group, from
 *   GET /groups/{id}/transitiveMembers/microsoft.graph.user?$select=id,displayName,mail&$top=999
 *   following @odata.nextLink. The OData cast needs the advanced query parameters
 *   (ConsistencyLevel: eventual and $count=true).
 * Application permissions: GroupMember.Read.All and User.Read.All (docs/graph-permissions.md).
 *
 * Answers are cached per instance for `cacheTtlMs`: a turn costs no Graph call while its person is
 * cached, and a removed member keeps their roles until the entry expires (the ADR's trade-off).
 */
import { isNamedOnRoute } from '../../domain/reporting-duty';
import type { Directory } from '../../app/ports';
import { PermanentOutboundError } from '../../app/outbound-ports';
import { ROLES, type Organisation, type Person, type Role } from '../../domain/organisation';
import type { GroupMapping } from '../config/organisation-file';
import { callGraph, userSegment, type GraphConnection } from './graph-client';

/** checkMemberGroups accepts at most this many group ids per request. */
const CHECK_MEMBER_GROUPS_MAX = 20;
/** The largest page Graph returns for directory object lists. */
const PAGE_SIZE = 999;
const USER_FIELDS = ['id', 'displayName', 'mail'];
/** After a failed reload, the stale answer is served this long before Graph is asked again. */
const RETRY_AFTER_FAILURE_MS = 60_000;
const ROSTER = 'roster';

export interface GraphDirectoryOptions {
  /** How long a person or the group members are reused before Graph is asked again. */
  cacheTtlMs: number;
  /** Only warnings, with ids: never names or addresses. */
  logger: { warn(details: object, message: string): void };
  /** Milliseconds since the epoch; tests move it to expire the cache. */
  now?: () => number;
}

interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
}

interface GraphPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

interface CacheEntry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Answers by key for a while. Concurrent misses of one key share a single load; a failed reload
 * falls back to the previous answer (when there is one) and reports the failure.
 */
class TtlCache<T> {
  private readonly entries = new Map<string, CacheEntry<T>>();
  private readonly loading = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly onStale: (key: string, error: unknown) => void,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) return Promise.resolve(entry.value);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const loaded = load()
      .then(
        (value) => {
          this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
          return value;
        },
        (error: unknown) => {
          if (!entry) throw error;
          // Not on every call while Graph is down: each retry would cost a turn the full timeout.
          this.entries.set(key, {
            value: entry.value,
            expiresAt: this.now() + Math.min(this.ttlMs, RETRY_AFTER_FAILURE_MS),
          });
          this.onStale(key, error);
          return entry.value;
        },
      )
      .finally(() => this.loading.delete(key));
    this.loading.set(key, loaded);
    return loaded;
  }

  /** Whether get() would answer from the cache without waiting for a load. */
  isFresh(key: string): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.expiresAt > this.now();
  }

  isLoading(key: string): boolean {
    return this.loading.has(key);
  }
}

export class GraphGroupDirectory implements Directory {
  private readonly roleGroups: { groupId: string; role: Role }[];
  private readonly locationGroups: { groupId: string; locationIds: string[] }[];
  /** Every mapped group id once, lower case (Graph answers ids in lower case). */
  private readonly groupIds: string[];
  private readonly people: TtlCache<Person | undefined>;
  private readonly roster: TtlCache<Person[]>;
  private readonly now: () => number;
  private current: Organisation;
  /** When organisation() may next start a background load after one failed without a cached roster. */
  private backgroundRetryAt = 0;

  constructor(
    private readonly connection: GraphConnection,
    private readonly reference: Organisation,
    mapping: GroupMapping,
    private readonly options: GraphDirectoryOptions,
  ) {
    this.roleGroups = mapping.roles.map((entry) => ({ ...entry, groupId: entry.groupId.toLowerCase() }));
    this.locationGroups = mapping.locations.map((entry) => ({ ...entry, groupId: entry.groupId.toLowerCase() }));
    this.groupIds = [...new Set([...this.roleGroups, ...this.locationGroups].map((entry) => entry.groupId))];
    this.now = options.now ?? Date.now;
    const onStale = (key: string, error: unknown): void =>
      options.logger.warn({ err: error, directoryEntry: key }, 'directory lookup failed, using the cached answer');
    this.people = new TtlCache(options.cacheTtlMs, this.now, onStale);
    this.roster = new TtlCache(options.cacheTtlMs, this.now, onStale);
    this.current = { ...reference, people: [] };
  }

  /**
   * The file's reference data with the people of the mapped groups as last loaded. Synchronous for
   * its callers (forms, the analysis card), so an expired roster is reloaded in the background.
   */
  organisation(): Organisation {
    const idle = !this.roster.isFresh(ROSTER) && !this.roster.isLoading(ROSTER);
    if (idle && this.now() >= this.backgroundRetryAt) this.warmUp();
    return this.current;
  }

  /** Starts loading the group members without waiting: at start-up, and when organisation() finds them expired. */
  warmUp(): void {
    this.refresh().catch((error: unknown) => {
      this.backgroundRetryAt = this.now() + RETRY_AFTER_FAILURE_MS;
      this.options.logger.warn({ err: error }, 'could not load the members of the mapped groups');
    });
  }

  /** The people of all mapped groups, loaded unless cached; organisation() then shows them. */
  async refresh(): Promise<Person[]> {
    const people = await this.roster.get(ROSTER, () => this.loadRoster());
    if (people !== this.current.people) this.current = { ...this.reference, people };
    return people;
  }

  findPerson(id: string): Promise<Person | undefined> {
    return this.people.get(id.toLowerCase(), () => this.loadPerson(id));
  }

  async peopleWithRole(role: Role, locationId?: string): Promise<Person[]> {
    return (await this.refresh()).filter(
      (person) => person.roles.includes(role) && (!locationId || person.locationIds.includes(locationId)),
    );
  }

  private async loadPerson(id: string): Promise<Person | undefined> {
    const memberOf = new Set<string>();
    try {
      const chunks: string[][] = [];
      for (let i = 0; i < this.groupIds.length; i += CHECK_MEMBER_GROUPS_MAX) {
        chunks.push(this.groupIds.slice(i, i + CHECK_MEMBER_GROUPS_MAX));
      }
      for (const groupIds of chunks) {
        const answer = await callGraph(
          this.connection,
          'readDirectory',
          (signal) =>
            this.connection.client
              .api(`/users/${userSegment(id)}/checkMemberGroups`)
              .option('signal', signal)
              .post({ groupIds }) as Promise<{ value?: string[] }>,
        );
        for (const groupId of answer.value ?? []) memberOf.add(groupId.toLowerCase());
      }
    } catch (error) {
      // No such user in the tenant: unknown to Klantsignaal, like an id missing from the file.
      if (error instanceof PermanentOutboundError && error.status === 404) return undefined;
      throw error;
    }
    if (!this.roleGroups.some((entry) => memberOf.has(entry.groupId))) return undefined;
    const user = await callGraph(
      this.connection,
      'readDirectory',
      (signal) =>
        this.connection.client
          .api(`/users/${userSegment(id)}`)
          .select(USER_FIELDS)
          .option('signal', signal)
          .get() as Promise<GraphUser>,
    );
    return this.toPerson(user, memberOf);
  }

  private async loadRoster(): Promise<Person[]> {
    const members = await Promise.all(this.groupIds.map((groupId) => this.groupMembers(groupId)));
    const byUser = new Map<string, { user: GraphUser; groups: Set<string> }>();
    this.groupIds.forEach((groupId, index) => {
      for (const user of members[index] ?? []) {
        const known = byUser.get(user.id) ?? { user, groups: new Set<string>() };
        known.groups.add(groupId);
        byUser.set(user.id, known);
      }
    });
    return [...byUser.values()]
      .flatMap(({ user, groups }) => this.toPerson(user, groups) ?? [])
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }

  private async groupMembers(groupId: string): Promise<GraphUser[]> {
    const users: GraphUser[] = [];
    let next: string | undefined = `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user`;
    let first = true;
    try {
      while (next) {
        const url: string = next;
        const page = await callGraph(this.connection, 'readDirectory', (signal) => {
          const request = this.connection.client.api(url).header('ConsistencyLevel', 'eventual');
          // The next link carries the query of the first request (and its skip token) already.
          if (first) request.select(USER_FIELDS).top(PAGE_SIZE).count(true);
          return request.option('signal', signal).get() as Promise<GraphPage<GraphUser>>;
        });
        users.push(...(page.value ?? []));
        next = page['@odata.nextLink'];
        first = false;
      }
    } catch (error) {
      // A mapped group that was deleted: nobody gets its role or locations, and the admin is told.
      if (first && error instanceof PermanentOutboundError && error.status === 404) {
        this.options.logger.warn({ groupId }, 'mapped Entra ID group not found');
        return [];
      }
      throw error;
    }
    return users;
  }

  /** Roles in ROLES order and locations in the file's order; undefined without any role. */
  private toPerson(user: GraphUser, groups: Set<string>): Person | undefined {
    const roles = ROLES.filter((role) =>
      this.roleGroups.some((entry) => entry.role === role && groups.has(entry.groupId)),
    );
    if (roles.length === 0) return undefined;
    const locationIds = this.reference.locations
      .map((location) => location.id)
      .filter((locationId) =>
        this.locationGroups.some((entry) => groups.has(entry.groupId) && entry.locationIds.includes(locationId)),
      );
    return {
      id: user.id,
      name: user.displayName || user.mail || user.id,
      ...(user.mail ? { email: user.mail } : {}),
      roles,
      locationIds,
      ...(isNamedOnRoute(user.id, this.reference.reportingDuty) ? { reportingRoute: true } : {}),
    };
  }
}
