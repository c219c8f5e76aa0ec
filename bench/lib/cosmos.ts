/**
 * Cosmos requests per turn, counted at the local Cosmos API server (@vercel/cosmosdb-server, the
 * counting server of test/support/cosmos-server.ts) while the REAL bot (src/server.ts, STORE=cosmos)
 * serves turns over HTTP.
 *
 * The bot's config has no switch for endpoint discovery (the SDK default, on, as in Azure): the SDK
 * first reads the account, and the local server advertises `https://…` which it does not serve, so
 * the bot cannot start against it directly. A small proxy in front of the server rewrites that one
 * answer (the account read, `GET /`) to plain http and passes everything else through unchanged, so
 * the bot runs exactly as configured in production, discovery included.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { amsterdamDate } from '../../src/domain/deadlines';
import { startLocalCosmos } from '../../test/support/cosmos-server';
import { PEOPLE, validIntake } from '../../test/support/services';
import { freePort, spawnNode, waitForHttp, type Runtime } from './processes';
import { activity, botEnv, type Connector } from './turns';

export interface CosmosCount {
  label: string;
  requests: number;
  calls: string[];
}

export interface CosmosResult {
  /** Steady state (after one warm-up turn of the same kind on another signal). */
  command: CosmosCount;
  cardAction: CosmosCount;
  /** For reference: the first turns after start, and a registration. */
  coldCommand: CosmosCount;
  intake: CosmosCount;
  /** Background requests in an idle window as long as a turn's settle time (should be 0). */
  idle: CosmosCount;
}

const SETTLE_MS = 300;

interface Proxy {
  url: string;
  server: Server;
  /** Requests passed to the Cosmos server since the last reset: method, path, and whether a query. */
  seen: string[];
}

async function startRewritingProxy(target: string): Promise<Proxy> {
  const targetUrl = new URL(target);
  const seen: string[] = [];
  const ownPort = () => (server.address() as AddressInfo).port;
  const server = createServer((req, res) => {
    const flag = (name: string) => String(req.headers[name] ?? '').toLowerCase() === 'true';
    const kind = flag('x-ms-cosmos-is-query-plan-request')
      ? ' (query plan)'
      : flag('x-ms-documentdb-isquery')
        ? ' (query)'
        : '';
    seen.push(`${req.method ?? ''}${kind} ${req.url ?? ''}`);
    const upstream = httpRequest(
      { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: req.headers },
      (answer: IncomingMessage) => {
        const rewrite = req.method === 'GET' && req.url === '/';
        if (!rewrite) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          // The regions it advertises become this proxy over http, so every later request passes here too.
          const body = Buffer.from(
            Buffer.concat(chunks)
              .toString('utf8')
              .replace(/"https:\/\/[^"/]+/g, `"http://127.0.0.1:${ownPort()}`),
            'utf8',
          );
          const headers = { ...answer.headers, 'content-length': String(body.length) };
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, seen };
}

export async function measureCosmos(connector: Connector, runtime: Runtime): Promise<CosmosResult> {
  const cosmos = await startLocalCosmos();
  const proxy = await startRewritingProxy(cosmos.endpoint);
  const dataDir = mkdtempSync(join(tmpdir(), 'klantsignaal-bench-cosmos-'));
  const port = await freePort();
  const bot = spawnNode(
    runtime.args('src/server.ts'),
    botEnv(port, dataDir, {
      STORE: 'cosmos',
      COSMOS_ENDPOINT: proxy.url,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: 'bench',
      LOG_LEVEL: 'warn',
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const post = async (body: Record<string, unknown>): Promise<string> => {
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
    return text;
  };
  const settle = () => new Promise((done) => setTimeout(done, SETTLE_MS));
  const counted = async (
    label: string,
    body: Record<string, unknown>,
    expect: RegExp,
  ): Promise<CosmosCount & { reply: string }> => {
    proxy.seen.length = 0;
    cosmos.resetRequests();
    const answer = await post(body);
    const reply = body.type === 'invoke' ? answer : (await connector.stats()).lastBody;
    if (!expect.test(reply)) throw new Error(`cosmos ${label}: unexpected reply ${reply.slice(0, 400)}`);
    // Work the turn left running after answering lands in the count too.
    await settle();
    const atServer = cosmos.requests().length;
    if (atServer !== proxy.seen.length)
      throw new Error(`cosmos ${label}: ${atServer} requests at the server, ${proxy.seen.length} seen`);
    return { label, requests: proxy.seen.length, calls: [...proxy.seen], reply };
  };
  const intake = () =>
    activity(connector.url, PEOPLE.employee, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'intake.submit',
          data: { intakeId: randomUUID(), ...validIntake({ receivedOn: amsterdamDate(new Date()) }) },
        },
      },
    });
  const status = (reference: string) =>
    activity(connector.url, PEOPLE.quality, { type: 'message', text: `status ${reference}` });
  const handle = (signalId: string) =>
    activity(connector.url, PEOPLE.employee, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'signal.move',
          data: {
            signalId,
            move: 'handle',
            formId: randomUUID(),
            summary: 'Gebeld met de ouder',
            satisfaction: 'partly',
          },
        },
      },
    });
  try {
    await waitForHttp(`${url}/healthz`, bot);
    // What the bot asks of Cosmos by itself (schedules) in a window as long as a counted turn's settle.
    await settle();
    proxy.seen.length = 0;
    await settle();
    const idle: CosmosCount = { label: `idle ${SETTLE_MS} ms`, requests: proxy.seen.length, calls: [...proxy.seen] };
    const registered: { id: string; reference: string }[] = [];
    let firstIntake: CosmosCount | undefined;
    for (let i = 0; i < 3; i += 1) {
      const body = intake();
      const result = await counted('intake', body, /Signaal geregistreerd: KS-\d{4}-\d+/);
      firstIntake ??= result;
      const reference = /KS-\d{4}-\d+/.exec(result.reply)?.[0] ?? '';
      const value = body.value as { action: { data: { intakeId: string } } };
      registered.push({ id: value.action.data.intakeId, reference });
    }
    const [a, b, c] = registered as [(typeof registered)[0], (typeof registered)[0], (typeof registered)[0]];
    const coldCommand = await counted('status (first)', status(a.reference), new RegExp(a.reference));
    const command = await counted('status', status(b.reference), new RegExp(b.reference));
    await counted('card action (warm-up)', handle(a.id), /opgeslagen/);
    const cardAction = await counted('card action', handle(c.id), /opgeslagen/);
    const strip = ({ label, requests, calls }: CosmosCount): CosmosCount => ({ label, requests, calls });
    return {
      command: strip(command),
      cardAction: strip(cardAction),
      coldCommand: strip(coldCommand),
      intake: strip(firstIntake!),
      idle,
    };
  } finally {
    await bot.stop();
    await new Promise<void>((done) => {
      proxy.server.closeAllConnections();
      proxy.server.close(() => done());
    });
    await cosmos.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
