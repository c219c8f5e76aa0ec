import { helpCard } from '../../cards/help';
import { cardMessage } from '../attachments';
import type { CommandHandler } from '../handlers';
import { commandCatalog } from './catalog';

/** The command list as help shows it; the demo role switch only when demo mode is on. */
export function helpModel(options: { demo?: boolean } = {}) {
  return { commands: commandCatalog(options).map((entry) => ({ name: entry.name, help: entry.help })) };
}

export const helpCommand: CommandHandler = {
  id: 'help',
  needsPerson: false,
  async run({ context, services }) {
    await context.sendActivity(cardMessage(helpCard(helpModel({ demo: services.demoRoles !== undefined }))));
  },
};
