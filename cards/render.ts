import * as ACData from 'adaptivecards-templating';

/** An Adaptive Card as plain JSON; bot/ wraps it in an attachment. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/** Parsing a template costs ~10 ms, expanding a parsed one well under 1 ms: parse each template once. */
const parsed = new WeakMap<object, ACData.Template>();

/** Expands a JSON template with its model. Templates hold layout; models hold every text and value. */
export function expand<Model extends object>(template: object, model: Model): AdaptiveCard {
  let compiled = parsed.get(template);
  if (!compiled) {
    compiled = new ACData.Template(template);
    parsed.set(template, compiled);
  }
  return compiled.expand({ $root: model }) as AdaptiveCard;
}
