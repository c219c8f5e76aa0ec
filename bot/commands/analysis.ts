import { canStartAnalysis } from '../../src/app/access';
import { nlCommands } from '../../src/i18n/nl-commands';
import type { CommandHandler } from '../handlers';
import { sendNotice } from './list-reply';

/**
 * `analyse [jaar]`: staf kw only. The access check lives here; the analysis itself
 * (src/app/annual-analysis.ts) is wired in by its owner.
 */
export const analysisCommand: CommandHandler = {
  id: 'analysis',
  needsPerson: true,
  async run(request) {
    if (!canStartAnalysis(request.person!)) {
      await sendNotice(request, nlCommands.notAllowed);
      return;
    }
    await sendNotice(request, nlCommands.analysis.notYet);
  },
};
