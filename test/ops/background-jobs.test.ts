/**
 * The background jobs' log lines (docs/operations.md, "Background jobs" and the Alerts table): one
 * `background job run` line per run with `job`, `runId`, `durationMs`, `counts` and `failures`, at
 * warn when something failed, info when something happened, debug when idle; `background job failed`
 * when a run threw; every line a run writes carries its `job` and `runId`; no personal data.
 */
import {
  JOB_RUN_MESSAGE,
  inviteResponsesOutcome,
  outboxOutcome,
  retentionOutcome,
  startBackgroundJobs,
  type BackgroundJob,
} from '../../src/background-jobs';
import { drainOutbox, enqueue, type OutboundDeps, type OutboundServices } from '../../src/app/outbox';
import { PermanentOutboundError, TemporarilyUnavailableError, type OutgoingLetter } from '../../src/app/outbound-ports';
import type { Directory, SignalStore } from '../../src/app/ports';
import type { Signal } from '../../src/domain/signal';
import { ManualClock } from '../../src/domain/clock';
import { SqliteOutboxStore } from '../../src/adapters/sqlite/sqlite-outbox-store';
import { readRepoFile } from './settings';
import { captureLogs, flush } from '../support/log-capture';

/** Never scheduled during a test: the runs come from runNow. */
const NEVER = '0 0 0 1 1 *';

const PARENT = { name: 'Wilhelmina Zwanenburg', email: 'w.zwanenburg@example.nl', phone: '0612345678' };

/** A signal with two letters to the parent: only what the drain reads. */
function signalWithLetters(): Signal {
  return {
    id: 'sig-1',
    reference: 'KS-2026-0042',
    parent: PARENT,
    letters: [
      {
        id: 'letter-refused',
        kind: 'decision',
        createdAt: '2026-03-02T08:00:00Z',
        subject: 'Besluit',
        body: 'Beste Wilhelmina Zwanenburg, …',
      },
      {
        id: 'letter-later',
        kind: 'confirmation',
        createdAt: '2026-03-02T08:00:00Z',
        subject: 'Bevestiging',
        body: 'Beste Wilhelmina Zwanenburg, …',
      },
    ],
    history: [],
  } as unknown as Signal;
}

async function outboxWithTwoLetters(): Promise<OutboundDeps & { outbox: SqliteOutboxStore }> {
  const outbox = new SqliteOutboxStore(':memory:');
  await outbox.init();
  const signal = signalWithLetters();
  const store = { get: async (id: string) => (id === signal.id ? { value: signal, etag: '1' } : undefined) };
  const mailer = {
    async send(letter: OutgoingLetter) {
      if (letter.idempotencyKey === 'letter-refused') {
        throw new PermanentOutboundError('sendMail', 403, 'ErrorAccessDenied', `no access for ${letter.to.email}`);
      }
      throw new TemporarilyUnavailableError('sendMail', 503, 'busy');
    },
  };
  const refuse = async (): Promise<never> => {
    throw new Error('not used');
  };
  const outbound: OutboundServices = {
    calendar: {
      getFreeBusy: refuse,
      createEvent: refuse,
      getEventResponse: refuse,
    } as unknown as OutboundServices['calendar'],
    mailer,
    notifier: { notify: refuse },
    outbox,
    printer: { print: refuse },
    mode: 'graph',
    holder: 'test-instance',
  };
  const deps: OutboundDeps = {
    store: store as unknown as SignalStore,
    directory: {} as Directory,
    clock: new ManualClock(new Date('2026-03-02T09:00:00+01:00')),
    outbound,
  };
  for (const letter of signalWithLetters().letters ?? []) {
    await enqueue(deps, signal, letter.id, {
      kind: 'letter',
      letterId: letter.id,
      letterKind: letter.kind,
      route: 'email',
    });
  }
  return { ...deps, outbox };
}

