import type { VerbHandler } from '../handlers';
import { helpShowVerb } from './help-show';
import { intakeOpenVerb } from './intake-open';
import { intakeSubmitVerb } from './intake-submit';

/** Every card verb the bot answers; a verb names its route, like an HTTP path. */
export const VERBS: readonly VerbHandler[] = [intakeOpenVerb, intakeSubmitVerb, helpShowVerb];

export function findVerb(verb: unknown): VerbHandler | undefined {
  return typeof verb === 'string' ? VERBS.find((handler) => handler.verb === verb) : undefined;
}
