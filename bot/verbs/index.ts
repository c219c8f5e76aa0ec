import type { VerbHandler } from '../handlers';
import { privacyEraseConfirmVerb, privacyEraseVerb, privacyExportVerb } from './privacy-verbs';
import { analysisReminderMeasureVerb } from './analysis-reminder-verbs';
import { ANALYSIS_VERBS, analysisRefreshVerb } from './analysis-verbs';
import { helpShowVerb } from './help-show';
import { intakeOpenVerb } from './intake-open';
import { intakeSubmitVerb } from './intake-submit';
import { listMoreVerb } from './list-more';
import { planningOfferVerb, planningPickVerb } from './planning-verbs';
import { REPORTING_DUTY_VERBS } from './reporting-duty-verbs';
import { signalFormVerb, signalMoveVerb, signalOpenVerb, signalRefreshVerb } from './signal-verbs';

/** Every card verb the bot answers; a verb names its route, like an HTTP path. */
export const VERBS: readonly VerbHandler[] = [
  privacyExportVerb,
  privacyEraseConfirmVerb,
  privacyEraseVerb,
  intakeOpenVerb,
  intakeSubmitVerb,
  helpShowVerb,
  signalOpenVerb,
  signalRefreshVerb,
  signalFormVerb,
  signalMoveVerb,
  listMoreVerb,
  planningOfferVerb,
  planningPickVerb,
  ...ANALYSIS_VERBS,
  analysisReminderMeasureVerb,
  ...REPORTING_DUTY_VERBS,
];

/** The verbs of cards' `refresh` actions: Teams calls them by itself (the flood guard's own allowance). */
export const REFRESH_VERBS: readonly string[] = [signalRefreshVerb.verb, analysisRefreshVerb.verb];

export function findVerb(verb: unknown): VerbHandler | undefined {
  return typeof verb === 'string' ? VERBS.find((handler) => handler.verb === verb) : undefined;
}
