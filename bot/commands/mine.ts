import type { CommandHandler } from '../handlers';
import { sendList } from './list-reply';

/** `mijn`: my open signals (owned or registered by me), most urgent first. */
export const mineCommand: CommandHandler = {
  id: 'mine',
  needsPerson: true,
  async run(request) {
    await sendList(request, request.person!, { kind: 'mine' });
  },
};
