/**
 * The baseline: a bare botbuilder echo bot on restify 12 + CloudAdapter, auth off, the same
 * bodyParser as Klantsignaal. A message is echoed through the connector (one POST, like `help`);
 * a card action (invoke) gets a one-line Adaptive Card in the HTTP response (like a verb).
 * Run by the bench as its own process: `node --import tsx bench/lib/echo-bot.ts`, PORT in the environment.
 */
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import * as restify from 'restify';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  protected override async onInvokeActivity(_context: TurnContext): Promise<InvokeResponse> {
    return {
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
        value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'echo' }] },
      },
    };
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'alive' });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
