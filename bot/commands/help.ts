import { helpCard } from '../../cards/help';
import { cardMessage } from '../attachments';
import type { Person } from '../../src/domain/organisation';
import type { CommandHandler } from '../handlers';
import { commandCatalog } from './catalog';

/**
 * The command list as help shows it to this person: commands of another role are left out; the demo
 * role switch only when demo mode is on.
 */
export function helpModel(options: { demo?: boolean; person?: Person } = {}) {
  return {
    commands: commandCatalog({ ...options, byRole: true }).map((entry) => ({ name: entry.name, help: entry.help })),
  };
}

export const helpCommand: CommandHandler = {
  id: 'help',
  needsPerson: false,
  async run({ context, services, person }) {
    await context.sendActivity(
      cardMessage(helpCard(helpModel({ demo: services.demoRoles !== undefined, ...(person ? { person } : {}) }))),
    );
  },
};
