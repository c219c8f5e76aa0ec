/**
 * The melding's step forms: one field table read by the card (cards/reporting-duty.ts) and by the
 * parser below, as move-forms.ts does for the complaints process. The parser only shapes what the
 * card sent; the domain (reporting-duty.ts) checks dates, times and texts and names the bad field.
 */
import { OFFENCE_KINDS, type DutyMoveCommand, type DutyMoveName } from '../domain/reporting-duty';

export type DutyFormMove = Exclude<DutyMoveName, 'flag'>;

export interface DutyFieldSpec {
  id: string;
  kind: 'text' | 'multiline' | 'date' | 'time' | 'choice';
  required: true;
  options?: 'offence' | 'yesNo';
  /** Starts with today's date (the consultation is usually recorded the day it happened). */
  defaultToday?: boolean;
}

export const DUTY_FORMS: Readonly<Record<DutyFormMove, readonly DutyFieldSpec[]>> = {
  consult: [
    { id: 'on', kind: 'date', required: true, defaultToday: true },
    { id: 'time', kind: 'time', required: true },
    { id: 'inspector', kind: 'text', required: true },
    { id: 'offence', kind: 'choice', required: true, options: 'offence' },
    { id: 'advice', kind: 'multiline', required: true },
  ],
  conclude: [
    { id: 'reasonableSuspicion', kind: 'choice', required: true, options: 'yesNo' },
    { id: 'explanation', kind: 'multiline', required: true },
  ],
  reportToPolice: [
    { id: 'on', kind: 'date', required: true, defaultToday: true },
    { id: 'time', kind: 'time', required: true },
    { id: 'by', kind: 'text', required: true },
  ],
  recordMeasures: [
    { id: 'employee', kind: 'multiline', required: true },
    { id: 'parents', kind: 'multiline', required: true },
  ],
  recordAftercare: [{ id: 'text', kind: 'multiline', required: true }],
};

export type DutyFieldError = 'required' | 'unknownOption' | 'rejected';

export type DutyFormResult =
  { ok: true; command: DutyMoveCommand } | { ok: false; errors: Record<string, DutyFieldError> };

const MAX = 4000;

/** Shapes a submitted form into a move; absent or blank required fields are named. */
export function parseDutyForm(move: DutyFormMove, data: Record<string, unknown>): DutyFormResult {
  const values: Record<string, string> = {};
  const errors: Record<string, DutyFieldError> = {};
  for (const spec of DUTY_FORMS[move]) {
    const raw = data[spec.id];
    const value = typeof raw === 'string' ? raw.trim().slice(0, MAX) : '';
    if (value === '') errors[spec.id] = 'required';
    else if (spec.options === 'offence' && !(OFFENCE_KINDS as readonly string[]).includes(value))
      errors[spec.id] = 'unknownOption';
    else if (spec.options === 'yesNo' && value !== 'yes' && value !== 'no') errors[spec.id] = 'unknownOption';
    values[spec.id] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const v = (id: string) => values[id] ?? '';
  switch (move) {
    case 'consult':
      return {
        ok: true,
        command: {
          name: 'consult',
          input: {
            on: v('on'),
            time: v('time'),
            inspector: v('inspector'),
            advice: v('advice'),
            offence: v('offence') as (typeof OFFENCE_KINDS)[number],
          },
        },
      };
    case 'conclude':
      return {
        ok: true,
        command: {
          name: 'conclude',
          input: { reasonableSuspicion: v('reasonableSuspicion') === 'yes', explanation: v('explanation') },
        },
      };
    case 'reportToPolice':
      return { ok: true, command: { name: 'reportToPolice', input: { on: v('on'), time: v('time'), by: v('by') } } };
    case 'recordMeasures':
      return {
        ok: true,
        command: { name: 'recordMeasures', input: { employee: v('employee'), parents: v('parents') } },
      };
    case 'recordAftercare':
      return { ok: true, command: { name: 'recordAftercare', input: { text: v('text') } } };
  }
}
