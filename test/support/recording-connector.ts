import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * A stand-in for the Bot Connector service: records what the bot sends to the activity's
 * serviceUrl and answers like the real one (200 with an id).
 */
export class RecordingConnector {
  readonly calls: RecordedCall[] = [];
  private server: Server | undefined;
  private counter = 0;
  url = '';
  /** Answers this much later, to keep a turn in flight. */
  delayMs = 0;

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const body = await readJson(req);
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      this.calls.push({ method: req.method ?? '', path: req.url ?? '', body, at: Date.now() });
      this.counter += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${this.counter}`, activityId: `sent-${this.counter}` }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Activities the bot sent (POSTs of activities). */
  activities(): Record<string, unknown>[] {
    return this.calls
      .filter((call) => call.method === 'POST' && call.path.includes('/activities'))
      .map((call) => call.body);
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
