import { validateIntake, type IntakeContext } from '../../src/domain/intake';

const context: IntakeContext = { locationIds: ['zonnebloem'], themeIds: ['communication'], today: '2026-11-25' };
const complete = {
  kind: 'complaint',
  locationId: 'zonnebloem',
  themeId: 'communication',
  channel: 'phone',
  receivedOn: '2026-11-24',
  parentName: 'Sanne de Vries',
  parentEmail: 'sanne@example.nl',
  contactPreference: 'meeting',
  description: 'De overdracht was te kort.',
};

describe('intake validation', () => {
  it('accepts a submit where Teams left the empty optional inputs out', () => {
    const result = validateIntake(complete, context);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ parentPhone: undefined, parentWish: undefined }),
    });
  });

  it('accepts a phone number instead of an e-mail address', () => {
    const { parentEmail: _omitted, ...withoutEmail } = complete;
    expect(validateIntake({ ...withoutEmail, parentPhone: '030 123 45 67' }, context).ok).toBe(true);
  });

  it('asks for an e-mail address or phone number when both are missing', () => {
    const { parentEmail: _omitted, ...withoutContact } = complete;
    expect(validateIntake(withoutContact, context)).toEqual({ ok: false, errors: { parentEmail: 'contactRequired' } });
  });

  it('names each wrong field once, with its first problem', () => {
    const result = validateIntake(
      { ...complete, kind: 'klacht', receivedOn: '2026-02-30', parentEmail: 'geen adres', description: '  ' },
      context,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        kind: 'unknownOption',
        receivedOn: 'invalidDate',
        parentEmail: 'invalidEmail',
        description: 'required',
      },
    });
  });

  it('refuses dates in the future and more than a year back', () => {
    expect(validateIntake({ ...complete, receivedOn: '2026-11-26' }, context)).toMatchObject({
      errors: { receivedOn: 'dateInFuture' },
    });
    expect(validateIntake({ ...complete, receivedOn: '2025-11-24' }, context)).toMatchObject({
      errors: { receivedOn: 'dateTooOld' },
    });
  });

  it('treats anything that is not an object as an empty submit', () => {
    for (const raw of [null, 'tekst', 42, [complete]]) {
      const result = validateIntake(raw, context);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.kind).toBe('required');
    }
  });

  it('refuses text that is too long', () => {
    expect(validateIntake({ ...complete, description: 'x'.repeat(4001) }, context)).toMatchObject({
      errors: { description: 'tooLong' },
    });
  });
});
