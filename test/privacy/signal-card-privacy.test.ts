/**
 * Personal data on the signal card (src/app/access.ts): the parent's details AND every free text a
 * person typed about the family. mt and admin (alone) see the signal's facts, never those texts; a
 * group chat or team channel shows nobody those texts, whatever their role, and says where to look.
 * Everything goes through the real bot on botbuilder's TestAdapter, on real (in-memory) stores.
 */
import { randomUUID } from 'node:crypto';
import type { Signal } from '../../src/domain/signal';
import { BotDriver } from '../support/test-adapter';
import { commandServices, makeSignal, ROLE_PEOPLE, seed, type RoleKey } from '../commands/fixtures';
import { CONVERSATIONS, executeIn, sayIn, verbsOn } from './support';

const REF = 'KS-2026-0001';

/** Every free text about the family, each one distinctive, so a leak of any one of them is caught. */
const FREE_TEXT = {
  description: 'Onze dochter Kiki Jansen viel van de glijbaan',
  wish: 'Wens van de ouder over Kiki Jansen',
  handlingSummary: 'Afhandeling gebeld met de moeder van Kiki',
  conversationNotes: 'Gespreksnotitie vader van Kiki was boos',
  decisionText: 'Oordeel klacht over Kiki gegrond',
  complaintsDeskOutcome: 'Loket bemiddelde voor familie Jansen',
  disputeObligations: 'Commissie eist excuses aan familie Jansen',
  reopenReason: 'Heropend omdat de moeder van Kiki opnieuw belde',
} as const;
const PARENT = { name: 'Sanne de Vries', email: 'ouder@example.nl' };
/** A measure is what the organisation does, not data about the family: every viewer sees it (issue 23). */
const MEASURE = 'Elke groep krijgt een vaste mentor';

const ROLE_NOTICE = 'De gegevens van de ouder en wat er is gebeurd zijn niet zichtbaar voor jouw rol.';
const SHARED_NOTICE = 'de gegevens van de ouder en wat er is gebeurd staan in je persoonlijke chat';

/**
 * A complaint of De Zonnebloem (Megan's location), registered by Alex, that went all the way: handled,
 * escalated to Mona (conversation with notes, decision with a measure), Klachtenloket, Geschillencommissie,
 * closed and reopened (a history event with its reason as note).
 */
function richSignal(): Signal {
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
    description: FREE_TEXT.description,
    parentWish: FREE_TEXT.wish,
    step: 'disputesCommittee',
    highestStep: 'disputesCommittee',
    owner: megan,
    handling: {
      summary: FREE_TEXT.handlingSummary,
      satisfaction: 'notSatisfied',
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
        notes: FREE_TEXT.conversationNotes,
      },
    },
    decision: {
      text: FREE_TEXT.decisionText,
      measures: [{ description: MEASURE, deadline: '2026-12-15' }],
      sentOn: '2026-09-20',
      tenor: 'founded',
      sentVia: 'letter',
      decidedBy: mona,
      recordedAt: '2026-09-20T10:00:00.000Z',
    },
    complaintsDesk: { filedOn: '2026-09-25', caseNumber: 'KL-4711', outcome: FREE_TEXT.complaintsDeskOutcome },
    dispute: {
      filedOn: '2026-10-01',
      caseNumber: 'GC-0815',
      filedLate: false,
      ruling: 'founded',
      obligations: FREE_TEXT.disputeObligations,
      obligationsDeadline: '2026-12-31',
    },
    reopened: { at: '2026-11-01T10:00:00.000Z', by: megan, reason: FREE_TEXT.reopenReason },
    history: [
      ...base.history,
      { id: 'e-closed', type: 'closed', at: '2026-10-20T10:00:00.000Z', actor: megan },
      {
        id: 'e-reopened',
        type: 'reopened',
        at: '2026-11-01T10:00:00.000Z',
        actor: megan,
        note: FREE_TEXT.reopenReason,
      },
    ],
  };
}

async function scenario(): Promise<{ driver: BotDriver; signal: Signal }> {
  const services = await commandServices();
  const [signal] = await seed(services, [{ sequence: 1, by: ROLE_PEOPLE.employee }]);
  // seed() registers through the store; replace it with the fully worked-out version.
  const found = await services.store.getByReference(REF);
  await services.store.replace(richSignal(), found!.etag);
  return { driver: new BotDriver(services), signal: signal! };
}

function expectNoPersonalData(text: string): void {
  for (const [field, value] of Object.entries(FREE_TEXT)) {
    expect({ field, shown: text.includes(value) }).toEqual({ field, shown: false });
  }
  expect(text).not.toContain('Kiki');
  expect(text).not.toContain('Jansen');
  expect(text).not.toContain(PARENT.name);
  expect(text).not.toContain(PARENT.email);
}

