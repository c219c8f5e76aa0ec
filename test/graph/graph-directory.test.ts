/**
 * Roles from Entra ID groups: GraphGroupDirectory with the real Graph client (auth and retry
 * middleware, bearer token) against the local Graph stand-in, which holds users and nested groups
 * and checks each request against Graph's documented shape (checkMemberGroups body, $select, the
 * OData cast's ConsistencyLevel + $count, paging by @odata.nextLink).
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import {
  loadOrganisation,
  organisationSchema,
  OrganisationFileError,
  readOrganisationFile,
  type GroupMapping,
} from '../../src/adapters/config/organisation-file';
import { createDirectory } from '../../src/adapters/directory';
import { createGraphDirectory, type GraphGroupDirectory } from '../../src/adapters/graph';
import { TemporarilyUnavailableError } from '../../src/app/outbound-ports';
import { peopleFor } from '../../src/app/move-forms';
import type { Organisation } from '../../src/domain/organisation';
import { startApp } from '../../src/server';
import { commandServices, referencesIn, seed } from '../commands/fixtures';
import { GraphTestServer } from '../support/graph-server';
import { SAMPLE_ORGANISATION } from '../support/services';
import { BotDriver, cardOf, cardText } from '../support/test-adapter';

const TOKEN = 'test-token-for-directory';
const TTL_MS = 10 * 60_000;
const guid = (n: number): string => `0000aaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;

const GROUP = {
  employees: guid(1),
  locationManagers: guid(2),
  managers: guid(3),
  quality: guid(4),
  /** Not mapped: nested inside the quality group. */
  qualityTeam: guid(5),
  zonnebloem: guid(6),
  vlinder: guid(7),
};
const USER = {
  alex: { id: '11111111-0000-4000-8000-000000000001', displayName: 'Alex Wilber', mail: 'alex@regenboog.example' },
  lynne: { id: '11111111-0000-4000-8000-000000000002', displayName: 'Lynne Robbins', mail: 'lynne@regenboog.example' },
  megan: { id: '11111111-0000-4000-8000-000000000003', displayName: 'Megan Bowen', mail: 'megan@regenboog.example' },
  mona: { id: '11111111-0000-4000-8000-000000000004', displayName: 'Mona Manager', mail: 'mona@regenboog.example' },
  isaiah: {
    id: '11111111-0000-4000-8000-000000000005',
    displayName: 'Isaiah Langer',
    mail: 'isaiah@regenboog.example',
  },
  /** In a location group only: no role, so not a Klantsignaal person. */
  olivia: {
    id: '11111111-0000-4000-8000-000000000006',
    displayName: 'Olivia Outside',
    mail: 'olivia@regenboog.example',
  },
};
const NOT_IN_TENANT = '11111111-0000-4000-8000-0000000000ff';

const MAPPING: GroupMapping = {
  roles: [
    { groupId: GROUP.employees, role: 'employee' },
    { groupId: GROUP.locationManagers, role: 'locationManager' },
    { groupId: GROUP.managers, role: 'manager' },
    { groupId: GROUP.quality, role: 'quality' },
  ],
  locations: [
    { groupId: GROUP.zonnebloem, locationIds: ['zonnebloem'] },
    { groupId: GROUP.vlinder, locationIds: ['vlinder'] },
  ],
};

class StaticCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

let server: GraphTestServer;
let now: number;
let warnings: { details: object; message: string }[];
const reference: Organisation = { ...loadOrganisation(SAMPLE_ORGANISATION), people: [] };

