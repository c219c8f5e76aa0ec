/**
 * Notifier for the embedded default: one JSON line per notice in `<outbox>/notifications.jsonl`,
 * skipped when a line with the same idempotency key is already there.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ActivityNotice, Notifier } from '../../app/outbound-ports';
import { readIfExists } from './outbox-files';

export interface LocalNotifierOptions {
  outboxDir: string;
  now?: () => Date;
}

export interface NotificationLine extends ActivityNotice {
  at: string;
  userId: string;
}

export class LocalNotifier implements Notifier {
  /** Appends run one at a time so the duplicate check and the append cannot interleave. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: LocalNotifierOptions) {}

  get file(): string {
    return path.join(this.options.outboxDir, 'notifications.jsonl');
  }

  notify(userId: string, notice: ActivityNotice): Promise<void> {
    const run = this.queue.then(() => this.append(userId, notice));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async append(userId: string, notice: ActivityNotice): Promise<void> {
    const existing = (await readIfExists(this.file)) ?? '';
    const seen = existing
      .split('\n')
      .filter((line) => line.trim() !== '')
      .some((line) => (JSON.parse(line) as Partial<NotificationLine>).idempotencyKey === notice.idempotencyKey);
    if (seen) return;
    const line: NotificationLine = { at: (this.options.now ?? (() => new Date()))().toISOString(), userId, ...notice };
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await fs.appendFile(this.file, `${JSON.stringify(line)}\n`);
  }
}
