import { helpCard } from '../../cards/help';
import { cardMessage } from '../attachments';
import type { CommandHandler } from '../handlers';
import { commandCatalog } from './catalog';

export function helpModel() {
  return { commands: commandCatalog().map((entry) => ({ name: entry.name, help: entry.help })) };
}

export const helpCommand: CommandHandler = {
  id: 'help',
  needsPerson: false,
  async run({ context }) {
    await context.sendActivity(cardMessage(helpCard(helpModel())));
  },
};
