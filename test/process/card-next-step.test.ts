/**
 * The signal card's buttons by role × kind × step (issue 23): the next step primary (one or two,
 * positive), the rest in the overflow (mode secondary), nothing of another role or that makes no
 * sense for the kind. Asserted on the card's structure, not on a snapshot of its JSON.
 */
import { signalCard, deadlineRows } from '../../cards/signal';
import { cardMoves } from '../../src/app/card-actions';
import { loadOrganisation } from '../../src/adapters/config/organisation-file';
import { DEFAULT_DEADLINE_SETTINGS, amsterdamDate } from '../../src/domain/deadlines';
import type { Person, Role } from '../../src/domain/organisation';
import { applyMove, type MoveCommand, type MoveName } from '../../src/domain/process';
import { registerSignal } from '../../src/domain/register';
import type { PersonRef, Signal, SignalKind } from '../../src/domain/signal';
import { PEOPLE, SAMPLE_ORGANISATION } from '../support/services';

const organisation = loadOrganisation(SAMPLE_ORGANISATION);
const personOf = (ref: { id: string }): Person => organisation.people.find((person) => person.id === ref.id)!;
const ref = (person: { id: string; name: string }): PersonRef => ({ id: person.id, name: person.name });

const VIEWERS: Record<Exclude<Role, 'admin'>, Person> = {
  employee: personOf(PEOPLE.employee),
  locationManager: personOf(PEOPLE.locationManager),
  manager: personOf(PEOPLE.manager),
  quality: personOf(PEOPLE.quality),
  mt: personOf(PEOPLE.admin),
};

const STEP_TWO: readonly MoveName[] = [
  'addSupporter',
  'confirmationSent',
  'conversationPlanned',
  'conversationHeld',
  'recordDecision',
];

