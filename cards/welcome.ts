import template from './welcome.json';
import { expand, type AdaptiveCard } from './render';
import { nl } from '../src/i18n/nl';

export interface WelcomeModel {
  /** "Je bent bekend als …", empty when the person is not known yet. */
  roleLine: string;
}

export function welcomeCard(model: WelcomeModel): AdaptiveCard {
  return expand(template, { ...nl.welcome, role: model.roleLine });
}
