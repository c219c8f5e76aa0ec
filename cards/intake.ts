import template from './intake.json';
import { expand, type AdaptiveCard } from './render';
import { INTAKE_FIELDS, type IntakeErrors, type IntakeField } from '../src/domain/intake';
import { CHANNELS, CONTACT_PREFERENCES, SIGNAL_KINDS } from '../src/domain/signal';
import type { Organisation } from '../src/domain/organisation';
import { nl } from '../src/i18n/nl';

export interface IntakeCardModel {
  /** The card's own id: it becomes the signal's id, so a second submit is recognised. */
  intakeId: string;
  organisation: Organisation;
  today: string;
  /** What the user typed last time, kept when the card comes back with errors. */
  values?: Partial<Record<IntakeField, string>>;
  errors?: IntakeErrors;
  /** Shown above the form instead of the "check the fields" line (Dutch). */
  notice?: string;
}

/** Only string values go back into the inputs; anything else a client sent is dropped. */
export function intakeValuesFrom(data: unknown): Partial<Record<IntakeField, string>> {
  if (data === null || typeof data !== 'object') return {};
  const record = data as Record<string, unknown>;
  const values: Partial<Record<IntakeField, string>> = {};
  for (const field of INTAKE_FIELDS) {
    const value = Object.prototype.hasOwnProperty.call(record, field) ? record[field] : undefined;
    if (typeof value === 'string') values[field] = value.slice(0, 4000);
  }
  return values;
}

/** A new card: received today, and the meldplicht question answered "no" until someone says yes. */
const INITIAL_VALUES = (today: string): Partial<Record<IntakeField, string>> => ({ receivedOn: today, reportingDuty: 'no' });

export function intakeCard(model: IntakeCardModel): AdaptiveCard {
  const values = Object.fromEntries(
    INTAKE_FIELDS.map((field) => [field, model.values?.[field] ?? INITIAL_VALUES(model.today)[field] ?? '']),
  );
  const errors = Object.fromEntries(
    INTAKE_FIELDS.map((field) => {
      const code = model.errors?.[field];
      return [field, code ? nl.intakeErrors[code] : ''];
    }),
  );
  return expand(template, {
    intakeId: model.intakeId,
    today: model.today,
    texts: nl.intake,
    labels: nl.intakeFields,
    requiredMessage: nl.intakeErrors.required,
    notice: model.notice ?? (Object.keys(model.errors ?? {}).length > 0 ? nl.intake.fixErrors : ''),
    values,
    errors,
    kinds: SIGNAL_KINDS.map((value) => ({ value, title: nl.kinds[value] })),
    channels: CHANNELS.map((value) => ({ value, title: nl.channels[value] })),
    contactPreferences: CONTACT_PREFERENCES.map((value) => ({ value, title: nl.contactPreferences[value] })),
    askReportingDuty: model.organisation.reportingDuty !== undefined,
    reportingDutyChoices: [
      { value: 'no', title: nl.intake.reportingDutyNo },
      { value: 'yes', title: nl.intake.reportingDutyYes },
    ],
    locations: model.organisation.locations,
    themes: model.organisation.themes,
  });
}
