/** Shared set-up of the planning tests: real bot, real store, real Graph client against the local Graph server. */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { randomUUID } from 'node:crypto';
import type { BotServices } from '../../bot/services';
import { createOutbound, type Outbound } from '../../src/adapters/outbound';
import { SqliteOutboxStore } from '../../src/adapters/sqlite/sqlite-outbox-store';
import type { OutboundDeps } from '../../src/app/outbox';
import type { ManualClock } from '../../src/domain/clock';
import type { Logger } from '../../src/logging';
import type { GraphTestServer } from '../support/graph-server';
import { captureLogs } from '../support/log-capture';
import { PEOPLE, testServices, validIntake } from '../support/services';
import { BotDriver, cardText } from '../support/test-adapter';

export const GRAPH_TOKEN = 'planning-test-token';
export const MAILBOX = 'klachten@regenboog.example';
export const MANAGER_EMAIL = 'adele.vance@regenboog.example';
export const QUALITY_EMAIL = 'isaiah.langer@regenboog.example';

export class StaticCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: GRAPH_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

export type PlanningServices = BotServices & { clock: ManualClock; outbound: Outbound };

/**
 * Bot services on in-memory SQLite with the Graph adapters pointed at the local Graph server (or
 * any origin: a closed port plays an unreachable Graph). The outbox logs into `logger` (default:
 * kept in memory, not printed).
 */
export async function graphServices(
  graph: GraphTestServer | { origin: string },
  now: string,
  outboxDir: string,
  options: { logger?: Logger; timeoutMs?: number; maxRetries?: number } = {},
): Promise<PlanningServices> {
  const services = await testServices(now);
  const outbound = await createOutbound({
    env: {},
    dataDir: outboxDir,
    store: { kind: 'sqlite', path: ':memory:' },
    organisationName: 'Kinderopvang De Regenboog',
    outboxStore: new SqliteOutboxStore(':memory:'),
    graph: {
      credential: new StaticCredential(),
      mailbox: MAILBOX,
      retry: { delaySeconds: 0.01, maxRetries: options.maxRetries ?? 1 },
      timeoutMs: options.timeoutMs ?? 5_000,
      rewriteOrigin: graph.origin,
    },
    logger: options.logger ?? captureLogs('warn').logger,
  });
  return { ...services, outbound };
}

export function outboundDeps(services: PlanningServices, holder?: string): OutboundDeps & { newId: () => string } {
  return {
    store: services.store,
    directory: services.directory,
    clock: services.clock,
    outbound: holder ? { ...services.outbound, holder } : services.outbound,
    newId: randomUUID,
  };
}

/** The data of every Action.Execute with this verb on a card, in order. */
export function actionsWithVerb(card: unknown, verb: string): { title: string; data: Record<string, unknown> }[] {
  const found: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && record.verb === verb)
        found.push({ title: String(record.title), data: record.data as Record<string, unknown> });
      else Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

type Person = { id: string; name: string };

/** Opens a move's form and saves it, as a person would on the signal card. */
export async function move(
  driver: BotDriver,
  person: Person,
  signalId: string,
  name: string,
  inputs: Record<string, string> = {},
) {
  const form = await driver.execute(person, 'signal.form', { signalId, move: name });
  const [submit] = actionsWithVerb(form.card, 'signal.move');
  if (!submit) throw new Error(`no form for ${name}: ${cardText(form.card)}`);
  return driver.execute(person, 'signal.move', { ...submit.data, ...inputs });
}

/** Registers a complaint and takes it to step 2 with the manager and staf kw. */
export async function escalatedComplaint(
  driver: BotDriver,
  intake: Record<string, unknown> = {},
  supporter = true,
): Promise<string> {
  const signalId = randomUUID();
  await driver.execute(PEOPLE.employee, 'intake.submit', { intakeId: signalId, ...validIntake(intake) });
  await move(driver, PEOPLE.employee, signalId, 'escalateToLocation', { locationManager: PEOPLE.locationManager.id });
  const result = await move(driver, PEOPLE.locationManager, signalId, 'escalateToOrganisation', {
    manager: PEOPLE.manager.id,
    ...(supporter ? { supporter: PEOPLE.quality.id } : {}),
  });
  expect(cardText(result.card)).toContain('Stap 2 · organisatie');
  return signalId;
}
