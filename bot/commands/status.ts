import { z } from 'zod';
import { viewSignal } from '../../src/app/queries';
import { normaliseReference } from '../../src/domain/reference';
import { literal } from '../../src/i18n/format';
import { nlCommands } from '../../src/i18n/nl-commands';
import { cardMessage } from '../attachments';
import type { CommandHandler } from '../handlers';
import { signalCardFor } from '../signal-view';
import { passedOnCard } from '../verbs/reporting-duty-verbs';
import { queryDeps, sendNotice } from './list-reply';

const referenceArgSchema = z.string().trim().min(1).max(40);

/**
 * `status <referentie>`: the signal card, built for this viewer. "Does not exist" and "not yours"
 * get the same answer; every read is recorded in the access log.
 */
export const statusCommand: CommandHandler = {
  id: 'status',
  needsPerson: true,
  async run(request, args) {
    const typed = referenceArgSchema.safeParse(args);
    if (!typed.success) {
      await sendNotice(request, nlCommands.usage.status, 'warning');
      return;
    }
    const outcome = await viewSignal(queryDeps(request), request.person!, typed.data);
    if (outcome.kind === 'invalid') {
      await sendNotice(request, nlCommands.badReference, 'warning');
      return;
    }
    if (outcome.kind === 'hidden') {
      await sendNotice(request, nlCommands.hidden(literal(normaliseReference(typed.data) ?? typed.data)));
      return;
    }
    if (outcome.kind === 'passedOn') {
      await request.context.sendActivity(cardMessage(passedOnCard(outcome.reference)));
      return;
    }
    await request.context.sendActivity(cardMessage(await signalCardFor(request, outcome.signal)));
  },
};
