/**
 * Graph's `event: cancel` in front of the local Graph stand-in (test/support/graph-server.ts has no
 * route for it): POST /v1.0/users/{id}/events/{id}/cancel with `{ comment }` (Calendars.ReadWrite,
 * organizer only) answers 202, marks the event cancelled and, like Graph, moves it out of reach: a
 * second cancel of the same id gets 404 ErrorItemNotFound. Everything else is passed through to the
 * stand-in unchanged, so its shape checks, faults and records stay in force; cancel requests are
 * recorded in the stand-in's `requests` and shape errors in its `violations` too.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { GraphTestServer } from '../support/graph-server';

/** Graph's documented body: one optional parameter, `comment`. */
export const cancelSchema = z.strictObject({ comment: z.string().optional() });

export interface Cancellation {
  organizer: string;
  eventId: string;
  comment: string | undefined;
}

export class GraphWithCancel {
  readonly cancellations: Cancellation[] = [];
  private readonly faults: { status: number; retryAfterSeconds?: number }[] = [];
  private readonly gone = new Set<string>();
  private server: http.Server | undefined;

  private constructor(
    readonly graph: GraphTestServer,
    private readonly token: string,
  ) {}

  static async start(graph: GraphTestServer, token: string): Promise<GraphWithCancel> {
    const front = new GraphWithCancel(graph, token);
    const server = http.createServer((req, res) => front.handle(req, res));
    front.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return front;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  /** The next `count` cancel requests get this status (with Retry-After when given). */
  failNextCancels(count: number, status: number, retryAfterSeconds?: number): void {
    for (let i = 0; i < count; i += 1)
      this.faults.push({ status, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
  }

  /** Forgets the cancellations and the faults not yet used. */
  reset(): void {
    this.cancellations.length = 0;
    this.faults.length = 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://graph.local');
    const match = /^\/v1\.0\/users\/([^/]+)\/events\/([^/]+)\/cancel$/.exec(url.pathname);
    if (req.method === 'POST' && match) {
      void this.cancel(req, res, url, decodeURIComponent(match[1]!), decodeURIComponent(match[2]!));
      return;
    }
    const target = new URL(this.graph.origin);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }

  private async cancel(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    organizer: string,
    eventId: string,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const record = {
      method: 'POST',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      status: 0,
    };
    this.graph.requests.push(record);
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const text = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, { ...(text ? { 'Content-Type': 'application/json' } : {}), ...headers });
      res.end(text);
    };
    const fault = this.faults.shift();
    if (fault) {
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      send(
        fault.status,
        graphError(fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'Injected'),
        headers,
      );
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      this.graph.violations.push(`POST ${url.pathname}: missing or wrong bearer token`);
      send(401, graphError('InvalidAuthenticationToken', 'Access token is empty or invalid.'));
      return;
    }
    const parsed = cancelSchema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        this.graph.violations.push(`POST ${url.pathname}: ${issue.path.join('.') || '(body)'}: ${issue.message}`);
      send(400, graphError('BadRequest', 'invalid cancel body'));
      return;
    }
    const event = this.graph.events.get(eventId);
    if (!event || this.gone.has(eventId)) {
      send(404, graphError('ErrorItemNotFound', 'The specified object was not found in the store.'));
      return;
    }
    if (event.organizer !== organizer.toLowerCase()) {
      // Graph: only the organizer may cancel.
      send(400, graphError('ErrorAccessDenied', "Your request can't be completed. You need to be an organizer."));
      return;
    }
    event.isCancelled = true;
    this.gone.add(eventId);
    this.cancellations.push({ organizer: event.organizer, eventId, comment: parsed.data.comment });
    send(202);
  }
}

function graphError(code: string, message: string): unknown {
  return { error: { code, message, innerError: { 'request-id': 'test', date: new Date().toISOString() } } };
}
