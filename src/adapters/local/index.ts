/**
 * The outbound ports for the embedded default (no cloud): everything lands in one outbox folder.
 *   <outbox>/invites/<transactionId>.ics   invitation (iCalendar)
 *   <outbox>/invites/<transactionId>.json  the same invitation, read back for free/busy
 *   <outbox>/invites/<transactionId>.response  optional demo answer (see local-calendar.ts)
 *   <outbox>/invites/<transactionId>.cancel.ics  the cancellation of a replaced invitation
 *   <outbox>/mail/<key>.eml                 letters (MIME)
 *   <outbox>/notifications.jsonl            Teams activity notices
 */
import type { OutboundAdapters } from '../../app/outbound-ports';
import { LocalCalendar, type DemoBusy } from './local-calendar';
import { LocalMailer } from './local-mailer';
import { LocalNotifier } from './local-notifier';

export interface LocalAdapterOptions {
  /** OUTBOX_DIR; default ./data/outbox in the composition root. */
  outboxDir: string;
  /** The shared mailbox the letters come from (GRAPH_MAILBOX when set, else a demo address). */
  from: { name: string; email: string };
  demoBusy?: DemoBusy[];
  now?: () => Date;
}

export function createLocalAdapters(options: LocalAdapterOptions): OutboundAdapters {
  return {
    calendar: new LocalCalendar({
      outboxDir: options.outboxDir,
      ...(options.demoBusy ? { demoBusy: options.demoBusy } : {}),
    }),
    mailer: new LocalMailer({
      outboxDir: options.outboxDir,
      from: options.from,
      ...(options.now ? { now: options.now } : {}),
    }),
    notifier: new LocalNotifier({ outboxDir: options.outboxDir, ...(options.now ? { now: options.now } : {}) }),
  };
}

export { LocalCalendar, LocalMailer, LocalNotifier };
export type { DemoBusy };