function expectAllPersonalData(text: string): void {
  for (const [field, value] of Object.entries(FREE_TEXT)) {
    expect({ field, shown: text.includes(value) }).toEqual({ field, shown: true });
  }
  expect(text).toContain(PARENT.name);
  expect(text).toContain(PARENT.email);
}

/** What mt and admin need, and still get: the facts, dates, people and the history's events. */
function expectFacts(text: string): void {
  expect(text).toContain(REF);
  expect(text).toContain('KDV De Zonnebloem, Utrecht');
  expect(text).toContain('Communicatie');
  expect(text).toContain('Geschillencommissie');
  expect(text).toContain('Megan Bowen'); // owner, handler, actor in the history
  expect(text).toContain('Mona Manager'); // the step-2 manager
  expect(text).toContain('KL-4711');
  expect(text).toContain('GC-0815');
  expect(text).toContain('15 dec'); // the measure, with its deadline
  expect(text).toContain(MEASURE);
  expect(text).toContain('Heropend'); // the event and the warning, without the reason
  expect(text).toContain('Geregistreerd');
}

describe('free text about the family on the signal card, per role (personal chat)', () => {
  let driver: BotDriver;
  let signal: Signal;

  beforeAll(async () => {
    ({ driver, signal } = await scenario());
  });

  it.each<RoleKey>(['mt', 'admin'])('%s only: sees the facts, never a free text or the parent', async (role) => {
    const person = ROLE_PEOPLE[role];
    for (const text of [
      await sayIn(driver, CONVERSATIONS.personal, person, `status ${REF}`),
      (await executeIn(driver, CONVERSATIONS.personal, person, 'signal.open', { signalId: signal.id })).text,
      (await executeIn(driver, CONVERSATIONS.personal, person, 'signal.refresh', { signalId: signal.id })).text,
    ]) {
      expectNoPersonalData(text);
      expectFacts(text);
      expect(text).toContain(ROLE_NOTICE);
      expect(text).not.toContain(SHARED_NOTICE);
    }
  });

  it.each<RoleKey>(['locationManager', 'manager', 'quality', 'employee'])(
    '%s (may handle it): sees every free text and the parent',
    async (role) => {
      const text = await sayIn(driver, CONVERSATIONS.personal, ROLE_PEOPLE[role], `status ${REF}`);
      expectAllPersonalData(text);
      expectFacts(text);
      expect(text).not.toContain(ROLE_NOTICE);
    },
  );
});

describe('a free text typed through the bot is hidden from mt just the same', () => {
  it('the handling summary Megan records is not on the MT card', async () => {
    const services = await commandServices();
    const [signal] = await seed(services, [{ sequence: 1, by: ROLE_PEOPLE.employee }]);
    const driver = new BotDriver(services);
    const summary = 'Met de moeder van Bram Pietersen gesproken';
    const saved = await executeIn(driver, CONVERSATIONS.personal, ROLE_PEOPLE.locationManager, 'signal.move', {
      signalId: signal!.id,
      move: 'handle',
      formId: randomUUID(),
      summary,
      satisfaction: 'partly',
    });
    expect(saved.text).toContain(summary);
    const mt = await sayIn(driver, CONVERSATIONS.personal, ROLE_PEOPLE.mt, `status ${REF}`);
    expect(mt).toContain('Afhandeling');
    expect(mt).toContain('Deels tevreden');
    expect(mt).not.toContain('Bram');
    expect(mt).toContain(ROLE_NOTICE);
  });
});

