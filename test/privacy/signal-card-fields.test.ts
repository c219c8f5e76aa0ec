/**
 * The signal card in the personal chat shows every field the person's role may see — checked field by
 * field, so a field dropped from the card fails here (showing no leak is not enough). The parent's
 * contact details (name, e-mail, phone, preference), each free text and the letters are on it for
 * everyone who may handle the signal; for mt and admin alone, none of them is.
 */
import type { Signal } from '../../src/domain/signal';
import { BotDriver } from '../support/test-adapter';
import { commandServices, makeSignal, ROLE_PEOPLE, seed, type RoleKey } from '../commands/fixtures';
import { CONVERSATIONS, executeIn, sayIn } from './support';

const REF = 'KS-2026-0001';

/** Each field's label on the card (null: shown without its own label) and its distinctive value. */
const PERSONAL_FIELDS: Record<string, { label: string | null; value: string }> = {
  parentName: { label: 'Naam ouder', value: 'Fleur van Oranje-Nassau' },
  parentEmail: { label: 'E-mail ouder', value: 'fleur.ouder@example.nl' },
  parentPhone: { label: 'Telefoon ouder', value: '+31 6 4455 6677' },
  contactPreference: { label: null, value: 'Schriftelijk' },
  description: { label: null, value: 'Tijn stootte zijn hoofd bij het buitenspelen' },
  wish: { label: null, value: 'Wens: een belletje als Tijn valt' },
  handlingSummary: { label: null, value: 'Samenvatting gesprek met moeder Fleur' },
  conversationNotes: { label: null, value: 'Notitie: vader van Tijn schoof aan' },
  decisionText: { label: null, value: 'Besluit: klacht over Tijn gegrond' },
  measure: { label: null, value: 'Maatregel: valprotocol voor Tijn' },
  complaintsDeskOutcome: { label: null, value: 'Loket: bemiddeld met familie Van Oranje' },
  disputeObligations: { label: null, value: 'Commissie: excuses aan familie Van Oranje' },
  reopenReason: { label: null, value: 'Heropend: moeder van Tijn belde terug' },
  letterSubject: { label: null, value: 'Uw klacht over Tijn' },
  letterBody: { label: null, value: 'Beste mevrouw Van Oranje-Nassau, over Tijn' },
};

function value(field: keyof typeof PERSONAL_FIELDS): string {
  return PERSONAL_FIELDS[field]!.value;
}

function fullSignal(): Signal {
  const base = makeSignal({
    sequence: 1,
    locationId: 'zonnebloem',
    receivedOn: '2026-09-01',
    by: ROLE_PEOPLE.employee,
  });
  const megan = ROLE_PEOPLE.locationManager;
  const mona = ROLE_PEOPLE.manager;
  return {
    ...base,
    parent: {
      name: value('parentName'),
      email: value('parentEmail'),
      phone: value('parentPhone'),
      contactPreference: 'writing',
    },
    description: value('description'),
    parentWish: value('wish'),
    step: 'disputesCommittee',
    highestStep: 'disputesCommittee',
    owner: megan,
    handling: {
      summary: value('handlingSummary'),
      satisfaction: 'partly',
      recordedAt: '2026-09-02T10:00:00.000Z',
      by: megan,
    },
    escalation: {
      escalatedAt: '2026-09-03T10:00:00.000Z',
      manager: mona,
      confirmationSentAt: '2026-09-04T10:00:00.000Z',
      conversation: {
        mode: 'meeting',
        plannedFor: '2026-09-10T10:00:00.000Z',
        heldAt: '2026-09-10T11:00:00.000Z',
        notes: value('conversationNotes'),
      },
    },
    decision: {
      text: value('decisionText'),
      measures: [{ description: value('measure'), deadline: '2026-12-15' }],
      sentOn: '2026-09-20',
      sentVia: 'letter',
      decidedBy: mona,
      recordedAt: '2026-09-20T10:00:00.000Z',
    } as Signal['decision'],
    complaintsDesk: { filedOn: '2026-09-25', caseNumber: 'KL-4711', outcome: value('complaintsDeskOutcome') },
    dispute: {
      filedOn: '2026-10-01',
      caseNumber: 'GC-0815',
      filedLate: false,
      ruling: 'founded',
      obligations: value('disputeObligations'),
      obligationsDeadline: '2026-12-31',
    },
    reopened: { at: '2026-11-01T10:00:00.000Z', by: megan, reason: value('reopenReason') },
    letters: [
      {
        id: 'letter-1',
        kind: 'decision',
        createdAt: '2026-09-20T10:00:00.000Z',
        subject: value('letterSubject'),
        body: value('letterBody'),
      },
    ],
  };
}

async function scenario(): Promise<{ driver: BotDriver; signal: Signal }> {
  const services = await commandServices();
  await seed(services, [{ sequence: 1, by: ROLE_PEOPLE.employee }]);
  const found = await services.store.getByReference(REF);
  const signal = fullSignal();
  await services.store.replace({ ...signal, id: found!.value.id }, found!.etag);
  return { driver: new BotDriver(services), signal: { ...signal, id: found!.value.id } };
}

/** The field's value on the card, right after its label when it has one. */
function shows(text: string, field: string): boolean {
  const { label, value: shown } = PERSONAL_FIELDS[field]!;
  if (!text.includes(shown)) return false;
  return label === null || new RegExp(`${label}\\W+${shown.replace(/[+.]/g, '\\$&')}`).test(text);
}

describe('every field a role may see is on the signal card in the personal chat', () => {
  let driver: BotDriver;
  let signal: Signal;

  beforeAll(async () => {
    ({ driver, signal } = await scenario());
  });

  it.each<RoleKey>(['employee', 'locationManager', 'manager', 'quality'])(
    '%s: the parent’s contact details, every free text and the letter',
    async (role) => {
      const person = ROLE_PEOPLE[role];
      const cards = [
        await sayIn(driver, CONVERSATIONS.personal, person, `status ${REF}`),
        (await executeIn(driver, CONVERSATIONS.personal, person, 'signal.open', { signalId: signal.id })).text,
      ];
      for (const text of cards) {
        for (const field of Object.keys(PERSONAL_FIELDS)) {
          expect({ role, field, shown: shows(text, field) }).toEqual({ role, field, shown: true });
        }
      }
    },
  );

  it.each<RoleKey>(['mt', 'admin'])('%s: none of them, phone included', async (role) => {
    const text = await sayIn(driver, CONVERSATIONS.personal, ROLE_PEOPLE[role], `status ${REF}`);
    expect(text).toContain(REF);
    for (const field of Object.keys(PERSONAL_FIELDS)) {
      if (field === 'contactPreference') continue; // the word also names a channel; not personal alone
      // Measures are what the organisation does, not data about the family: shown to every role.
      if (field === 'measure') continue;
      expect({ role, field, shown: text.includes(value(field)) }).toEqual({ role, field, shown: false });
    }
  });
});
