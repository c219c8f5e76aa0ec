import * as ACData from 'adaptivecards-templating';

/** An Adaptive Card as plain JSON; bot/ wraps it in an attachment. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/** Expands a JSON template with its model. Templates hold layout; models hold every text and value. */
export function expand<Model extends object>(template: object, model: Model): AdaptiveCard {
  return new ACData.Template(template).expand({ $root: model }) as AdaptiveCard;
}
