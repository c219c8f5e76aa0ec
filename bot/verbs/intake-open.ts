import { intakeCard } from '../../cards/intake';
import type { AdaptiveCard } from '../../cards/render';
import { amsterdamDate } from '../../src/domain/deadlines';
import type { BotServices } from '../services';
import type { Person } from '../../src/domain/organisation';
import type { VerbHandler } from '../handlers';
import { inSharedConversation } from '../conversation';
import { nl } from '../../src/i18n/nl';

/** A new intake card; an employee of one centre finds it chosen already. */
export function newIntakeCard(services: BotServices, person?: Person): AdaptiveCard {
  const only = person?.locationIds.length === 1 ? person.locationIds[0] : undefined;
  return intakeCard({
    intakeId: services.newId(),
    organisation: services.directory.organisation(),
    today: amsterdamDate(services.clock.now()),
    ...(only ? { values: { locationId: only } } : {}),
  });
}

/** The welcome and help cards' "Nieuw signaal" button; in a group chat or channel only a pointer to the personal chat. */
export const intakeOpenVerb: VerbHandler = {
  verb: 'intake.open',
  needsPerson: true,
  async run({ services, context, person }) {
    if (inSharedConversation(context)) return { type: 'message', text: nl.intake.personalOnly };
    return newIntakeCard(services, person);
  },
};
