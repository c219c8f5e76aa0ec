/**
 * Every intake field against every rule that applies to it: required or not, its length limit (the
 * limit itself passes, one more is refused, surrounding blanks do not count), its pattern or option
 * list, and for the date the calendar and the one-year window. One field per rule is not enough: a
 * limit or pattern loosened on any single field must fail here.
 */
import {
  INTAKE_FIELDS,
  MAX_SHORT_TEXT,
  MAX_TEXT,
  validateIntake,
  type IntakeContext,
  type IntakeField,
} from '../../src/domain/intake';
import { CHANNELS, CONTACT_PREFERENCES, SIGNAL_KINDS } from '../../src/domain/signal';

const LONG_LOCATION = 'l'.repeat(MAX_SHORT_TEXT);
const LONG_THEME = 't'.repeat(MAX_SHORT_TEXT);
const context: IntakeContext = {
  locationIds: ['zonnebloem', LONG_LOCATION, 'l'.repeat(MAX_SHORT_TEXT + 1)],
  themeIds: ['communication', LONG_THEME, 't'.repeat(MAX_SHORT_TEXT + 1)],
  today: '2026-11-25',
};

const complete: Record<IntakeField, string> = {
  kind: 'complaint',
  locationId: 'zonnebloem',
  themeId: 'communication',
  channel: 'phone',
  receivedOn: '2026-11-24',
  parentName: 'Sanne de Vries',
  parentEmail: 'sanne@example.nl',
  parentPhone: '030 123 45 67',
  contactPreference: 'meeting',
  description: 'De overdracht was te kort.',
  parentWish: 'Een gesprek',
  reportingDuty: 'no',
};

/** What validateIntake makes of `complete`: the meldplicht answer becomes a flag. */
const completeValue = { ...complete, reportingDuty: false };

function errorsOf(changes: Record<string, unknown>, today = context) {
  const result = validateIntake({ ...complete, ...changes }, today);
  return result.ok ? {} : result.errors;
}

