import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { DrainSummary } from './app/outbox';
import type { FollowSummary } from './app/plan-conversation';
import type { Logger } from './logging';

/**
 * What one run of a job did, for its log line. Numbers and readable references only: never
 * personal data (no names, addresses, letter texts).
 */
export interface JobOutcome {
  /** Logged as `counts`. */
  counts: Readonly<Record<string, number>>;
  /** How many of those went wrong (logged as `failures`); above 0 the line is a warn. */
  failures: number;
  /** Whether the run did anything worth an info line; an idle run logs at debug. */
  busy: boolean;
  /** Items a person should look at (e.g. `{ reference: 'KS-2026-0042', state: 'failed' }`), logged as `attention`. */
  attention?: readonly Readonly<Record<string, string>>[];
}

export interface BackgroundJob {
  name: string;
  /** croner pattern, seconds first (e.g. every minute: '0 * * * * *'). */
  pattern: string;
  /**
   * One run. `logger` carries the job's name and this run's id (`job`, `runId`): pass it on, so
   * every line the run writes can be found together, as a turn's lines are by `activityId`.
   */
  run(logger: Logger): Promise<JobOutcome>;
  /** Log every run at info, even an idle one: for a rare job whose missing line is itself an alert. */
  heartbeat?: boolean;
}

export interface BackgroundJobs {
  /** Runs the job now unless a run of it is in progress (then waits for that one); nothing after stop(). */
  runNow(name: string): Promise<void>;
  /** Stops the schedule and waits for the runs in progress. */
  stop(): Promise<void>;
}

/** The message of the line every run ends with; docs/operations.md's alerts search for it. */
export const JOB_RUN_MESSAGE = 'background job run';

/** The outbox drain: work given up (`failed`), e-mails that may have gone out (`unconfirmed`) and retries are failures. */
export function outboxOutcome(summary: DrainSummary): JobOutcome {
  const { attention, ...counts } = summary;
  return {
    counts,
    failures: counts.failed + counts.unconfirmed + counts.retry,
    // `skipped`: due work another instance took; no news.
    busy: counts.sent + counts.retry + counts.failed + counts.cancelled + counts.unconfirmed + counts.recorded > 0,
    attention: attention.map((item) => ({ ...item })),
  };
}

/** Following invitation answers: Graph not answering is a failure; checking unchanged answers is routine. */
export function inviteResponsesOutcome(summary: FollowSummary): JobOutcome {
  return {
    counts: { ...summary },
    failures: summary.unavailable,
    busy: summary.changed + summary.stopped + summary.unavailable > 0,
  };
}

export function retentionOutcome(anonymised: number): JobOutcome {
  return { counts: { anonymised }, failures: 0, busy: anonymised > 0 };
}

/**
 * Periodic work beside the reminder sweep (outbox, invite answers, retention). Each job never
 * overlaps itself; every job is safe with several instances (claims, ETags), so no lease is needed.
 * Every run ends with one line, `background job run` (or `background job failed` when it threw),
 * carrying `job`, `runId`, `durationMs` and the run's counts.
 */
export function startBackgroundJobs(jobs: readonly BackgroundJob[], logger: Logger): BackgroundJobs {
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  const runOnce = async (job: BackgroundJob): Promise<void> => {
    const log = logger.child({ job: job.name, runId: randomUUID() });
    const started = Date.now();
    try {
      const outcome = await job.run(log);
      const line = {
        durationMs: Date.now() - started,
        counts: outcome.counts,
        failures: outcome.failures,
        ...(outcome.attention && outcome.attention.length > 0 ? { attention: outcome.attention } : {}),
      };
      if (outcome.failures > 0) log.warn(line, JOB_RUN_MESSAGE);
      else if (outcome.busy || job.heartbeat) log.info(line, JOB_RUN_MESSAGE);
      else log.debug(line, JOB_RUN_MESSAGE);
    } catch (error) {
      log.error({ err: error, durationMs: Date.now() - started }, 'background job failed');
    }
  };

  const run = (job: BackgroundJob): Promise<void> => {
    const current = running.get(job.name);
    if (current) return current;
    if (stopped) return Promise.resolve();
    const work = runOnce(job).finally(() => running.delete(job.name));
    running.set(job.name, work);
    return work;
  };

  const crons = jobs.map(
    (job) => new Cron(job.pattern, { protect: true, timezone: 'Europe/Amsterdam' }, () => run(job)),
  );
  return {
    runNow(name) {
      const job = jobs.find((candidate) => candidate.name === name);
      if (!job) return Promise.reject(new Error(`no background job ${name}`));
      return run(job);
    },
    async stop() {
      stopped = true;
      crons.forEach((cron) => cron.stop());
      await Promise.all(running.values());
    },
  };
}
