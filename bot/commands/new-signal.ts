import { cardMessage } from '../attachments';
import type { CommandHandler } from '../handlers';
import { inSharedConversation } from '../conversation';
import { newIntakeCard } from '../verbs/intake-open';
import { nl } from '../../src/i18n/nl';
import { sendNotice } from './list-reply';

/** "nieuw": the intake card, only in the personal chat (in a group chat everyone reads the inputs). */
export const newSignalCommand: CommandHandler = {
  id: 'new',
  needsPerson: true,
  async run(request) {
    if (inSharedConversation(request.context)) {
      await sendNotice(request, nl.intake.personalOnly, 'warning');
      return;
    }
    await request.context.sendActivity(cardMessage(newIntakeCard(request.services, request.person)));
  },
};