function directory(mapping: GroupMapping = MAPPING): GraphGroupDirectory {
  return createGraphDirectory(
    {
      credential: new StaticCredential(),
      retry: { delaySeconds: 0.01, maxRetries: 0 },
      timeoutMs: 5_000,
      rewriteOrigin: server.origin,
    },
    reference,
    mapping,
    {
      cacheTtlMs: TTL_MS,
      logger: { warn: (details, message) => warnings.push({ details, message }) },
      now: () => now,
    },
  );
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const checks = () => server.requestsTo('/checkMemberGroups');
const userReads = () => server.requests.filter((r) => r.method === 'GET' && /^\/v1\.0\/users\/[^/]+$/.test(r.path));
const memberLists = (groupId?: string) =>
  server.requestsTo(groupId ? `/groups/${groupId}/transitiveMembers` : '/transitiveMembers');

beforeAll(async () => {
  server = await GraphTestServer.start({ token: TOKEN });
});

afterAll(async () => {
  await server.stop();
});

beforeEach(() => {
  server.reset();
  server.memberPageSize = 999;
  server.users.clear();
  server.groups.clear();
  for (const user of Object.values(USER)) {
    server.users.set(user.id, { ...user, userPrincipalName: user.mail });
  }
  server.groups.set(GROUP.employees, [USER.alex.id, USER.lynne.id, USER.megan.id]);
  server.groups.set(GROUP.locationManagers, [USER.megan.id]);
  server.groups.set(GROUP.managers, [USER.mona.id]);
  server.groups.set(GROUP.quality, [GROUP.qualityTeam]);
  server.groups.set(GROUP.qualityTeam, [USER.isaiah.id]);
  server.groups.set(GROUP.zonnebloem, [USER.alex.id, USER.megan.id, USER.olivia.id]);
  server.groups.set(GROUP.vlinder, [USER.lynne.id, USER.mona.id]);
  now = Date.parse('2026-11-25T09:00:00Z');
  warnings = [];
});

afterEach(() => {
  // Every request had Graph's documented shape and the bearer token.
  expect(server.violations).toEqual([]);
});

describe('GraphGroupDirectory: findPerson', () => {
  it('gives roles from role groups and locations from location groups', async () => {
    const megan = await directory().findPerson(USER.megan.id);
    expect(megan).toEqual({
      id: USER.megan.id,
      name: 'Megan Bowen',
      email: 'megan@regenboog.example',
      roles: ['employee', 'locationManager'],
      locationIds: ['zonnebloem'],
    });

    const [check] = checks();
    expect(check?.method).toBe('POST');
    expect(check?.path).toBe(`/v1.0/users/${USER.megan.id}/checkMemberGroups`);
    expect(check?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(check?.body).toEqual({
      groupIds: [
        GROUP.employees,
        GROUP.locationManagers,
        GROUP.managers,
        GROUP.quality,
        GROUP.zonnebloem,
        GROUP.vlinder,
      ],
    });
    const [read] = userReads();
    expect(read?.path).toBe(`/v1.0/users/${USER.megan.id}`);
    expect(read?.query.get('$select')).toBe('id,displayName,mail');
  });

  it('marks the people the organisation file names on the meldplicht route, and nobody else', async () => {
    const settings = reference.reportingDuty!;
    const withRoute: Organisation = {
      ...reference,
      reportingDuty: { ...settings, route: [{ id: USER.mona.id, name: 'Mona', function: 'aandachtsfunctionaris' }] },
    };
    const graph = createGraphDirectory(
      {
        credential: new StaticCredential(),
        retry: { delaySeconds: 0.01, maxRetries: 0 },
        timeoutMs: 5_000,
        rewriteOrigin: server.origin,
      },
      withRoute,
      MAPPING,
      { cacheTtlMs: TTL_MS, logger: { warn: () => undefined }, now: () => now },
    );
    expect(await graph.findPerson(USER.mona.id)).toMatchObject({ roles: ['manager'], reportingRoute: true });
    expect(await graph.findPerson(USER.megan.id)).not.toHaveProperty('reportingRoute');
    const managers = await graph.peopleWithRole('manager');
    expect(managers.map((person) => [person.id, person.reportingRoute])).toEqual([[USER.mona.id, true]]);
  });

  it('counts nested membership (a group inside the quality group)', async () => {
    expect(await directory().findPerson(USER.isaiah.id)).toMatchObject({ roles: ['quality'], locationIds: [] });
  });

  it('does not know a user in no role group, nor an id the tenant does not have', async () => {
    const graph = directory();
    expect(await graph.findPerson(USER.olivia.id)).toBeUndefined();
    // No profile read for someone who is not a Klantsignaal person.
    expect(userReads()).toEqual([]);
    expect(await graph.findPerson(NOT_IN_TENANT)).toBeUndefined();
    expect(checks().map((r) => r.status)).toEqual([200, 404]);
    // The answer is cached like any other: a stranger's every message does not reach Graph.
    expect(await graph.findPerson(USER.olivia.id)).toBeUndefined();
    expect(await graph.findPerson(NOT_IN_TENANT)).toBeUndefined();
    expect(checks()).toHaveLength(2);
  });

  it('checks more than 20 mapped groups in chunks of at most 20', async () => {
    const many = Array.from({ length: 25 }, (_, i) => guid(100 + i));
    many.forEach((groupId) => server.groups.set(groupId, []));
    server.groups.set(many[24] as string, [USER.isaiah.id]);
    const person = await directory({
      roles: many.map((groupId) => ({ groupId, role: 'mt' as const })),
      locations: [],
    }).findPerson(USER.isaiah.id);

    expect(person?.roles).toEqual(['mt']);
    expect(checks().map((r) => (r.body as { groupIds: string[] }).groupIds)).toEqual([
      many.slice(0, 20),
      many.slice(20),
    ]);
  });
});

describe('GraphGroupDirectory: group members', () => {
  it('lists people with a role, at a location, from the transitive members of the mapped groups', async () => {
    const graph = directory();
    const names = async (...args: Parameters<GraphGroupDirectory['peopleWithRole']>) =>
      (await graph.peopleWithRole(...args)).map((person) => person.name);

    expect(await names('employee')).toEqual(['Alex Wilber', 'Lynne Robbins', 'Megan Bowen']);
    expect(await names('employee', 'vlinder')).toEqual(['Lynne Robbins']);
    expect(await names('locationManager', 'zonnebloem')).toEqual(['Megan Bowen']);
    expect(await names('locationManager', 'vlinder')).toEqual([]);
    expect(await names('quality')).toEqual(['Isaiah Langer']);
    expect(await graph.peopleWithRole('manager')).toEqual([
      {
        id: USER.mona.id,
        name: 'Mona Manager',
        email: 'mona@regenboog.example',
        roles: ['manager'],
        locationIds: ['vlinder'],
      },
    ]);

    // One list per mapped group, loaded once for all these questions.
    expect(memberLists()).toHaveLength(6);
    const [list] = memberLists(GROUP.employees);
    expect(list?.path).toBe(`/v1.0/groups/${GROUP.employees}/transitiveMembers/microsoft.graph.user`);
    expect(list?.headers.consistencylevel).toBe('eventual');
    expect(Object.fromEntries(list?.query ?? [])).toEqual({
      $select: 'id,displayName,mail',
      $top: '999',
      $count: 'true',
    });
  });

  it('follows @odata.nextLink until the last page', async () => {
    server.memberPageSize = 2;
    expect((await directory().peopleWithRole('employee')).map((p) => p.id).sort()).toEqual(
      [USER.alex.id, USER.lynne.id, USER.megan.id].sort(),
    );
    const pages = memberLists(GROUP.employees);
    expect(pages).toHaveLength(2);
    expect(pages[0]?.query.get('$skiptoken')).toBeNull();
    expect(pages[1]?.query.get('$skiptoken')).toMatch(/^page-/);
    // The next link repeats the query; the cast still needs the header on every page.
    expect(pages[1]?.query.get('$select')).toBe('id,displayName,mail');
    expect(pages.map((page) => page.headers.consistencylevel)).toEqual(['eventual', 'eventual']);
  });

  it('fills organisation().people for the forms, keeping locations and themes from the file', async () => {
    const graph = directory();
    // Synchronous: nothing loaded yet, so it starts loading in the background.
    expect(graph.organisation().people).toEqual([]);
    await graph.refresh();
    const organisation = graph.organisation();
    expect(organisation.locations).toEqual(reference.locations);
    expect(organisation.themes).toEqual(reference.themes);
    expect(organisation.people.map((person) => person.name)).toEqual([
      'Alex Wilber',
      'Isaiah Langer',
      'Lynne Robbins',
      'Megan Bowen',
      'Mona Manager',
    ]);
    // The background load and refresh() shared one request per group.
    expect(memberLists()).toHaveLength(6);
    expect(graph.organisation()).toBe(organisation);

    // What the escalation form offers (src/app/move-forms.ts).
    const signal = { locationId: 'zonnebloem' } as Parameters<typeof peopleFor>[1];
    const offered = (people: 'locationManager' | 'manager' | 'quality', atLocation: boolean) =>
      peopleFor({ people: [people], atLocation }, signal, organisation).map((person) => person.name);
    expect(offered('locationManager', true)).toEqual(['Megan Bowen']);
    expect(offered('manager', false)).toEqual(['Mona Manager']);
    expect(offered('quality', false)).toEqual(['Isaiah Langer']);
  });

  it('after a failed background load, organisation() waits a minute before asking Graph again', async () => {
    const graph = directory();
    server.failNext(1, 503);
    expect(graph.organisation().people).toEqual([]);
    await until(() => warnings.length === 1 && memberLists().length === 6);
    expect(warnings[0]?.message).toBe('could not load the members of the mapped groups');

    expect(graph.organisation().people).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(memberLists()).toHaveLength(6);

    now += 60_001;
    graph.organisation();
    await until(() => graph.organisation().people.length === 5);
    expect(memberLists()).toHaveLength(12);
  });

  it('treats a deleted mapped group as empty and says which group', async () => {
    server.groups.delete(GROUP.managers);
    expect(await directory().peopleWithRole('manager')).toEqual([]);
    expect(warnings).toEqual([{ details: { groupId: GROUP.managers }, message: 'mapped Entra ID group not found' }]);
  });
});

describe('GraphGroupDirectory: cache', () => {
  it('reuses answers within the TTL and asks Graph again after it', async () => {
    const graph = directory();
    await graph.findPerson(USER.alex.id);
    await graph.peopleWithRole('employee');
    now += TTL_MS - 1;
    await graph.findPerson(USER.alex.id);
    await graph.peopleWithRole('quality');
    expect([checks().length, userReads().length, memberLists().length]).toEqual([1, 1, 6]);

    // Alex leaves the employee group: visible once the entries expire.
    server.groups.set(GROUP.employees, [USER.lynne.id, USER.megan.id]);
    now += 2;
    expect(await graph.findPerson(USER.alex.id)).toBeUndefined();
    expect((await graph.peopleWithRole('employee')).map((p) => p.name)).toEqual(['Lynne Robbins', 'Megan Bowen']);
    expect([checks().length, userReads().length, memberLists().length]).toEqual([2, 1, 12]);
  });

  it('shares one request between concurrent identical lookups', async () => {
    const graph = directory();
    const people = await Promise.all(Array.from({ length: 5 }, () => graph.findPerson(USER.megan.id)));
    expect(new Set(people.map((p) => p?.name))).toEqual(new Set(['Megan Bowen']));
    expect([checks().length, userReads().length]).toEqual([1, 1]);

    await Promise.all([graph.peopleWithRole('employee'), graph.peopleWithRole('quality'), graph.refresh()]);
    expect(memberLists()).toHaveLength(6);
  });

  it('uses the stale answer when Graph fails, warns with ids only, and retries later', async () => {
    const graph = directory();
    const megan = await graph.findPerson(USER.megan.id);
    await graph.peopleWithRole('employee');
    now += TTL_MS + 1;

    server.failNext(1, 503);
    expect(await graph.findPerson(USER.megan.id)).toEqual(megan);
    server.failNext(1, 503);
    expect(await graph.peopleWithRole('locationManager')).toEqual([megan]);
    expect(warnings.map((w) => w.message)).toEqual([
      'directory lookup failed, using the cached answer',
      'directory lookup failed, using the cached answer',
    ]);
    expect(warnings.map((w) => (w.details as { directoryEntry: string }).directoryEntry)).toEqual([
      USER.megan.id,
      'roster',
    ]);
    expect((warnings[0]?.details as { err: unknown }).err).toBeInstanceOf(TemporarilyUnavailableError);
    const logged = JSON.stringify(
      warnings.map((w) => ({ ...w.details, err: String((w.details as { err: unknown }).err) })),
    );
    for (const user of Object.values(USER)) {
      expect(logged).not.toContain(user.displayName);
      expect(logged).not.toContain(user.mail);
    }

    // Not on every turn while Graph is down: the stale answer holds for a minute, then Graph is asked again.
    const asked = server.requests.length;
    await graph.findPerson(USER.megan.id);
    expect(server.requests.length).toBe(asked);
    now += 60_001;
    await graph.findPerson(USER.megan.id);
    expect(server.requests.length).toBe(asked + 2);
  });

  it('fails when Graph fails and nothing is cached', async () => {
    server.failNext(1, 503);
    await expect(directory().findPerson(USER.megan.id)).rejects.toBeInstanceOf(TemporarilyUnavailableError);
  });
});

describe('organisation file: groups', () => {
  const base = {
    name: 'Kinderopvang De Regenboog',
    locations: reference.locations,
    themes: reference.themes,
  };
  const problems = (file: unknown): string[] => {
    const parsed = organisationSchema.safeParse(file);
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };
  const writeFile = (content: unknown): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'klantsignaal-groups-')), 'organisation.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('reads the mapping, with no people', () => {
    const file = readOrganisationFile(writeFile({ ...base, groups: { roles: MAPPING.roles } }));
    expect(file.groups).toEqual({ roles: MAPPING.roles, locations: [] });
    expect(file.organisation.people).toEqual([]);
    expect(file.organisation.locations).toEqual(reference.locations);
    // The embedded default keeps its people and has no mapping.
    expect(readOrganisationFile(SAMPLE_ORGANISATION).groups).toBeUndefined();
  });

  it('names every problem of the mapping', () => {
    expect(
      problems({
        ...base,
        people: [{ id: 'p1', name: 'Piet', roles: ['employee'], locationIds: [] }],
        groups: {
          roles: [
            { groupId: 'medewerkers', role: 'employee' },
            { groupId: GROUP.quality, role: 'boss' },
            { groupId: GROUP.employees, role: 'employee' },
            { groupId: GROUP.employees.toUpperCase(), role: 'employee' },
          ],
          locations: [
            { groupId: GROUP.zonnebloem, locationIds: ['zonnebloem', 'maan'] },
            { groupId: GROUP.zonnebloem, locationIds: ['vlinder'] },
            { groupId: GROUP.vlinder, locationIds: [] },
          ],
        },
      }),
    ).toEqual([
      'groups.roles.0.groupId: must be an Entra ID group object id (a GUID)',
      expect.stringMatching(/^groups\.roles\.1\.role: /),
      'groups.locations.2.locationIds: Too small: expected array to have >=1 items',
    ]);
    // Once the shapes are right, the cross-checks.
    expect(
      problems({
        ...base,
        people: [{ id: 'p1', name: 'Piet', roles: ['employee'], locationIds: [] }],
        groups: {
          roles: [
            { groupId: GROUP.employees, role: 'employee' },
            { groupId: GROUP.employees.toUpperCase(), role: 'employee' },
            { groupId: GROUP.employees, role: 'locationManager' },
          ],
          locations: [
            { groupId: GROUP.zonnebloem, locationIds: ['zonnebloem', 'maan'] },
            { groupId: GROUP.zonnebloem, locationIds: ['vlinder'] },
          ],
        },
      }),
    ).toEqual([
      'people: leave out when "groups" is set (people come from Entra ID)',
      'groups.roles.1: this group and role are listed twice',
      'groups.locations.0.locationIds: unknown location "maan"',
      'groups.locations.1.groupId: group listed twice: put all its locations in one entry',
    ]);
    expect(problems({ ...base, groups: { roles: [], locations: [] } })).toEqual([
      'groups.roles: Too small: expected array to have >=1 items',
    ]);
    expect(problems(base)).toEqual(['people: required unless "groups" is set']);
    // The meldplicht route must name people the file knows, with a function and the inspector's phone.
    expect(
      problems({
        ...base,
        people: [{ id: 'p1', name: 'Piet', roles: ['mt'], locationIds: [] }],
        reportingDuty: {
          route: [
            { id: 'p1', name: 'Piet', function: 'houder' },
            { id: 'p2', name: 'Els', function: 'vertrouwenspersoon' },
            { id: 'p3', name: 'Joop', function: 'directeur' },
          ],
          inspector: { name: 'Vertrouwensinspecteur', phone: '' },
        },
      }),
    ).toEqual([
      expect.stringMatching(/^reportingDuty\.route\.1\.function: /),
      expect.stringMatching(/^reportingDuty\.inspector\.phone: /),
    ]);
    expect(
      problems({
        ...base,
        people: [{ id: 'p1', name: 'Piet', roles: ['mt'], locationIds: [] }],
        reportingDuty: {
          route: [{ id: 'p3', name: 'Joop', function: 'directeur' }],
          inspector: { name: 'X', phone: '0900-111 3 111' },
        },
      }),
    ).toEqual(['reportingDuty.route.0.id: not one of "people"']);
    // The embedded default marks its route people; its GGD setting defaults to off.
    const sample = readOrganisationFile(SAMPLE_ORGANISATION).organisation;
    expect(sample.people.filter((person) => person.reportingRoute).map((person) => person.name)).toEqual([
      'Adele Vance',
      'Patti Fernandez',
    ]);
    expect(sample.reportingDuty?.ggdReport).toBe(false);
  });

  it('stops the start when groups are mapped but Graph is not configured', async () => {
    const organisationFile = writeFile({ ...base, groups: MAPPING });
    const logger = pino({ level: 'silent' });
    expect(() => createDirectory({ organisationFile, env: {}, cacheMinutes: 10, logger })).toThrow(
      /maps Entra ID groups \("groups"\), which are read through Microsoft Graph: set GRAPH_TENANT_ID/,
    );
    await expect(
      startApp({
        settings: { ORGANISATION_FILE: organisationFile, DATA_DIR: join(tmpdir(), 'unused'), PORT: '0' },
        env: {},
        logger,
      }),
    ).rejects.toBeInstanceOf(OrganisationFileError);
    // Without groups: the file's own people, no Graph needed.
    const embedded = createDirectory({ organisationFile: SAMPLE_ORGANISATION, env: {}, cacheMinutes: 10, logger });
    expect(await embedded.directory.findPerson('00000000-0000-0000-0000-0000000000023')).toMatchObject({
      roles: expect.arrayContaining(['quality']),
    });
  });
});

