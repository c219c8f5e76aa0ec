/**
 * The "Overzicht" tab on the bot's own server, under /tab: the built page (dist/tab, from
 * bot/tab/web) and its JSON API. Every API request names its person: a Teams SSO token (sso.ts), or,
 * only in the embedded demo (bot authentication off), one of the demo people chosen on the page. A
 * request without a valid one gets 401 and a Dutch sentence, nothing more.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as restify from 'restify';
import { z } from 'zod';
import { tabOverview, type TabDeps, type TabOverview } from '../../src/app/overview-tab';
import type { Person } from '../../src/domain/organisation';
import { SIGNAL_KINDS } from '../../src/domain/signal';
import { nl } from '../../src/i18n/nl';
import { nlAnalysis } from '../../src/i18n/nl-analysis';
import { nlTab } from '../../src/i18n/nl-tab';
import type { TabTokenValidator } from './sso';

export const TAB_PATH = '/tab';
/** The header the demo page sends with the chosen demo person's id. */
export const DEMO_PERSON_HEADER = 'x-klantsignaal-demo-person';

export interface TabRouteDeps {
  overview: TabDeps;
  /** Teams SSO; absent in the embedded demo, where `demo` is set instead. */
  sso?: TabTokenValidator;
  demo?: boolean;
  /** The bot's app id, for the deep links into its chat. */
  botAppId?: string;
  logger: { warn(object: object, message: string): void; error(object: object, message: string): void };
  now(): Date;
}

/** The repository (or deployed app) root: where package.json is, above this file or its build. */
function appRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const TAB_WEB_DIR = join(appRoot(), 'dist', 'tab');

/** A Teams deep link to the bot's personal chat with `status <reference>` typed in. */
export function signalChatLink(botAppId: string | undefined, reference: string): string {
  const query = new URLSearchParams({ users: `28:${botAppId ?? ''}`, message: `status ${reference}` });
  return `https://teams.microsoft.com/l/chat/0/0?${query.toString()}`;
}

function labels(deps: TabDeps) {
  const organisation = deps.directory.organisation();
  return {
    locations: Object.fromEntries(organisation.locations.map((location) => [location.id, location.name])),
    themes: Object.fromEntries(organisation.themes.map((theme) => [theme.id, theme.name])),
    kinds: nl.kinds,
    steps: nl.steps,
    channels: nl.channels,
    satisfaction: nl.satisfaction,
    rulings: nl.rulings,
    analysisStatuses: nlAnalysis.statuses,
    measureStatuses: nlAnalysis.measureStatuses,
  };
}

const filterSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  location: z.string().min(1).max(100).optional(),
  kind: z.enum(SIGNAL_KINDS).optional(),
});

const bearer = (header: string | undefined): string | undefined =>
  /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header ?? '')?.[1];

export function mountTab(server: restify.Server, deps: TabRouteDeps): void {
  const directory = deps.overview.directory;

  /** The person of the request; sends the refusal itself when there is none. */
  async function personOf(req: restify.Request, res: restify.Response): Promise<Person | undefined> {
    let id: string | undefined;
    if (deps.demo) {
      const header = req.header(DEMO_PERSON_HEADER);
      id = typeof header === 'string' && header.length <= 100 ? header : undefined;
    } else if (deps.sso) {
      const token = bearer(req.header('authorization'));
      try {
        id = token ? (await deps.sso.verify(token))?.objectId : undefined;
      } catch (error) {
        deps.logger.warn({ err: error }, 'tab sign-in: OpenID configuration not reachable');
        res.send(503, { error: nlTab.errors.unavailable });
        return undefined;
      }
    }
    if (!id) {
      res.send(401, { error: nlTab.errors.unauthorized });
      return undefined;
    }
    const person = await directory.findPerson(id);
    if (!person) {
      // In the demo an unknown id is simply not a demo person; with SSO the token was valid.
      res.send(deps.demo ? 401 : 403, { error: deps.demo ? nlTab.errors.unauthorized : nlTab.errors.unknownPerson });
      return undefined;
    }
    return person;
  }

  server.get(`${TAB_PATH}/api/session`, async (_req, res) => {
    const people = deps.demo
      ? directory.organisation().people.map((person) => ({
          id: person.id,
          name: person.name,
          roles: person.roles.map((role) => nl.roles[role]).join(', '),
        }))
      : undefined;
    res.send(200, { mode: deps.demo ? 'demo' : 'sso', ...(people ? { people } : {}) });
  });

  server.get(`${TAB_PATH}/api/overview`, async (req, res) => {
    const person = await personOf(req, res);
    if (!person) return;
    const parsed = filterSchema.safeParse(Object.fromEntries(new URL(req.url ?? '', 'http://tab').searchParams));
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0];
      res.send(400, {
        error: nlTab.errors.badFilter(nlTab.filters[field === 'location' || field === 'kind' ? field : 'year']),
      });
      return;
    }
    const thisYear = Number(deps.now().toISOString().slice(0, 4));
    const { year = thisYear, location, kind } = parsed.data;
    const locations = directory.organisation().locations;
    if (location && !locations.some((known) => known.id === location)) {
      res.send(400, { error: nlTab.errors.badFilter(nlTab.filters.location) });
      return;
    }
    try {
      const figures: TabOverview = await tabOverview(deps.overview, person, {
        year,
        ...(location ? { locationId: location } : {}),
        ...(kind ? { kind } : {}),
      });
      const withLinks = (rows: TabOverview['deadlines']['overdue']['rows']) =>
        rows?.map((row) => ({ ...row, link: signalChatLink(deps.botAppId, row.reference) }));
      res.send(200, {
        person: { name: person.name, roles: person.roles.map((role) => nl.roles[role]).join(', ') },
        years: Array.from({ length: 5 }, (_, index) => thisYear - index),
        labels: labels(deps.overview),
        ...figures,
        deadlines: {
          overdue: { ...figures.deadlines.overdue, rows: withLinks(figures.deadlines.overdue.rows) },
          thisWeek: { ...figures.deadlines.thisWeek, rows: withLinks(figures.deadlines.thisWeek.rows) },
        },
      });
    } catch (error) {
      deps.logger.error({ err: error }, 'tab overview failed');
      res.send(500, { error: nlTab.errors.failed });
    }
  });

  // The page: index.html and its hashed assets. Teams shows it in a frame, so it may be framed by Teams only.
  const files = restify.plugins.serveStatic({ directory: dirname(TAB_WEB_DIR), default: 'index.html' });
  const page: restify.RequestHandler = (req, res, next) => {
    res.header(
      'content-security-policy',
      "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com",
    );
    if (!existsSync(join(TAB_WEB_DIR, 'index.html'))) {
      res.send(503, { error: nlTab.errors.notBuilt });
      return next(false);
    }
    return files(req, res, next);
  };
  server.get(TAB_PATH, (req, res, next) => {
    res.redirect(301, `${TAB_PATH}/`, next);
  });
  server.get(`${TAB_PATH}/*`, page);
}
