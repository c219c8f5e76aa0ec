/**
 * Small pure rules next to the legal core: anonymise clears every free text and keeps the facts
 * (once per event id, never twice), registration's starting state and empty wish, and how typed
 * references are read.
 */
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import { formatReference, isReference, normaliseReference } from '../../src/domain/reference';
import { registerSignal } from '../../src/domain/register';
import { anonymise } from '../../src/domain/retention';
import type { Decision, Signal } from '../../src/domain/signal';

const employee = { id: 'emp-1', name: 'Eva' };
const input = {
  kind: 'complaint' as const,
  locationId: 'zon',
  themeId: 'communicatie',
  channel: 'phone' as const,
  receivedOn: '2026-03-02',
  parentName: 'Ouder Naam',
  parentEmail: 'ouder@example.nl',
  parentPhone: undefined,
  contactPreference: 'phone' as const,
  description: 'Omschrijving',
  parentWish: 'Wens',
};

function full(): Signal {
  const signal = registerSignal(
    { id: 's1', reference: 'KS-2026-0001', input, by: employee, at: new Date('2026-03-02T09:00:00Z') },
    DEFAULT_DEADLINE_SETTINGS,
  );
  return {
    ...signal,
    status: 'closed',
    closedAt: '2026-05-01T10:00:00.000Z',
    handling: { summary: 'Samenvatting', satisfaction: 'partly', recordedAt: '2026-03-03T09:00:00Z', by: employee },
    escalation: { escalatedAt: '2026-03-04T09:00:00Z', conversation: { mode: 'meeting', notes: 'Notities' } },
    decision: {
      text: 'Besluit',
      measures: [{ description: 'Maatregel', deadline: '2026-06-01' }],
      sentOn: '2026-04-01',
      sentVia: 'email',
      decidedBy: employee,
      recordedAt: '2026-04-01T09:00:00Z',
    } as Decision,
    complaintsDesk: { filedOn: '2026-04-10', caseNumber: 'KL-1', outcome: 'Uitkomst' },
    dispute: { filedOn: '2026-04-20', caseNumber: 'GC-1', filedLate: false, obligations: 'Verplichtingen' },
    reopened: { at: '2026-04-15T09:00:00Z', by: employee, reason: 'Reden' },
    letters: [{ id: 'l1', kind: 'decision', createdAt: '2026-04-01T09:00:00Z', subject: 'Onderwerp', body: 'Tekst' }],
    history: [
      ...signal.history,
      { id: 'e1', type: 'reopened', at: '2026-04-15T09:00:00Z', actor: employee, note: 'Notitie' },
    ],
  };
}

const context = {
  at: new Date('2028-05-02T01:00:00Z'),
  actor: { id: 'system:retention', name: 'Bewaartermijn' },
  eventId: 's1:anonymised',
  reason: 'retention' as const,
};

