/**
 * The hand-computed data set of the analysis tests: twelve signals of 2026 (nine complaints) and
 * two of 2025, built with registerSignal and the process moves on a manual clock, so they are
 * exactly what the bot would store. The expected figures are worked out in analysis.test.ts.
 */
import { ManualClock } from '../../src/domain/clock';
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import type { IntakeInput } from '../../src/domain/intake';
import { applyMove, type MoveCommand } from '../../src/domain/process';
import { registerSignal } from '../../src/domain/register';
import type { Channel, PersonRef, Signal, SignalKind, Tenor } from '../../src/domain/signal';

export const employee: PersonRef = { id: 'emp-1', name: 'Eva Medewerker' };
export const manager: PersonRef = { id: 'mgr-1', name: 'Mira Manager' };
export const locationManager: PersonRef = { id: 'lm-1', name: 'Lars Locatiemanager' };

/** Strings that must never reach a report. */
export const SECRET_NAME = 'Ouder Geheimnaam';
export const SECRET_TEXT = 'GEHEIM-DETAIL-OVER-KIND';
export const SECRET_EMAIL = 'geheim@example.nl';

export const LOCATIONS = [
  { id: 'loc-zon', name: 'Kindercentrum De Zon', lrk: '123456789' },
  { id: 'loc-maan', name: 'Kindercentrum De Maan' },
];
export const THEMES = [
  { id: 'communicatie', name: 'Communicatie' },
  { id: 'pedagogisch', name: 'Pedagogisch handelen' },
  { id: 'veiligheid', name: 'Veiligheid & gezondheid' },
  { id: 'planning', name: 'Planning & plaatsing' },
  { id: 'voeding', name: 'Voeding' },
  { id: 'personeel', name: 'Personeel' },
];

interface Spec {
  key: string;
  kind: SignalKind;
  locationId: string;
  themeId: string;
  channel: Channel;
  receivedOn: string;
  /** Moves in order, each at its own instant. */
  moves: [at: string, command: MoveCommand][];
}

let sequence = 0;