describe('background job lines', () => {
  it('logs an outbox run with failures at warn: counts, the references to look at, no personal data', async () => {
    const deps = await outboxWithTwoLetters();
    const { logger, lines } = captureLogs();
    const jobs = startBackgroundJobs(
      [{ name: 'outbox', pattern: NEVER, run: async () => outboxOutcome(await drainOutbox(deps)) }],
      logger,
    );
    await jobs.runNow('outbox');
    await jobs.stop();
    await deps.outbox.close();
    await flush();

    const [line, ...rest] = lines();
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      level: 40,
      service: 'klantsignaal',
      msg: JOB_RUN_MESSAGE,
      job: 'outbox',
      counts: { sent: 0, retry: 1, failed: 1, unconfirmed: 0, cancelled: 0, recorded: 0, skipped: 0 },
      failures: 2,
      attention: [
        { itemId: 'letter-refused', reference: 'KS-2026-0042', kind: 'letter', state: 'failed', reason: '403' },
      ],
    });
    expect(typeof line?.runId).toBe('string');
    expect(typeof line?.durationMs).toBe('number');
    const written = JSON.stringify(lines());
    for (const personal of [PARENT.name, PARENT.email, PARENT.phone, 'Beste']) expect(written).not.toContain(personal);
  });

  it('logs a busy run at info, an idle run only at debug, a heartbeat job at info even when idle', async () => {
    const { logger, lines } = captureLogs('info');
    const outcomes = {
      busy: inviteResponsesOutcome({ checked: 3, changed: 1, stopped: 0, unavailable: 0 }),
      idle: inviteResponsesOutcome({ checked: 3, changed: 0, stopped: 0, unavailable: 0 }),
      daily: retentionOutcome(0),
    };
    const job = (name: keyof typeof outcomes, heartbeat = false): BackgroundJob => ({
      name,
      pattern: NEVER,
      heartbeat,
      run: async () => outcomes[name],
    });
    const jobs = startBackgroundJobs([job('busy'), job('idle'), job('daily', true)], logger);
    for (const name of ['busy', 'idle', 'daily']) await jobs.runNow(name);
    await jobs.stop();
    await flush();
    expect(lines().map((line) => [line.job, line.level, line.failures])).toEqual([
      ['busy', 30, 0],
      ['daily', 30, 0],
    ]);
    expect(lines()[1]).toMatchObject({ counts: { anonymised: 0 } });
    // Graph not answering the invitation poll is a failure; a quiet outbox run is no news.
    expect(inviteResponsesOutcome({ checked: 1, changed: 0, stopped: 0, unavailable: 1 }).failures).toBe(1);
    expect(
      outboxOutcome({
        sent: 0,
        retry: 0,
        failed: 0,
        cancelled: 0,
        unconfirmed: 0,
        recorded: 0,
        skipped: 2,
        attention: [],
      }),
    ).toMatchObject({ busy: false, failures: 0 });
  });

  it('gives every line of a run its job and runId, a new runId per run, and logs a thrown run at error', async () => {
    const { logger, lines } = captureLogs();
    let run = 0;
    const jobs = startBackgroundJobs(
      [
        {
          name: 'retention',
          pattern: NEVER,
          run: async (jobLogger) => {
            run += 1;
            jobLogger.info({ anonymised: 1 }, 'retention run');
            if (run === 2) throw new Error('store down');
            return retentionOutcome(1);
          },
        },
      ],
      logger,
    );
    await jobs.runNow('retention');
    await jobs.runNow('retention');
    await jobs.stop();
    await jobs.runNow('retention'); // after stop(): nothing
    await flush();
    const written = lines();
    expect(written.map((line) => [line.msg, line.level])).toEqual([
      ['retention run', 30],
      [JOB_RUN_MESSAGE, 30],
      ['retention run', 30],
      ['background job failed', 50],
    ]);
    for (const line of written) expect(line.job).toBe('retention');
    expect(written[0]?.runId).toBe(written[1]?.runId);
    expect(written[2]?.runId).toBe(written[3]?.runId);
    expect(written[0]?.runId).not.toBe(written[2]?.runId);
    expect(written[3]?.err).toMatchObject({ message: 'store down' });
  });

  it('is what docs/operations.md describes', () => {
    const operations = readRepoFile('docs/operations.md');
    for (const text of [JOB_RUN_MESSAGE, '`runId`', '`failures`', '`attention`', '`durationMs`', '`counts`']) {
      expect({ text, documented: operations.includes(text) }).toEqual({ text, documented: true });
    }
    for (const job of ['outbox', 'inviteResponses', 'retention']) {
      expect(readRepoFile('src/server.ts')).toContain(`name: '${job}'`);
      expect({ job, documented: operations.includes(`\`${job}\``) }).toEqual({ job, documented: true });
    }
  });
});
