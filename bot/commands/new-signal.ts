import { cardMessage } from '../attachments';
import type { CommandHandler } from '../handlers';
import { newIntakeCard } from '../verbs/intake-open';

export const newSignalCommand: CommandHandler = {
  id: 'new',
  needsPerson: true,
  async run(request) {
    await request.context.sendActivity(cardMessage(newIntakeCard(request.services)));
  },
};
