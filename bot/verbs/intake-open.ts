import { intakeCard } from '../../cards/intake';
import type { AdaptiveCard } from '../../cards/render';
import { amsterdamDate } from '../../src/domain/deadlines';
import type { BotServices } from '../services';
import type { VerbHandler } from '../handlers';

export function newIntakeCard(services: BotServices): AdaptiveCard {
  return intakeCard({
    intakeId: services.newId(),
    organisation: services.directory.organisation(),
    today: amsterdamDate(services.clock.now()),
  });
}

/** The welcome and help cards' "Nieuw signaal" button. */
export const intakeOpenVerb: VerbHandler = {
  verb: 'intake.open',
  needsPerson: true,
  async run({ services }) {
    return newIntakeCard(services);
  },
};
