/**
 * docs/operations.md describes the log format, the redacted fields, the health endpoints, the
 * retention schedule and the alerts. These tests keep the page true to the code: the fields a turn
 * line carries, the level numbers its jq examples compare, every REDACT_PATHS entry, and the log
 * messages the alerts search for.
 */
import { createLogger, REDACT_PATHS } from '../../src/logging';
import { readRepoFile } from './settings';
import { captureLogs, flush } from '../support/log-capture';

const operations = readRepoFile('docs/operations.md');

describe('logs as docs/operations.md describes them', () => {
  it('writes one JSON object per line with level, time, service, activityId, conversationId and msg', async () => {
    const { stream, lines } = captureLogs();
    const logger = createLogger('info', stream);
    // What turnLogger (bot/klantsignaal-bot.ts) adds to every line of a turn.
    const turn = logger.child({ activityId: 'f:123', conversationId: 'a:chat', activityType: 'message' });
    turn.info({ command: 'status' }, 'command');
    turn.warn('unknown command');
    logger.error({ err: new Error('boom'), job: 'outbox' }, 'background job failed');
    await flush();
    const [info, warn, error] = lines();
    expect(info).toMatchObject({
      level: 30,
      service: 'klantsignaal',
      activityId: 'f:123',
      conversationId: 'a:chat',
      activityType: 'message',
      command: 'status',
      msg: 'command',
    });
    expect(typeof info?.time).toBe('string');
    expect(new Date(String(info?.time)).toISOString()).toBe(info?.time);
    expect(warn).toMatchObject({ level: 40, activityId: 'f:123', msg: 'unknown command' });
    expect(error).toMatchObject({ level: 50, job: 'outbox', msg: 'background job failed' });
    expect(error?.err).toMatchObject({ type: 'Error', message: 'boom' });
    // The page's table of level numbers and jq filters (`.level >= 40`) rely on numeric levels.
    for (const row of ['30 info', '40 warn', '50 error']) expect(operations).toContain(row);
  });

  it('names every redacted path, and those fields are redacted at the top level and one level down', async () => {
    for (const path of REDACT_PATHS) {
      const field = path.split('.').pop() as string;
      expect({ path, documented: operations.includes(`\`${field}\``) }).toEqual({ path, documented: true });
    }
    const { stream, lines } = captureLogs();
    const logger = createLogger('info', stream);
    // The flat entries (`field`, `*.field`); the nested parts of a whole Signal are in redaction.test.ts.
    const fields = [
      ...new Set(REDACT_PATHS.filter((path) => /^(\*\.)?\w+$/.test(path)).map((path) => path.replace('*.', ''))),
    ];
    const secret = 'Wilhelmina Zwanenburg';
    const flat = Object.fromEntries(fields.map((field) => [field, secret]));
    logger.info({ ...flat, nested: flat }, 'redaction');
    await flush();
    const written = JSON.stringify(lines());
    expect(written).not.toContain(secret);
    expect(written).toContain('[redacted]');
  });

  it('points the alerts at log messages the code really writes', () => {
    const sources = [
      'src/server.ts',
      'src/app/reminders.ts',
      'src/app/retention.ts',
      'src/background-jobs.ts',
      'bot/klantsignaal-bot.ts',
    ]
      .map((path) => readRepoFile(path))
      .join('\n');
    const alertMessages = [
      'store not reachable',
      'turn failed',
      'reminder claimed but never confirmed; not resent',
      'reminder refused by the connector',
      'reminder outcome unknown; claimed and not resent',
      'reminder sweep failed',
      'background job failed',
      'background job run',
      'retention run',
      'shutting down',
      'stopped',
      'klantsignaal listening',
    ];
    for (const message of alertMessages) {
      expect({ message, documented: operations.includes(message) }).toEqual({ message, documented: true });
      expect({ message, logged: sources.includes(`'${message}'`) }).toEqual({ message, logged: true });
    }
  });

  it('describes the schedule, endpoints and shutdown the composition root has', () => {
    const server = readRepoFile('src/server.ts');
    // Retention at 02:30 every day; the outbox drain every 30 s.
    expect(server).toContain("pattern: '0 30 2 * * *'");
    expect(operations).toContain('02:30');
    expect(server).toContain("pattern: '*/30 * * * * *'");
    expect(operations).toContain('every 30 s');
    for (const endpoint of ['/healthz', '/readyz']) {
      expect(server).toContain(`server.get('${endpoint}'`);
      expect(operations).toContain(`GET ${endpoint}`);
    }
    expect(server).toContain("res.send(503, { status: 'shutting down' })");
    expect(operations).toContain('503 {"status":"shutting down"}');
    expect(server).toContain("process.once('SIGTERM'");
    expect(server).toMatch(/async stop\(graceMs = 10_000\)/);
    expect(operations).toContain('at most 10 s');
  });
});
