import { DateTime } from 'luxon';
import type { Clock } from '../domain/clock';
import { anonymise } from '../domain/retention';
import { ConcurrencyError, type SignalStore } from './ports';
import type { Logger } from '../logging';

/** The retention job acts as the system, not as a person. */
export const RETENTION_ACTOR = { id: 'system:retention', name: 'Bewaartermijn' };

export interface RetentionDeps {
  store: SignalStore;
  clock: Clock;
  logger: Logger;
}

/**
 * Anonymises every signal closed longer ago than the retention period. Runs in batches through
 * the indexed work list; a signal changed meanwhile is simply picked up by the next run.
 */
export async function anonymiseExpired(deps: RetentionDeps, retentionMonths: number, batchSize = 200): Promise<number> {
  const now = deps.clock.now();
  const cutoff = DateTime.fromJSDate(now).minus({ months: retentionMonths }).toUTC().toISO()!;
  let total = 0;
  for (;;) {
    const due = await deps.store.listRetentionDue(cutoff, batchSize);
    let changed = 0;
    for (const signal of due) {
      const stored = await deps.store.get(signal.id);
      if (!stored || stored.value.anonymisedAt) continue;
      const next = anonymise(stored.value, {
        at: now,
        actor: RETENTION_ACTOR,
        eventId: `${signal.id}:anonymised`,
        reason: 'retention',
      });
      try {
        await deps.store.replace(next, stored.etag);
        changed += 1;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        deps.logger.info({ signalId: signal.id }, 'retention skipped a signal changed meanwhile');
      }
    }
    total += changed;
    if (due.length < batchSize || changed === 0) break;
  }
  if (total > 0) deps.logger.info({ anonymised: total, cutoff }, 'retention run');
  return total;
}