/** Registers at 09:00 UTC on the day of receipt, then applies each move at its instant. */
export function build(spec: Spec): Signal {
  sequence += 1;
  const clock = new ManualClock(new Date(`${spec.receivedOn}T09:00:00Z`));
  const input: IntakeInput = {
    kind: spec.kind,
    locationId: spec.locationId,
    themeId: spec.themeId,
    channel: spec.channel,
    receivedOn: spec.receivedOn,
    parentName: SECRET_NAME,
    parentEmail: SECRET_EMAIL,
    parentPhone: undefined,
    contactPreference: 'meeting',
    description: SECRET_TEXT,
    parentWish: SECRET_TEXT,
  };
  const year = spec.receivedOn.slice(0, 4);
  let signal = registerSignal(
    {
      id: `sig-${spec.key}`,
      reference: `KS-${year}-${String(sequence).padStart(4, '0')}`,
      input,
      by: employee,
      at: clock.now(),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
  spec.moves.forEach(([at, command], index) => {
    clock.set(new Date(at));
    const actor = command.name === 'escalateToOrganisation' || command.name === 'recordDecision' ? manager : employee;
    const result = applyMove(signal, command, { actor, at: clock.now(), eventId: `${spec.key}-${index}` });
    if (!result.ok) throw new Error(`${spec.key}: ${command.name} refused: ${result.error} ${result.field ?? ''}`);
    signal = result.signal;
  });
  return signal;
}

const handle = (satisfaction: 'satisfied' | 'partly' | 'notSatisfied' | 'unreachable'): MoveCommand => ({
  name: 'handle',
  input: { summary: 'Besproken met de ouder.', satisfaction },
});
const toLocation: MoveCommand = { name: 'escalateToLocation', input: { locationManager } };
const toOrganisation: MoveCommand = { name: 'escalateToOrganisation', input: { manager } };
const decision = (sentOn: string, measures: number, tenor: Tenor): MoveCommand => ({
  name: 'recordDecision',
  input: {
    text: 'Besluit met motivering.',
    measures: Array.from({ length: measures }, (_, i) => ({
      description: `Maatregel ${i + 1}`,
      deadline: '2027-01-31',
    })),
    sentOn,
    tenor,
    sentVia: 'email',
  },
});
const close: MoveCommand = { name: 'close', input: {} };

export function dataset2026(): Signal[] {
  const signals = [
    // A: received just before the October DST change; written outcome sent 23:30 Amsterdam on the last day → met, 42 days.
    build({
      key: 'A',
      kind: 'complaint',
      locationId: 'loc-zon',
      themeId: 'communicatie',
      channel: 'phone',
      receivedOn: '2026-10-20',
      moves: [
        ['2026-10-21T08:00:00Z', handle('satisfied')],
        ['2026-10-21T09:00:00Z', toLocation],
        ['2026-12-01T22:30:00Z', decision('2026-12-01', 1, 'resolvedByAgreement')],
        ['2026-12-01T22:31:00Z', close],
      ],
    }),
    // B: October DST; written outcome 00:15 Amsterdam the day after the term (23:15 UTC on the last day) → missed, 43 days.
    build({
      key: 'B',
      kind: 'complaint',
      locationId: 'loc-zon',
      themeId: 'voeding',
      channel: 'email',
      receivedOn: '2026-10-23',
      moves: [
        ['2026-10-23T10:00:00Z', handle('satisfied')],
        ['2026-12-04T23:15:00Z', decision('2026-12-05', 0, 'unfounded')],
        ['2026-12-04T23:16:00Z', close],
      ],
    }),
    // C: received just before the March DST change; closed 23:30 CEST on the last day → met, 42 days.
    build({
      key: 'C',
      kind: 'complaint',
      locationId: 'loc-maan',
      themeId: 'communicatie',
      channel: 'inPerson',
      receivedOn: '2026-03-27',
      moves: [
        ['2026-03-27T10:00:00Z', handle('partly')],
        ['2026-05-08T21:30:00Z', decision('2026-05-08', 0, 'partlyFounded')],
        ['2026-05-08T21:31:00Z', close],
      ],
    }),
    // D: March DST, escalated to step 2: confirmation 23:30 CEST on the Sunday (met), conversation on
    // the last day (met); judgment sent 00:10 Amsterdam after the term → missed, 43 days.
    build({
      key: 'D',
      kind: 'complaint',
      locationId: 'loc-maan',
      themeId: 'veiligheid',
      channel: 'phone',
      receivedOn: '2026-03-26',
      moves: [
        ['2026-03-26T09:30:00Z', handle('satisfied')],
        ['2026-03-26T10:00:00Z', toOrganisation],
        ['2026-03-27T10:00:00Z', { name: 'conversationPlanned', input: { plannedFor: '2026-04-09T10:00:00Z' } }],
        ['2026-03-29T21:30:00Z', { name: 'confirmationSent', input: {} }],
        ['2026-04-09T11:00:00Z', { name: 'conversationHeld', input: { heldAt: '2026-04-09T10:00:00Z' } }],
        ['2026-05-07T22:10:00Z', decision('2026-05-08', 0, 'founded')],
        ['2026-05-07T22:10:30Z', handle('satisfied')],
        ['2026-05-07T22:11:00Z', close],
      ],
    }),
    // E: all the way to the Geschillencommissie (deels gegrond); confirmation and conversation late;
    // the judgment after 18 days settled it in time, whatever followed.
    build({
      key: 'E',
      kind: 'complaint',
      locationId: 'loc-zon',
      themeId: 'communicatie',
      channel: 'inPerson',
      receivedOn: '2026-02-02',
      moves: [
        ['2026-02-02T10:00:00Z', handle('notSatisfied')],
        ['2026-02-02T11:00:00Z', toLocation],
        ['2026-02-03T10:00:00Z', toOrganisation],
        [
          '2026-02-05T10:00:00Z',
          {
            name: 'conversationPlanned',
            input: { plannedFor: '2026-02-18T09:00:00Z', lateReason: 'Ouder kon niet eerder' },
          },
        ],
        ['2026-02-09T08:00:00Z', { name: 'confirmationSent', input: {} }],
        ['2026-02-18T10:00:00Z', { name: 'conversationHeld', input: { heldAt: '2026-02-18T09:00:00Z' } }],
        ['2026-02-20T10:00:00Z', decision('2026-02-20', 2, 'partlyFounded')],
        ['2026-03-01T10:00:00Z', { name: 'fileComplaintsDesk', input: { filedOn: '2026-03-01', caseNumber: 'KL-1' } }],
        ['2026-03-20T10:00:00Z', { name: 'complaintsDeskOutcome', input: { outcome: 'Geen overeenstemming.' } }],
        ['2026-04-01T10:00:00Z', { name: 'fileDispute', input: { filedOn: '2026-04-01', caseNumber: 'GC-1' } }],
        ['2026-05-15T10:00:00Z', { name: 'disputeRuling', input: { ruling: 'partlyFounded' } }],
        ['2026-06-01T09:00:00Z', handle('notSatisfied')],
        ['2026-06-01T10:00:00Z', close],
      ],
    }),
    // F: straight to the Geschillencommissie (gegrond), never closed.
    build({
      key: 'F',
      kind: 'complaint',
      locationId: 'loc-zon',
      themeId: 'personeel',
      channel: 'letter',
      receivedOn: '2026-05-04',
      moves: [
        ['2026-05-05T10:00:00Z', handle('notSatisfied')],
        ['2026-05-20T10:00:00Z', { name: 'fileDispute', input: { filedOn: '2026-05-20', caseNumber: 'GC-2' } }],
        ['2026-09-01T10:00:00Z', { name: 'disputeRuling', input: { ruling: 'founded' } }],
      ],
    }),
    // G: quick, 2 days; anonymised later by retention (still counts).
    build({
      key: 'G',
      kind: 'complaint',
      locationId: 'loc-zon',
      themeId: 'communicatie',
      channel: 'phone',
      receivedOn: '2026-06-10',
      moves: [
        ['2026-06-10T10:00:00Z', handle('satisfied')],
        ['2026-06-12T10:00:00Z', decision('2026-06-12', 0, 'resolvedByAgreement')],
        ['2026-06-12T10:01:00Z', close],
      ],
    }),
    // H: step 1 with a decision, 10 days.
    build({
      key: 'H',
      kind: 'complaint',
      locationId: 'loc-maan',
      themeId: 'voeding',
      channel: 'email',
      receivedOn: '2026-07-01',
      moves: [
        ['2026-07-02T10:00:00Z', handle('partly')],
        ['2026-07-02T11:00:00Z', toLocation],
        ['2026-07-11T10:00:00Z', decision('2026-07-11', 1, 'founded')],
        ['2026-07-11T10:01:00Z', close],
      ],
    }),
    // I: December, still open and within its term at the analysis date → pending.
    build({
      key: 'I',
      kind: 'complaint',
      locationId: 'loc-maan',
      themeId: 'communicatie',
      channel: 'inPerson',
      receivedOn: '2026-12-20',
      moves: [],
    }),
    build({
      key: 'K',
      kind: 'question',
      locationId: 'loc-zon',
      themeId: 'planning',
      channel: 'email',
      receivedOn: '2026-01-15',
      moves: [
        ['2026-01-15T10:00:00Z', handle('satisfied')],
        ['2026-01-16T10:00:00Z', close],
      ],
    }),
    build({
      key: 'L',
      kind: 'compliment',
      locationId: 'loc-maan',
      themeId: 'pedagogisch',
      channel: 'inPerson',
      receivedOn: '2026-09-01',
      moves: [
        ['2026-09-01T10:00:00Z', handle('satisfied')],
        ['2026-09-01T11:00:00Z', close],
      ],
    }),
    build({
      key: 'M',
      kind: 'suggestion',
      locationId: 'loc-zon',
      themeId: 'voeding',
      channel: 'other',
      receivedOn: '2026-11-11',
      moves: [],
    }),
  ];
  // Retention anonymised G: parent and free text gone; it must still be counted. Its written
  // outcome was stored before the tenor was asked (old data): its tenor counts as "not recorded".
  return signals.map((signal) => {
    if (signal.id !== 'sig-G') return signal;
    const { tenor: _unknown, ...decision } = signal.decision!;
    return {
      ...signal,
      decision,
      parent: null,
      description: '',
      parentWish: '',
      anonymisedAt: '2026-12-31T10:00:00.000Z',
    };
  });
}

export function dataset2025(): Signal[] {
  return [
    build({
      key: 'P1',
      kind: 'complaint',
      locationId: 'loc-zon',
      themeId: 'voeding',
      channel: 'email',
      receivedOn: '2025-05-05',
      moves: [
        ['2025-05-05T10:00:00Z', handle('satisfied')],
        ['2025-05-10T10:00:00Z', decision('2025-05-10', 0, 'founded')],
        ['2025-05-10T10:01:00Z', close],
      ],
    }),
    build({
      key: 'P2',
      kind: 'complaint',
      locationId: 'loc-maan',
      themeId: 'communicatie',
      channel: 'phone',
      receivedOn: '2025-09-01',
      moves: [
        ['2025-09-01T10:00:00Z', handle('partly')],
        ['2025-10-30T10:00:00Z', decision('2025-10-30', 0, 'unfounded')],
        ['2025-10-30T10:01:00Z', close],
      ],
    }),
  ];
}

/** The moment the test analysis is made: I's 6-week term (until 31 Jan 2027) is still running. */
export const AS_OF = new Date('2027-01-10T09:00:00Z');
