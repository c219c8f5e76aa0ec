import { Cron } from 'croner';
import type { Logger } from './logging';

export interface BackgroundJob {
  name: string;
  /** croner pattern, seconds first (e.g. every minute: '0 * * * * *'). */
  pattern: string;
  run(): Promise<unknown>;
}

export interface BackgroundJobs {
  stop(): Promise<void>;
}

/**
 * Periodic work beside the reminder sweep (outbox, invite answers, retention). Each job never
 * overlaps itself; every job is safe with several instances (claims, ETags), so no lease is needed.
 */
export function startBackgroundJobs(jobs: readonly BackgroundJob[], logger: Logger): BackgroundJobs {
  const running = new Set<Promise<unknown>>();
  const crons = jobs.map(
    (job) =>
      new Cron(job.pattern, { protect: true, timezone: 'Europe/Amsterdam' }, async () => {
        const work = job.run().catch((error: unknown) => logger.error({ err: error, job: job.name }, 'background job failed'));
        running.add(work);
        await work;
        running.delete(work);
      }),
  );
  return {
    async stop() {
      crons.forEach((cron) => cron.stop());
      await Promise.all(running);
    },
  };
}
