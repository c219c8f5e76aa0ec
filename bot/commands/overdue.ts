import type { CommandHandler } from '../handlers';
import { sendList } from './list-reply';

/** `te laat`: open signals whose earliest open deadline has passed, that the person may see. */
export const overdueCommand: CommandHandler = {
  id: 'overdue',
  needsPerson: true,
  async run(request) {
    await sendList(request, request.person!, { kind: 'overdue', before: request.services.clock.now().toISOString() });
  },
};
