import { z } from 'zod';
import { intakeCard, intakeValuesFrom } from '../../cards/intake';
import { noticeCard } from '../../cards/notice';
import { signalRegisteredCard } from '../../cards/signal-registered';
import { registerFromIntake } from '../../src/app/register-signal';
import { amsterdamDate } from '../../src/domain/deadlines';
import { nl } from '../../src/i18n/nl';
import type { VerbHandler } from '../handlers';
import { inSharedConversation } from '../conversation';
import { canViewSignal } from '../../src/app/access';
import { announceMelding } from '../../src/app/reporting-duty';
import { announceDeps, dutyCardFor, passedOnCard } from './reporting-duty-verbs';

const intakeIdSchema = z.uuid();

/** Registers the signal and replaces the intake card in place with its summary. */
export const intakeSubmitVerb: VerbHandler = {
  verb: 'intake.submit',
  needsPerson: true,
  async run({ services, person, logger, context }, data) {
    // As `nieuw`: intake only in the personal chat, where the typed name and story stay the sender's.
    if (inSharedConversation(context)) return { type: 'message', text: nl.intake.personalOnly };
    const intakeId = intakeIdSchema.safeParse(data.intakeId);
    if (!intakeId.success || !person) return noticeCard({ text: nl.errors.badRequest, tone: 'error' });
    const outcome = await registerFromIntake(services, { intakeId: intakeId.data, data, actor: person });
    const organisation = services.directory.organisation();
    if (outcome.kind === 'takenByOther') {
      // The card was forwarded or submitted twice: the second person keeps what they typed on a
      // fresh card, to check and register as a signal of its own.
      logger.info({ intakeId: intakeId.data }, 'intake card already used by someone else');
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
    if (outcome.signal.reportingDuty) {
      // A melding: the route hears at once; the registrant learns only that it was passed on.
      await announceMelding(announceDeps(services), outcome.signal);
      return person && canViewSignal(person, outcome.signal) && !inSharedConversation(context)
        ? dutyCardFor({ context, services, person, logger }, outcome.signal)
        : passedOnCard(outcome.signal.reference);
    }
    return signalRegisteredCard({
      signal: outcome.signal,
      organisation,
      alreadyRegistered: outcome.kind === 'alreadyRegistered',
    });
  },
};
