/**
 * Issue 20 (3, 6): the tab's API over real HTTP with authentication on. Teams SSO tokens are checked
 * against a local Entra ID stand-in (its OpenID configuration and keys on 127.0.0.1): one genuine
 * token per role is accepted and answers the bot's own figures; every request without a valid token
 * gets 401 with a Dutch sentence and nothing else; no answer holds parent data (checked on the raw
 * bytes); the demo person header means nothing when authentication is on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { overview, runList } from '../../src/app/queries';
import { amsterdamDate } from '../../src/domain/deadlines';
import type { Person } from '../../src/domain/organisation';
import { nlTab } from '../../src/i18n/nl-tab';
import { startApp, type RunningApp } from '../../src/server';
import { DEMO_PERSON_HEADER } from '../../bot/tab/routes';
import { EntraIssuer } from '../support/entra-issuer';
import { PEOPLE, SAMPLE_ORGANISATION } from '../support/services';
import { DESCRIPTION_SECRET, PARENT_EMAIL, PARENT_SECRET, tabSignals } from '../support/tab-data';
import { signJwt } from '../support/token-issuer';

const APP_ID = '6f1c1b2a-1111-4c1e-9d7e-000000000b07';
const TENANT_ID = '11111111-2222-3333-4444-555555555555';
const OTHER_TENANT = '99999999-2222-3333-4444-555555555555';
const RESOURCE = `api://klantsignaal.example.nl/${APP_ID}`;
const SECRETS = [PARENT_SECRET, PARENT_EMAIL, DESCRIPTION_SECRET, '0612345678'];

describe('the tab API with Teams SSO against a local Entra ID issuer', () => {
  const issuer = new EntraIssuer();
  let app: RunningApp;
  let dataDir: string;
  const year = new Date().getFullYear();

  beforeAll(async () => {
    await issuer.start();
    dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-tab-api-'));
    app = await startApp({
      env: { REMINDERS_ENABLED: 'false' },
      settings: {
        PORT: '0',
        DATA_DIR: dataDir,
        ORGANISATION_FILE: SAMPLE_ORGANISATION,
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'not-used-offline',
        MICROSOFT_APP_TENANT_ID: TENANT_ID,
        MICROSOFT_APP_TYPE: 'SingleTenant',
        TAB_SSO_RESOURCE: RESOURCE,
        TAB_OPENID_METADATA_URL: issuer.metadataUrl,
      },
      logger: pino({ level: 'silent' }),
    });
    for (const signal of tabSignals({ count: 300, year, today: amsterdamDate(new Date()) })) {
      await app.services.store.create(signal);
    }
  });

  afterAll(async () => {
    await app?.stop();
    await issuer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}${path}`, { headers });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const genuine = (objectId: string) => issuer.token(issuer.claims(RESOURCE, TENANT_ID, objectId));

  it('says the page signs in with Teams, and offers no demo people', async () => {
    const { status, body } = await get('/tab/api/session');
    expect(status).toBe(200);
    expect(body).toEqual({ mode: 'sso' });
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refused: [string, () => Record<string, string>][] = [
    ['no token', () => ({})],
    ['not a bearer token', () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` })],
    ['a malformed token', () => bearer('abc.def.ghi')],
    ['the demo header instead of a token', () => ({ [DEMO_PERSON_HEADER]: PEOPLE.quality.id })],
    [
      'another audience',
      () => bearer(issuer.token({ ...issuer.claims(RESOURCE, TENANT_ID, PEOPLE.quality.id), aud: 'api://other' })),
    ],
    ['another tenant', () => bearer(issuer.token(issuer.claims(RESOURCE, OTHER_TENANT, PEOPLE.quality.id)))],
    [
      'another issuer for the right tenant',
      () =>
        bearer(
          issuer.token({
            ...issuer.claims(RESOURCE, TENANT_ID, PEOPLE.quality.id),
            iss: 'https://evil.example/issuer',
          }),
        ),
    ],
    [
      'an expired token',
      () => bearer(issuer.token(issuer.claims(RESOURCE, TENANT_ID, PEOPLE.quality.id, now() - 7200))),
    ],
    [
      'a token signed with an unpublished key',
      () => bearer(issuer.token(issuer.claims(RESOURCE, TENANT_ID, PEOPLE.quality.id), {}, issuer.attackerKey)),
    ],
    [
      'alg none',
      () => bearer(signJwt({ alg: 'none', typ: 'JWT' }, issuer.claims(RESOURCE, TENANT_ID, PEOPLE.quality.id), {})),
    ],
    [
      'HS256 with the public key as secret',
      () =>
        bearer(
          signJwt(
            { alg: 'HS256', typ: 'JWT', kid: issuer.key.kid },
            issuer.claims(RESOURCE, TENANT_ID, PEOPLE.quality.id),
            {
              hmacSecret: issuer.key.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
            },
          ),
        ),
    ],
  ];

  it.each(refused)('%s: 401 with a Dutch sentence and no internals', async (_name, headers) => {
    const { status, body } = await get(`/tab/api/overview?year=${year}`, headers());
    expect(status).toBe(401);
    expect(body).toEqual({ error: nlTab.errors.unauthorized });
  });

  it('a valid token of someone Klantsignaal does not know: 403, nothing else', async () => {
    const { status, body } = await get('/tab/api/overview', bearer(genuine('12345678-1234-1234-1234-123456789012')));
    expect(status).toBe(403);
    expect(body).toEqual({ error: nlTab.errors.unknownPerson });
  });

  it('a wrong filter: 400 that names it in Dutch', async () => {
    const { status, body } = await get('/tab/api/overview?kind=klacht', bearer(genuine(PEOPLE.quality.id)));
    expect(status).toBe(400);
    expect(body.error).toBe(nlTab.errors.badFilter(nlTab.filters.kind));
  });

  const roles = Object.keys(PEOPLE) as (keyof typeof PEOPLE)[];
  it.each(roles)('%s: a genuine token answers overzicht for that person, without parent data', async (role) => {
    const { status, text, body } = await get(`/tab/api/overview?year=${year}`, bearer(genuine(PEOPLE[role].id)));
    expect(status).toBe(200);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const person = (await app.services.directory.findPerson(PEOPLE[role].id)) as Person;
    const deps = { store: app.services.store, directory: app.services.directory, clock: app.services.clock };
    expect(body.year).toEqual(JSON.parse(JSON.stringify(await overview(deps, person, { year }))));
    let overdue = 0;
    let continuation: string | undefined;
    do {
      const page = await runList(deps, person, { kind: 'overdue', before: new Date().toISOString() }, continuation);
      overdue += page.items.length;
      continuation = page.continuation;
    } while (continuation);
    expect((body.deadlines as { overdue: { total: number } }).overdue.total).toBe(overdue);
    const rows = (body.deadlines as { overdue: { rows?: { link: string; reference: string }[] } }).overdue.rows;
    if (person.roles.every((r) => r === 'mt' || r === 'admin')) expect(rows).toBeUndefined();
    else {
      expect(rows?.length).toBe(Math.min(overdue, 200));
      for (const row of rows ?? []) {
        const link = new URL(row.link);
        expect(`${link.origin}${link.pathname}`).toBe('https://teams.microsoft.com/l/chat/0/0');
        expect(link.searchParams.get('users')).toBe(`28:${APP_ID}`);
        expect(link.searchParams.get('message')).toBe(`status ${row.reference}`);
      }
    }
  });

  it('serves the built page under /tab/, framed by Teams only', async () => {
    const response = await fetch(`${app.url}/tab/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors');
  });
});
