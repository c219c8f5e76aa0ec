import template from './help.json';
import { expand, type AdaptiveCard } from './render';
import { nl } from '../src/i18n/nl';

export interface HelpModel {
  commands: { name: string; help: string }[];
}

export function helpCard(model: HelpModel): AdaptiveCard {
  return expand(template, { ...nl.help, newSignal: nl.welcome.newSignal, commands: model.commands });
}