describe('the bot with roles from Entra ID groups', () => {
  it('allows and denies as the access rules say', async () => {
    const services = { ...(await commandServices()), directory: directory() };
    const ALEX = { id: USER.alex.id, name: USER.alex.displayName };
    const LYNNE = { id: USER.lynne.id, name: USER.lynne.displayName };
    const MEGAN = { id: USER.megan.id, name: USER.megan.displayName };
    const ISAIAH = { id: USER.isaiah.id, name: USER.isaiah.displayName };
    const OLIVIA = { id: USER.olivia.id, name: USER.olivia.displayName };
    await seed(services, [
      { sequence: 1, locationId: 'zonnebloem', receivedOn: '2026-09-01', by: ALEX },
      { sequence: 2, kind: 'question', locationId: 'vlinder', receivedOn: '2026-11-20', by: LYNNE },
    ]);
    const driver = new BotDriver(services);
    const say = async (person: { id: string; name: string }, text: string) =>
      (await driver.say(person, text))
        .map((reply) => (reply.attachments?.length ? cardText(cardOf(reply)) : reply.text))
        .join('\n');

    // Quality (through the nested group) sees everything, including what is overdue.
    expect(referencesIn(await say(ISAIAH, 'te laat'))).toEqual(['KS-2026-0001']);
    expect(referencesIn(await say(ISAIAH, 'open'))).toEqual(['KS-2026-0001', 'KS-2026-0002']);
    // The location manager of De Zonnebloem sees that location's signals.
    expect(referencesIn(await say(MEGAN, 'open'))).toEqual(['KS-2026-0001']);
    // An employee sees their own signal, not a colleague's at another location.
    expect(referencesIn(await say(LYNNE, 'open'))).toEqual(['KS-2026-0002']);
    expect(await say(LYNNE, 'status KS-2026-0001')).toContain('Ik kan geen signaal KS-2026-0001');
    const own = await say(ALEX, 'status KS-2026-0001');
    expect(own).not.toContain('Ik kan geen signaal');
    expect(own).toContain('Sanne de Vries');
    // Only quality exports.
    expect(await say(ALEX, 'export 2026')).toContain('hoort niet bij jouw rol');
    // Someone in a location group but no role group is not known to Klantsignaal.
    expect(await say(OLIVIA, 'open')).toContain('Je bent nog niet bekend bij Klantsignaal');
  });
});
