import { z } from 'zod';
import { endOfDayAfter } from '../../src/app/queries';
import { nlCommands } from '../../src/i18n/nl-commands';
import type { CommandHandler } from '../handlers';
import { sendList, sendNotice } from './list-reply';

export const DEFAULT_DEADLINE_DAYS = 7;

/** `termijnen [dagen]`: nothing → 7; otherwise a whole number of days, 1–365. */
export const deadlineDaysSchema = z
  .string()
  .trim()
  .transform((value) => (value === '' ? String(DEFAULT_DEADLINE_DAYS) : value))
  .pipe(z.string().regex(/^\d{1,3}$/))
  .transform(Number)
  .pipe(z.number().int().min(1).max(365));

/** `termijnen [dagen]`: open signals with a deadline from now up to the end of the N-th day. */
export const deadlinesCommand: CommandHandler = {
  id: 'deadlines',
  needsPerson: true,
  async run(request, args) {
    const days = deadlineDaysSchema.safeParse(args.replace(/\s*dagen?$/i, ''));
    if (!days.success) {
      await sendNotice(request, nlCommands.usage.deadlines, 'warning');
      return;
    }
    const now = request.services.clock.now();
    await sendList(request, request.person!, {
      kind: 'deadlines',
      from: now.toISOString(),
      until: endOfDayAfter(now, days.data),
      days: days.data,
    });
  },
};
