import { z } from 'zod';
import { noticeCard } from '../../cards/notice';
import { listQuerySchema } from '../../src/app/queries';
import { nl } from '../../src/i18n/nl';
import { listPageCard } from '../commands/list-reply';
import type { VerbHandler } from '../handlers';

/** The "meer" button of a list card: the query (JSON) and the continuation travel in the card. */
const moreSchema = z.object({
  query: z
    .string()
    .max(2000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'query is not JSON' });
        return z.NEVER;
      }
    })
    .pipe(listQuerySchema),
  continuation: z.string().min(1).max(4000),
});

/**
 * Replaces the list card with its next page. The access rules are applied again for whoever
 * clicks: a forwarded card shows the clicker only what they may see.
 */
export const listMoreVerb: VerbHandler = {
  verb: 'list.more',
  needsPerson: true,
  async run(request, data) {
    const parsed = moreSchema.safeParse(data);
    if (!parsed.success || !request.person) return noticeCard({ text: nl.errors.badRequest, tone: 'error' });
    return listPageCard(request, request.person, parsed.data.query, parsed.data.continuation);
  },
};
