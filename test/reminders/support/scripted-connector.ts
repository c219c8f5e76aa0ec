import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface ScriptedCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  at: number;
  status: number;
}

/**
 * A local Bot Connector whose answers a test chooses per request (429 with Retry-After, 403
 * BotNotInConversationRoster, ...). Default: 200 with an id, like the real one.
 */
export class ScriptedConnector {
  readonly calls: ScriptedCall[] = [];
  url = '';
  private server: Server | undefined;
  private counter = 0;

  constructor(
    private readonly script: (call: { path: string; index: number }) => ScriptedAnswer | undefined = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const body = await readJson(req);
      const index = this.calls.length;
      const answer = this.script({ path: req.url ?? '', index }) ?? {
        status: 200,
        body: { id: `sent-${(this.counter += 1)}` },
      };
      this.calls.push({ method: req.method ?? '', path: req.url ?? '', body, at: Date.now(), status: answer.status });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
      res.end(JSON.stringify(answer.body ?? {}));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  delivered(): ScriptedCall[] {
    return this.calls.filter((call) => call.status === 200);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