describe('the signal card in a group chat or team channel', () => {
  let driver: BotDriver;
  let signal: Signal;

  beforeAll(async () => {
    ({ driver, signal } = await scenario());
  });

  it('status in the personal chat shows the parent and the free texts', async () => {
    const text = await sayIn(driver, CONVERSATIONS.personal, ROLE_PEOPLE.locationManager, `status ${REF}`);
    expectAllPersonalData(text);
    expect(text).not.toContain(SHARED_NOTICE);
  });

  it.each(['groupChat', 'channel'] as const)(
    'status in a %s: no parent, no free text, and the notice where to look',
    async (kind) => {
      for (const role of ['locationManager', 'quality', 'employee', 'manager'] as const) {
        const text = await sayIn(driver, CONVERSATIONS[kind], ROLE_PEOPLE[role], `status ${REF}`);
        expectNoPersonalData(text);
        expectFacts(text);
        // One line says where the personal data is; it is not repeated in place of every text.
        expect(text.split('persoonlijke chat').length - 1).toBe(1);
      }
    },
  );

  it('a conversation marked only as a group (no conversation type) counts as shared', async () => {
    const text = await sayIn(
      driver,
      { id: 'emulator-group', isGroup: true, name: 'groep', conversationType: undefined as unknown as string },
      ROLE_PEOPLE.locationManager,
      `status ${REF}`,
    );
    expectNoPersonalData(text);
    expect(text).toContain(SHARED_NOTICE);
  });

  it('mt in a group chat: the role notice, not a promise of the personal chat', async () => {
    const text = await sayIn(driver, CONVERSATIONS.groupChat, ROLE_PEOPLE.mt, `status ${REF}`);
    expectNoPersonalData(text);
    expect(text).toContain(ROLE_NOTICE);
    expect(text).not.toContain(SHARED_NOTICE);
  });

  it.each(['groupChat', 'channel'] as const)(
    'card actions in a %s answer with the card without personal data',
    async (kind) => {
      const megan = ROLE_PEOPLE.locationManager;
      const opened = await executeIn(driver, CONVERSATIONS[kind], megan, 'signal.open', { signalId: signal.id });
      const refreshed = await executeIn(driver, CONVERSATIONS[kind], megan, 'signal.refresh', { signalId: signal.id });
      const form = await executeIn(driver, CONVERSATIONS[kind], megan, 'signal.form', {
        signalId: signal.id,
        move: 'reopen',
      });
      for (const answer of [opened, refreshed, form]) {
        expectNoPersonalData(answer.text);
        expect(answer.text).toContain(SHARED_NOTICE);
      }
      // The same action in the personal chat does show it: the conversation decides, not the verb.
      expectAllPersonalData(
        (await executeIn(driver, CONVERSATIONS.personal, megan, 'signal.open', { signalId: signal.id })).text,
      );
    },
  );

  it('the AVG buttons (which answer with the parent data) are only offered in the personal chat', async () => {
    const quality = ROLE_PEOPLE.quality;
    const personal = await executeIn(driver, CONVERSATIONS.personal, quality, 'signal.open', { signalId: signal.id });
    expect(verbsOn(personal.card)).toEqual(expect.arrayContaining(['privacy.export', 'privacy.eraseConfirm']));
    const shared = await executeIn(driver, CONVERSATIONS.groupChat, quality, 'signal.open', { signalId: signal.id });
    expect(verbsOn(shared.card)).not.toContain('privacy.export');
    expect(verbsOn(shared.card)).not.toContain('privacy.eraseConfirm');
  });
});

describe('zoek in a group chat or channel', () => {
  let driver: BotDriver;

  beforeAll(async () => {
    ({ driver } = await scenario());
  });

  const SEARCH_REFUSED = 'Zoeken doe ik alleen in je persoonlijke chat';

  it('by the parent name: found in the personal chat only', async () => {
    const megan = ROLE_PEOPLE.locationManager;
    expect(await sayIn(driver, CONVERSATIONS.personal, megan, 'zoek sanne')).toContain(REF);
    for (const kind of ['groupChat', 'channel'] as const) {
      const text = await sayIn(driver, CONVERSATIONS[kind], megan, 'zoek sanne');
      expect(text).toContain(SEARCH_REFUSED);
      expect(text).not.toContain(REF);
    }
  });

  it('the "meer" button of a search card is refused there too', async () => {
    const result = await executeIn(driver, CONVERSATIONS.groupChat, ROLE_PEOPLE.locationManager, 'list.more', {
      query: JSON.stringify({ kind: 'search', text: 'sanne' }),
      continuation: 'any',
    });
    expect(result.text).toContain(SEARCH_REFUSED);
    expect(result.text).not.toContain(REF);
  });

  it('by reference still works, and mt (who never matches personal data) may search', async () => {
    expect(await sayIn(driver, CONVERSATIONS.groupChat, ROLE_PEOPLE.locationManager, `zoek ${REF}`)).toContain(REF);
    const mt = await sayIn(driver, CONVERSATIONS.groupChat, ROLE_PEOPLE.mt, 'zoek zonnebloem');
    expect(mt).toContain(REF);
    expect(mt).not.toContain(SEARCH_REFUSED);
  });

  it('lists (mijn, open, te laat) show only facts, in any conversation', async () => {
    for (const command of ['mijn', 'open', 'te laat', 'termijnen 365']) {
      const text = await sayIn(driver, CONVERSATIONS.groupChat, ROLE_PEOPLE.locationManager, command);
      expectNoPersonalData(text);
    }
  });
});
