import { z } from 'zod';
import { nlCommands } from '../../src/i18n/nl-commands';
import type { CommandHandler } from '../handlers';
import { sendList, sendNotice } from './list-reply';

export const searchTextSchema = z.string().trim().min(2).max(100);

/**
 * `zoek <tekst>`: by reference, location, theme, kind or the people handling it; by the parent's
 * details only where the person may see them (src/app/queries.ts).
 */
export const searchCommand: CommandHandler = {
  id: 'search',
  needsPerson: true,
  async run(request, args) {
    const text = searchTextSchema.safeParse(args);
    if (!text.success) {
      await sendNotice(request, nlCommands.usage.search, 'warning');
      return;
    }
    await sendList(request, request.person!, { kind: 'search', text: text.data });
  },
};
