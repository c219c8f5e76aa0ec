import { helpCard } from '../../cards/help';
import { helpModel } from '../commands/help';
import type { VerbHandler } from '../handlers';

export const helpShowVerb: VerbHandler = {
  verb: 'help.show',
  needsPerson: false,
  async run() {
    return helpCard(helpModel());
  },
};
