import { z } from 'zod';
import { intakeCard, intakeValuesFrom } from '../../cards/intake';
import { noticeCard } from '../../cards/notice';
import { signalRegisteredCard } from '../../cards/signal-registered';
import { registerFromIntake } from '../../src/app/register-signal';
import { amsterdamDate } from '../../src/domain/deadlines';
import { nl } from '../../src/i18n/nl';
import type { IntakeField } from '../../src/domain/intake';
import type { VerbHandler } from '../handlers';
import { inSharedConversation } from '../conversation';

const intakeIdSchema = z.uuid();

/** Registers the signal and replaces the intake card in place with its summary. */
export const intakeSubmitVerb: VerbHandler = {
  verb: 'intake.submit',
  needsPerson: true,
  async run({ services, person, logger, context }, data) {
    const intakeId = intakeIdSchema.safeParse(data.intakeId);
    if (!intakeId.success || !person) return noticeCard({ text: nl.errors.badRequest, tone: 'error' });
    const outcome = await registerFromIntake(services, { intakeId: intakeId.data, data, actor: person });
    const organisation = services.directory.organisation();
    if (outcome.kind === 'takenByOther') {
      // E.g. two colleagues filling in one card in a group chat: the second keeps what they typed
      // on a fresh card, to check and register as a signal of its own.
      logger.info({ intakeId: intakeId.data }, 'intake card already used by someone else');
      // In a group chat or channel a new card would show what they typed to everyone there.
      if (inSharedConversation(context)) return { type: 'message', text: nl.intake.usedByColleagueShared };
      return intakeCard({
        intakeId: services.newId(),
        organisation,
        today: amsterdamDate(services.clock.now()),
        values: intakeValuesFrom(data),
        notice: nl.intake.usedByColleague,
      });
    }
    if (outcome.kind === 'invalid') {
      logger.info({ fields: Object.keys(outcome.errors) }, 'intake rejected');
      // A card re-rendered in a group chat or channel shows what was typed to everyone there; a
      // message leaves the inputs on the sender's own screen only.
      if (inSharedConversation(context)) {
        const fields = Object.keys(outcome.errors).map((field) => nl.intakeFields[field as IntakeField]);
        return { type: 'message', text: nl.intake.fixErrorsShared(fields) };
      }
      return intakeCard({
        intakeId: intakeId.data,
        organisation,
        today: amsterdamDate(services.clock.now()),
        values: intakeValuesFrom(data),
        errors: outcome.errors,
      });
    }
    logger.info(
      { signalId: outcome.signal.id, reference: outcome.signal.reference, outcome: outcome.kind },
      'intake stored',
    );
    services.onSignalRegistered?.();
    return signalRegisteredCard({
      signal: outcome.signal,
      organisation,
      alreadyRegistered: outcome.kind === 'alreadyRegistered',
    });
  },
};