function accepted(changes: Record<string, unknown>, today = context) {
  const result = validateIntake({ ...complete, ...changes }, today);
  if (!result.ok) throw new Error(`refused ${JSON.stringify(changes).slice(0, 80)}: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** A valid value of exactly `length` characters for the field. */
const OF_LENGTH: Record<IntakeField, (length: number) => string> = {
  kind: (n) => 'k'.repeat(n),
  locationId: (n) => 'l'.repeat(n),
  themeId: (n) => 't'.repeat(n),
  channel: (n) => 'c'.repeat(n),
  receivedOn: (n) => '2026-11-24'.padEnd(n, '0'),
  parentName: (n) => 'S'.repeat(n),
  parentEmail: (n) => `${'a'.repeat(n - '@example.nl'.length)}@example.nl`,
  parentPhone: (n) => '0'.repeat(n),
  contactPreference: (n) => 'm'.repeat(n),
  description: (n) => 'd'.repeat(n),
  parentWish: (n) => 'w'.repeat(n),
  reportingDuty: (n) => 'n'.repeat(n),
};

describe('intake: required and optional fields', () => {
  const REQUIRED: IntakeField[] = [
    'kind',
    'locationId',
    'themeId',
    'channel',
    'receivedOn',
    'parentName',
    'contactPreference',
    'description',
  ];

  it('knows every field of the card', () => {
    expect([...INTAKE_FIELDS].sort()).toEqual(Object.keys(complete).sort());
  });

  it.each(REQUIRED)('%s is required: absent, empty or blank is refused', (field) => {
    const { [field]: _left, ...without } = complete;
    expect(validateIntake(without, context)).toEqual({ ok: false, errors: { [field]: 'required' } });
    expect(errorsOf({ [field]: '' })).toEqual({ [field]: 'required' });
    expect(errorsOf({ [field]: '  \n ' })).toEqual({ [field]: 'required' });
    expect(errorsOf({ [field]: null })).toEqual({ [field]: 'required' });
  });

  it.each(['parentEmail', 'parentPhone', 'parentWish'] as const)(
    '%s is optional: absent or blank is empty',
    (field) => {
      const { [field]: _left, ...without } = complete;
      expect(validateIntake(without, context)).toEqual({
        ok: true,
        value: expect.objectContaining({ [field]: undefined }),
      });
      expect(accepted({ [field]: '   ' })[field]).toBeUndefined();
    },
  );

  it('needs an e-mail address or a phone number, and accepts either alone', () => {
    expect(errorsOf({ parentEmail: '', parentPhone: ' ' })).toEqual({ parentEmail: 'contactRequired' });
    expect(accepted({ parentEmail: undefined }).parentPhone).toBe('030 123 45 67');
    expect(accepted({ parentPhone: undefined }).parentEmail).toBe('sanne@example.nl');
  });

  it('refuses values that are not text', () => {
    for (const field of REQUIRED) expect(errorsOf({ [field]: 42 })[field]).toBeDefined();
    expect(errorsOf({ parentEmail: 42 }).parentEmail).toBeDefined();
    expect(errorsOf({ parentPhone: ['030 123 45 67'] }).parentPhone).toBeDefined();
    expect(errorsOf({ parentWish: { text: 'x' } }).parentWish).toBeDefined();
  });
});

describe('intake: length limits', () => {
  const LIMITS: [IntakeField, number][] = [
    ['parentName', MAX_SHORT_TEXT],
    ['parentEmail', MAX_SHORT_TEXT],
    ['parentPhone', 40],
    ['description', MAX_TEXT],
    ['parentWish', MAX_TEXT],
    ['locationId', MAX_SHORT_TEXT],
    ['themeId', MAX_SHORT_TEXT],
    ['kind', MAX_SHORT_TEXT],
    ['channel', MAX_SHORT_TEXT],
    ['contactPreference', MAX_SHORT_TEXT],
    ['receivedOn', 10],
  ];

  it('has the documented limits', () => {
    expect([MAX_SHORT_TEXT, MAX_TEXT]).toEqual([200, 4000]);
  });

  it.each(LIMITS)('%s: one character over %i is too long', (field, limit) => {
    expect(errorsOf({ [field]: OF_LENGTH[field](limit + 1) })).toEqual({ [field]: 'tooLong' });
    expect(errorsOf({ [field]: OF_LENGTH[field](limit + 1000) })).toEqual({ [field]: 'tooLong' });
  });

  it.each(['parentName', 'parentEmail', 'description', 'parentWish', 'locationId', 'themeId'] as const)(
    '%s: exactly the limit is accepted, and blanks around it do not count',
    (field) => {
      const limit = LIMITS.find(([name]) => name === field)![1];
      const value = OF_LENGTH[field](limit);
      expect(accepted({ [field]: value })[field]).toBe(value);
      expect(accepted({ [field]: `  ${value}\n` })[field]).toBe(value);
    },
  );

  it('receivedOn: blanks around the date do not count', () => {
    expect(accepted({ receivedOn: ' 2026-11-24 ' }).receivedOn).toBe('2026-11-24');
  });
});

describe('intake: patterns', () => {
  it.each(['sanne@example.nl', 'S.de.Vries+school@mail.example.com', 'o@x.co', 'ouder-1@sub-domein.example.amsterdam'])(
    'accepts the e-mail address %s',
    (email) => {
      expect(accepted({ parentEmail: email }).parentEmail).toBe(email);
    },
  );

  it.each([
    'ouder@example',
    'ouder@example.n',
    'ouderexample.nl',
    '@example.nl',
    'ouder@',
    'ouder@.nl',
    'ouder@@example.nl',
    'ou der@example.nl',
    'ouder@exa mple.nl',
    '<ouder@example.nl>',
    'ouder@example,nl',
    'ouder;ander@example.nl',
    'ouder:x@example.nl',
    '"ouder"@example.nl',
    'ouder(x)@example.nl',
    'ouder@[127.0.0.1]',
    'ouder\\x@example.nl',
    'ouder@example.nl, ander@example.nl',
  ])('refuses the e-mail address %s', (email) => {
    expect(errorsOf({ parentEmail: email })).toEqual({ parentEmail: 'invalidEmail' });
  });

  it.each(['0301234567', '030 123 45 67', '+31 30 123 45 67', '(030) 123-4567', '12345678', '+' + '1'.repeat(19)])(
    'accepts the phone number %s',
    (phone) => {
      expect(accepted({ parentPhone: phone }).parentPhone).toBe(phone);
    },
  );

  it.each([
    '1234567',
    '1'.repeat(21),
    '030-abc-4567',
    '030.123.4567',
    '++31301234567',
    '0301234567+',
    'tel 0301234567',
    '030/1234567',
  ])('refuses the phone number %s', (phone) => {
    expect(errorsOf({ parentPhone: phone })).toEqual({ parentPhone: 'invalidPhone' });
  });
});

describe('intake: options', () => {
  const OPTIONS: [IntakeField, readonly string[]][] = [
    ['kind', SIGNAL_KINDS],
    ['channel', CHANNELS],
    ['contactPreference', CONTACT_PREFERENCES],
  ];

  it.each(OPTIONS)('%s accepts each of its options', (field, options) => {
    for (const option of options) expect(accepted({ [field]: option })[field]).toBe(option);
  });

  it.each(OPTIONS)('%s refuses anything else, case and Dutch names included', (field, options) => {
    for (const wrong of ['klacht', 'telefoon', options[0]!.toUpperCase(), `${options[0]}x`, 'other ' + options[0]]) {
      expect(errorsOf({ [field]: wrong })).toEqual({ [field]: 'unknownOption' });
    }
  });

  it('accepts only the organisation’s locations and themes', () => {
    expect(accepted({ locationId: LONG_LOCATION, themeId: LONG_THEME })).toMatchObject({
      locationId: LONG_LOCATION,
      themeId: LONG_THEME,
    });
    expect(errorsOf({ locationId: 'elders', themeId: 'communicatie' })).toEqual({
      locationId: 'unknownOption',
      themeId: 'unknownOption',
    });
    expect(accepted({ locationId: ' zonnebloem ' }).locationId).toBe('zonnebloem');
  });
});

describe('intake: the date of receipt', () => {
  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-11-00',
    '26-11-24',
    '2026/11/24',
    '24-11-2026',
    'gisteren',
  ])('refuses %s as no date', (date) => {
    expect(errorsOf({ receivedOn: date })).toEqual({ receivedOn: 'invalidDate' });
  });

  it('accepts a leap day', () => {
    expect(accepted({ receivedOn: '2028-02-29' }, { ...context, today: '2028-03-01' }).receivedOn).toBe('2028-02-29');
  });

  it('accepts today and exactly a year back, not tomorrow and not a day more', () => {
    expect(accepted({ receivedOn: '2026-11-25' }).receivedOn).toBe('2026-11-25');
    expect(accepted({ receivedOn: '2025-11-25' }).receivedOn).toBe('2025-11-25');
    expect(errorsOf({ receivedOn: '2026-11-26' })).toEqual({ receivedOn: 'dateInFuture' });
    expect(errorsOf({ receivedOn: '2027-01-01' })).toEqual({ receivedOn: 'dateInFuture' });
    expect(errorsOf({ receivedOn: '2025-11-24' })).toEqual({ receivedOn: 'dateTooOld' });
  });

  it('counts the year back across New Year', () => {
    const newYear = { ...context, today: '2027-01-01' };
    expect(accepted({ receivedOn: '2026-12-31' }, newYear).receivedOn).toBe('2026-12-31');
    expect(accepted({ receivedOn: '2026-01-01' }, newYear).receivedOn).toBe('2026-01-01');
    expect(errorsOf({ receivedOn: '2025-12-31' }, newYear)).toEqual({ receivedOn: 'dateTooOld' });
  });
});

describe('intake: the accepted value', () => {
  it('holds every field, trimmed', () => {
    const padded = Object.fromEntries(Object.entries(complete).map(([field, value]) => [field, ` ${value} `]));
    expect(validateIntake(padded, context)).toEqual({ ok: true, value: completeValue });
  });

  it('ignores fields the card does not have', () => {
    expect(validateIntake({ ...complete, isAdmin: 'true', __proto__: { kind: 'x' } }, context)).toEqual({
      ok: true,
      value: completeValue,
    });
  });
});