function register(kind: SignalKind): Signal {
  return registerSignal(
    {
      id: `sig-${kind}`,
      reference: 'KS-2026-0100',
      input: {
        kind,
        locationId: 'zonnebloem',
        themeId: 'communication',
        channel: 'phone',
        receivedOn: '2026-11-23',
        parentName: 'Sanne de Vries',
        parentEmail: 'sanne@voorbeeld.nl',
        parentPhone: '',
        contactPreference: 'meeting',
        description: 'De overdracht was te kort.',
        parentWish: 'Een gesprek',
      },
      by: ref(PEOPLE.employee),
      at: new Date('2026-11-23T09:00:00Z'),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
}

type Step = [MoveCommand, { id: string; name: string }, string];
const STEPS: Record<string, Step> = {
  handledUnhappy: [
    { name: 'handle', input: { summary: 'Besproken', satisfaction: 'notSatisfied' } },
    PEOPLE.employee,
    '2026-11-23T10:00:00Z',
  ],
  toLocation: [
    { name: 'escalateToLocation', input: { locationManager: ref(PEOPLE.locationManager) } },
    PEOPLE.employee,
    '2026-11-23T11:00:00Z',
  ],
  toOrganisation: [
    { name: 'escalateToOrganisation', input: { manager: ref(PEOPLE.manager), supporter: ref(PEOPLE.quality) } },
    PEOPLE.locationManager,
    '2026-11-24T10:00:00Z',
  ],
  planned: [
    { name: 'conversationPlanned', input: { plannedFor: '2026-12-01T09:00:00Z' } },
    PEOPLE.manager,
    '2026-11-24T11:00:00Z',
  ],
  confirmed: [{ name: 'confirmationSent', input: {} }, PEOPLE.manager, '2026-11-24T12:00:00Z'],
  held: [
    { name: 'conversationHeld', input: { heldAt: '2026-12-01T10:00:00Z' } },
    PEOPLE.manager,
    '2026-12-01T11:00:00Z',
  ],
  decided: [
    {
      name: 'recordDecision',
      input: { text: 'Deels gegrond.', tenor: 'partlyFounded', measures: [], sentOn: '2026-12-02', sentVia: 'email' },
    },
    PEOPLE.manager,
    '2026-12-02T10:00:00Z',
  ],
  asked: [
    { name: 'handle', input: { summary: 'Oordeel besproken', satisfaction: 'satisfied' } },
    PEOPLE.manager,
    '2026-12-02T11:00:00Z',
  ],
  closed: [{ name: 'close', input: {} }, PEOPLE.manager, '2026-12-02T12:00:00Z'],
};
const ORDER = Object.keys(STEPS);

/** The signal after every step up to and including `until`. */
function through(kind: SignalKind, until: string): Signal {
  let signal = register(kind);
  for (const name of ORDER.slice(0, ORDER.indexOf(until) + 1)) {
    const [command, actor, at] = STEPS[name]!;
    const result = applyMove(signal, command, { actor: ref(actor), at: new Date(at), eventId: `evt-${name}` });
    if (!result.ok) throw new Error(`${name}: ${result.error}`);
    signal = result.signal;
  }
  return signal;
}

interface CardAction {
  verb: string;
  title: string;
  style: string;
  mode: string;
  data: { move: string };
}

/** The card as the viewer sees it, and its root actions. */
function viewed(signal: Signal, viewer: Person, now = new Date('2026-11-24T13:00:00Z')) {
  const today = amsterdamDate(now);
  const pressing = deadlineRows({ signal, now, today, deadlineSettings: DEFAULT_DEADLINE_SETTINGS })
    .filter((row) => row.pressing)
    .map((row) => row.key);
  const moves = cardMoves(signal, viewer, { shared: false, planInOutlook: false, pressing });
  const card = signalCard({
    signal,
    organisation,
    now,
    today,
    deadlineSettings: DEFAULT_DEADLINE_SETTINGS,
    showPersonalData: true,
    moves: moves.secondary,
    primary: moves.primary,
    ...(moves.blocked ? { blocked: moves.blocked } : {}),
  });
  const root =
    (card as unknown as { actions?: (CardAction & { card?: { body: { actions: CardAction[] }[] } })[] }).actions ?? [];
  // What does not fit on the card sits behind one more overflow entry ("Meer acties").
  const nested = root
    .flatMap((action) => action.card?.body.flatMap((set) => set.actions) ?? [])
    .map((action) => ({ ...action, style: 'default', mode: 'secondary' }));
  expect(root.length).toBeLessThanOrEqual(5);
  const actions = [...root, ...nested].filter((a) => a.verb === 'signal.form');
  return {
    card,
    primary: actions.filter((a) => a.mode === 'primary').map((a) => a.data.move),
    overflow: actions.filter((a) => a.mode === 'secondary').map((a) => a.data.move),
    actions,
  };
}

describe('signal card buttons by role × kind × step', () => {
  const cases: [string, SignalKind, string][] = [];
  for (const kind of ['complaint', 'question', 'compliment'] as SignalKind[])
    for (const step of ORDER)
      if (kind === 'complaint' || ['handledUnhappy', 'toLocation'].includes(step))
        cases.push([`${kind} ${step}`, kind, step]);

  it.each(cases)('%s: at most two primary buttons, positive; the rest in the overflow', (_name, kind, step) => {
    const signal = through(kind, step);
    for (const viewer of Object.values(VIEWERS)) {
      const { primary, actions } = viewed(signal, viewer);
      expect(primary.length).toBeLessThanOrEqual(2);
      for (const action of actions) {
        expect(action.style).toBe(action.mode === 'primary' ? 'positive' : 'default');
        expect(['primary', 'secondary']).toContain(action.mode);
      }
      // Every button once.
      const moves = actions.map((action) => action.data.move);
      expect(new Set(moves).size).toBe(moves.length);
    }
  });

  it('a medewerker never gets the organisation’s step-2 moves, nor the decision on a step-1 complaint of the centre', () => {
    for (const step of ['toLocation', 'toOrganisation', 'planned', 'confirmed', 'held']) {
      const { primary, overflow } = viewed(through('complaint', step), VIEWERS.employee);
      for (const move of STEP_TWO) {
        expect(primary).not.toContain(move);
        expect(overflow).not.toContain(move);
      }
    }
  });

  it('a vraag or a compliment offers no judgment, Klachtenloket or Geschillencommissie', () => {
    for (const kind of ['question', 'compliment'] as SignalKind[]) {
      for (const viewer of Object.values(VIEWERS)) {
        const { primary, overflow } = viewed(through(kind, 'toLocation'), viewer);
        for (const move of ['recordDecision', 'fileComplaintsDesk', 'fileDispute', 'disputeRuling'])
          expect([...primary, ...overflow]).not.toContain(move);
      }
    }
    // A compliment is not escalated at all.
    const { overflow, primary } = viewed(register('compliment'), VIEWERS.employee);
    expect([...primary, ...overflow]).not.toContain('escalateToLocation');
  });

  it('mt sees the card without a single move', () => {
    for (const step of ORDER) expect(viewed(through('complaint', step), VIEWERS.mt).actions).toEqual([]);
  });

  it('leads the manager through step 2, one primary step at a time', () => {
    const manager = VIEWERS.manager;
    expect(viewed(through('complaint', 'toOrganisation'), manager).primary).toEqual(['conversationPlanned']);
    const planned = viewed(through('complaint', 'planned'), manager);
    expect(planned.primary).toEqual(['confirmationSent']);
    // Planned: moving it is possible, from the overflow, under its own name.
    expect(planned.overflow).toContain('conversationPlanned');
    expect(planned.actions.find((a) => a.data.move === 'conversationPlanned')?.title).toBe('Gesprek verzetten');
    // Staf kw was added with the escalation: not offered again.
    expect(planned.overflow).not.toContain('addSupporter');
    expect(viewed(through('complaint', 'confirmed'), manager, new Date('2026-12-01T12:00:00Z')).primary).toEqual([
      'conversationHeld',
    ]);
    expect(viewed(through('complaint', 'held'), manager, new Date('2026-12-01T12:00:00Z')).primary).toEqual([
      'recordDecision',
    ]);
    expect(viewed(through('complaint', 'decided'), manager, new Date('2026-12-02T10:30:00Z')).primary).toEqual([
      'handle',
    ]);
    expect(viewed(through('complaint', 'asked'), manager, new Date('2026-12-02T11:30:00Z')).primary).toEqual(['close']);
    const closed = viewed(through('complaint', 'closed'), manager, new Date('2026-12-02T12:30:00Z'));
    expect(closed.primary).toEqual([]);
    expect(closed.overflow).toEqual(['reopen']);
  });

  it('at step 0 and 1: handle or escalate first, escalate when the parent is not satisfied', () => {
    expect(viewed(register('complaint'), VIEWERS.employee).primary).toEqual(['handle', 'escalateToLocation']);
    expect(viewed(through('complaint', 'handledUnhappy'), VIEWERS.employee).primary).toEqual(['escalateToLocation']);
    expect(viewed(through('complaint', 'toLocation'), VIEWERS.locationManager).primary).toEqual([
      'escalateToOrganisation',
    ]);
  });

  it('an overdue confirmation names what comes first, and that step is the primary button', () => {
    // Received on Monday 23 November: the confirmation was due on Sunday 29 November.
    const late = viewed(through('complaint', 'toOrganisation'), VIEWERS.manager, new Date('2026-11-30T10:00:00Z'));
    expect(late.primary).toEqual(['conversationPlanned']);
    expect(JSON.stringify(late.card)).toContain('Bevestiging (deze week): te laat. Plan eerst het gesprek');
  });

  it('a conversation held after its two weeks says so', () => {
    let signal = through('complaint', 'confirmed');
    const result = applyMove(
      signal,
      { name: 'conversationHeld', input: { heldAt: '2026-12-09T10:00:00Z' } },
      { actor: ref(PEOPLE.manager), at: new Date('2026-12-09T11:00:00Z'), eventId: 'late-held' },
    );
    if (!result.ok) throw new Error(result.error);
    signal = result.signal;
    const text = JSON.stringify(viewed(signal, VIEWERS.manager, new Date('2026-12-09T12:00:00Z')).card);
    expect(text).toContain('gedaan, te laat');
  });

  it('folds the parent’s details and the history behind toggles', () => {
    const { card } = viewed(through('complaint', 'closed'), VIEWERS.manager);
    const body = (card as unknown as { body: Record<string, unknown>[] }).body;
    for (const id of ['parentDetails', 'history']) {
      expect(body.find((element) => element.id === id)?.isVisible).toBe(false);
    }
    const toggles = JSON.stringify(body.filter((element) => element.type === 'ActionSet'));
    expect(toggles).toContain('"targetElements":["parentDetails"]');
    expect(toggles).toContain('"targetElements":["history"]');
  });

  it('in a group chat offers only moves whose form asks nothing about the family', () => {
    const signal = through('complaint', 'closed');
    const moves = cardMoves(signal, VIEWERS.manager, { shared: true, planInOutlook: false, pressing: [] });
    expect([...moves.primary, ...moves.secondary]).not.toContain('reopen');
    const open = cardMoves(through('complaint', 'toLocation'), VIEWERS.locationManager, {
      shared: true,
      planInOutlook: false,
      pressing: [],
    });
    expect([...open.primary, ...open.secondary]).not.toContain('handle');
    expect(open.primary).toEqual(['escalateToOrganisation']);
  });
});