describe('anonymise', () => {
  it('clears every free text and the parent, keeps the facts, and says so in the history', () => {
    const before = full();
    const after = anonymise(before, context);
    expect(after).toMatchObject({
      parent: null,
      description: '',
      parentWish: '',
      handling: { summary: '', satisfaction: 'partly' },
      escalation: { conversation: { mode: 'meeting', notes: undefined } },
      decision: { text: '', measures: [{ description: '', deadline: '2026-06-01' }], sentOn: '2026-04-01' },
      complaintsDesk: { outcome: '', caseNumber: 'KL-1' },
      dispute: { obligations: '', caseNumber: 'GC-1' },
      reopened: { reason: '' },
      letters: [],
      anonymisedAt: '2028-05-02T01:00:00.000Z',
      kind: 'complaint',
      locationId: 'zon',
      receivedOn: '2026-03-02',
      closedAt: '2026-05-01T10:00:00.000Z',
    });
    expect(after.history.map((event) => event.note ?? null)).toEqual([null, '', 'retention']);
    expect(after.history.at(-1)).toEqual({
      id: 's1:anonymised',
      type: 'anonymised',
      at: '2028-05-02T01:00:00.000Z',
      actor: context.actor,
      note: 'retention',
    });
    expect(JSON.stringify(after)).not.toMatch(
      /Ouder Naam|ouder@example|Omschrijving|Wens|Samenvatting|Notities|Besluit|Maatregel|Uitkomst|Verplichtingen|Reden|Onderwerp|Tekst|Notitie"/,
    );
  });

  it('leaves absent parts absent', () => {
    const bare = registerSignal(
      { id: 's2', reference: 'KS-2026-0002', input, by: employee, at: new Date('2026-03-02T09:00:00Z') },
      DEFAULT_DEADLINE_SETTINGS,
    );
    const after = anonymise(
      {
        ...bare,
        complaintsDesk: { filedOn: '2026-04-10', caseNumber: 'KL-1' },
        dispute: { filedOn: '2026-04-20', caseNumber: 'GC-1', filedLate: false },
      },
      context,
    );
    expect([after.handling, after.escalation, after.decision, after.reopened]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(after.complaintsDesk).toEqual({ filedOn: '2026-04-10', caseNumber: 'KL-1', outcome: undefined });
    expect(after.dispute).toEqual({
      filedOn: '2026-04-20',
      caseNumber: 'GC-1',
      filedLate: false,
      obligations: undefined,
    });
  });

  it('is done once: an anonymised signal, or one that has the event id, comes back unchanged', () => {
    const once = anonymise(full(), context);
    expect(anonymise(once, { ...context, eventId: 'another' })).toBe(once);
    const withEvent = full();
    withEvent.history.push({ id: 'erase-1', type: 'closed', at: '2026-05-01T10:00:00Z', actor: employee });
    expect(anonymise(withEvent, { ...context, eventId: 'erase-1' })).toBe(withEvent);
    expect(anonymise(full(), { ...context, eventId: 'erase-2' }).parent).toBeNull();
  });
});

describe('registration', () => {
  it('starts at step 0 with the registrar as owner, an empty wish when none was given, and the starting state in the first event', () => {
    const signal = registerSignal(
      {
        id: 's3',
        reference: 'KS-2026-0003',
        input: { ...input, parentWish: undefined },
        by: employee,
        at: new Date('2026-03-02T09:00:00Z'),
      },
      DEFAULT_DEADLINE_SETTINGS,
    );
    expect(signal.parentWish).toBe('');
    expect(signal.history[0]!.after).toEqual({
      reference: 'KS-2026-0003',
      kind: 'complaint',
      locationId: 'zon',
      owner: employee,
      step: 'employee',
      highestStep: 'employee',
      status: 'open',
      deadlines: signal.deadlines,
      nextDeadline: signal.nextDeadline,
    });
    expect(JSON.stringify(signal.history)).not.toContain('Ouder Naam');
  });
});

describe('references', () => {
  it.each([
    ['KS-2026-0042', 'KS-2026-0042'],
    ['ks-2026-42', 'KS-2026-0042'],
    ['KS 2026 0042', 'KS-2026-0042'],
    ['2026-42', 'KS-2026-0042'],
    ['  ks2026-7  ', 'KS-2026-0007'],
    ['KS - 2026 - 123456', 'KS-2026-123456'],
  ])('reads %s as %s', (typed, reference) => {
    expect(normaliseReference(typed)).toBe(reference);
  });

  it.each([
    'x KS-2026-0042',
    'KS-2026-0042 x',
    'KS-2026-1234567',
    'KS-26-42',
    'KS-2026',
    'KSX-2026-42',
    'ks_2026_42',
    'KS2026042',
  ])('does not read %s', (typed) => {
    expect(normaliseReference(typed)).toBeUndefined();
  });

  it('formats and recognises the canonical form only', () => {
    expect(formatReference(2027, 5)).toBe('KS-2027-0005');
    expect(isReference('KS-2027-0005')).toBe(true);
    expect(isReference('ks-2027-0005')).toBe(false);
    expect(isReference('KS-2027-05')).toBe(false);
  });
});
