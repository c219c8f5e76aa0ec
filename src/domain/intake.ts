import { z } from 'zod';
import { CHANNELS, CONTACT_PREFERENCES, SIGNAL_KINDS } from './signal';
import { isIsoDate } from './validation';

/**
 * What an employee submits on the intake card. Messages are error codes, not text: the bot
 * translates them (src/i18n) so the domain stays language-free.
 */
export const INTAKE_ERROR_CODES = [
  'required',
  'unknownOption',
  'invalidDate',
  'dateInFuture',
  'dateTooOld',
  'invalidEmail',
  'invalidPhone',
  'contactRequired',
  'tooLong',
] as const;
export type IntakeErrorCode = (typeof INTAKE_ERROR_CODES)[number];

export const INTAKE_FIELDS = [
  'kind',
  'locationId',
  'themeId',
  'channel',
  'receivedOn',
  'parentName',
  'parentEmail',
  'parentPhone',
  'contactPreference',
  'description',
  'parentWish',
  /** The meldplicht triage question: 'yes' or 'no' (default). */
  'reportingDuty',
] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];

export const MAX_TEXT = 4000;
export const MAX_SHORT_TEXT = 200;

export interface IntakeContext {
  locationIds: readonly string[];
  themeIds: readonly string[];
  /** Today in Europe/Amsterdam (yyyy-mm-dd). */
  today: string;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
const PHONE = /^\+?[0-9 ()-]{8,20}$/;

/** Card inputs arrive as strings (or absent); blank means absent. */
const text = (max: number) =>
  z
    .unknown()
    .transform((value) => (typeof value === 'string' ? value.trim() : value))
    .pipe(z.union([z.string().max(max, { message: 'tooLong' }), z.undefined(), z.null()]).optional())
    .transform((value) => (value ? value : undefined));

const required = (max: number) =>
  text(max).refine((value): value is string => value !== undefined, { message: 'required' });

const oneOf = <T extends string>(options: readonly T[]) =>
  required(MAX_SHORT_TEXT).refine((value): value is T => (options as readonly string[]).includes(value), {
    message: 'unknownOption',
  });

function yearBefore(today: string): string {
  const [y, rest] = [Number(today.slice(0, 4)), today.slice(4)];
  return `${y - 1}${rest}`;
}

/**
 * The shape of a submit. Built once: the checks that depend on the organisation and on today
 * (known location and theme, date not in the future) run after it, in validateIntake.
 */
export const INTAKE_SCHEMA = z
  .object({
    kind: oneOf(SIGNAL_KINDS),
    locationId: required(MAX_SHORT_TEXT),
    themeId: required(MAX_SHORT_TEXT),
    channel: oneOf(CHANNELS),
    receivedOn: required(10).refine(isIsoDate, { message: 'invalidDate' }),
    parentName: required(MAX_SHORT_TEXT),
    parentEmail: text(MAX_SHORT_TEXT).refine((value) => value === undefined || EMAIL.test(value), {
      message: 'invalidEmail',
    }),
    parentPhone: text(40).refine((value) => value === undefined || PHONE.test(value), {
      message: 'invalidPhone',
    }),
    contactPreference: oneOf(CONTACT_PREFERENCES),
    description: required(MAX_TEXT),
    parentWish: text(MAX_TEXT),
    reportingDuty: text(10)
      .refine((value) => value === undefined || value === 'yes' || value === 'no', { message: 'unknownOption' })
      .transform((value) => value === 'yes')
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.parentEmail && !value.parentPhone) {
      ctx.addIssue({ code: 'custom', path: ['parentEmail'], message: 'contactRequired' });
    }
  });

/** The checks against the organisation and today's date, on fields whose shape is already right. */
function contextErrors(data: Record<string, unknown>, context: IntakeContext): IntakeErrors {
  const errors: IntakeErrors = {};
  const value = (field: IntakeField) => (typeof data[field] === 'string' ? (data[field] as string).trim() : '');
  if (!context.locationIds.includes(value('locationId'))) errors.locationId = 'unknownOption';
  if (!context.themeIds.includes(value('themeId'))) errors.themeId = 'unknownOption';
  const receivedOn = value('receivedOn');
  if (receivedOn > context.today) errors.receivedOn = 'dateInFuture';
  else if (receivedOn < yearBefore(context.today)) errors.receivedOn = 'dateTooOld';
  return errors;
}

export type IntakeInput = z.output<typeof INTAKE_SCHEMA>;

export type IntakeErrors = Partial<Record<IntakeField, IntakeErrorCode>>;

export type IntakeResult = { ok: true; value: IntakeInput } | { ok: false; errors: IntakeErrors };

/** Validates raw card data; returns one error code per field, the first one found. */
export function validateIntake(raw: unknown, context: IntakeContext): IntakeResult {
  const source = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  // Teams leaves empty inputs out of the submit entirely; an absent optional field is simply empty.
  const data = Object.fromEntries(
    INTAKE_FIELDS.map((field) => [
      field,
      Object.prototype.hasOwnProperty.call(source, field) ? source[field] : undefined,
    ]),
  );
  const parsed = INTAKE_SCHEMA.safeParse(data);
  const errors: IntakeErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field !== 'string' || !(INTAKE_FIELDS as readonly string[]).includes(field)) continue;
      const code = (INTAKE_ERROR_CODES as readonly string[]).includes(issue.message)
        ? (issue.message as IntakeErrorCode)
        : 'required';
      errors[field as IntakeField] ??= code;
    }
  }
  for (const [field, code] of Object.entries(contextErrors(data, context)) as [IntakeField, IntakeErrorCode][]) {
    errors[field] ??= code;
  }
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, value: parsed.data };
  return { ok: false, errors };
}
