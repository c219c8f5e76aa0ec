/**
 * A year of varied signals for the "Overzicht" tab's tests, its bench and its screenshot: every kind,
 * location, theme and channel of the sample organisation, complaints settled in time, late and still
 * open, escalations, satisfaction answers, Klachtenloket and Geschillencommissie cases. Deterministic
 * (seeded), registered with the domain's registerSignal; the later states are set as the moves leave
 * them. Every parent carries PARENT_SECRET, so a test can prove it never leaves the server.
 */
import { DateTime } from 'luxon';
import { DEFAULT_DEADLINE_SETTINGS, nextOpenDeadline, ZONE } from '../../src/domain/deadlines';
import { formatReference } from '../../src/domain/reference';
import { registerSignal } from '../../src/domain/register';
import {
  CHANNELS,
  SATISFACTION_ANSWERS,
  RULINGS,
  type PersonRef,
  type Signal,
  type SignalKind,
} from '../../src/domain/signal';
import { PEOPLE } from './services';

export const PARENT_SECRET = 'Ouder-Geheim-Tabblad';
export const PARENT_EMAIL = 'ouder.geheim@example.nl';
export const DESCRIPTION_SECRET = 'GEHEIM-OVER-HET-KIND';

const LOCATIONS = ['zonnebloem', 'vlinder', 'eikeltje'] as const;
const THEMES = ['communication', 'pedagogy', 'safety', 'placement', 'billing', 'staff', 'food', 'building', 'other'];
const KINDS: SignalKind[] = [
  'complaint',
  'complaint',
  'complaint',
  'concern',
  'remark',
  'question',
  'suggestion',
  'compliment',
];
const EMPLOYEES: PersonRef[] = [PEOPLE.employee, PEOPLE.otherEmployee];
const MANAGER: PersonRef = PEOPLE.manager;

/** mulberry32: a small seeded generator, so every run builds the same year. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
const addDays = (date: string, days: number): string =>
  DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate()!;
const at = (date: string, hour = 10): string => DateTime.fromISO(date, { zone: ZONE }).set({ hour }).toUTC().toISO()!;

export interface TabDataOptions {
  count: number;
  year: number;
  /** Amsterdam date: nothing is received or decided after it. */
  today: string;
  seed?: number;
  /** First reference number (so two batches of one year do not collide). */
  firstSequence?: number;
}

export function tabSignals(options: TabDataOptions): Signal[] {
  const next = random(options.seed ?? 20);
  const start = `${options.year}-01-01`;
  const span = Math.max(
    1,
    Math.min(365, DateTime.fromISO(options.today).diff(DateTime.fromISO(start), 'days').days + 1),
  );
  const signals: Signal[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const sequence = (options.firstSequence ?? 1) + index;
    const receivedOn = addDays(start, Math.floor(next() * span));
    const kind = pick(next, KINDS);
    const by = pick(next, EMPLOYEES);
    let signal = registerSignal(
      {
        id: `tab-${options.year}-${sequence}`,
        reference: formatReference(options.year, sequence),
        input: {
          kind,
          locationId: pick(next, LOCATIONS),
          themeId: pick(next, THEMES),
          channel: pick(next, CHANNELS),
          receivedOn,
          parentName: PARENT_SECRET,
          parentEmail: PARENT_EMAIL,
          parentPhone: '0612345678',
          contactPreference: 'meeting',
          description: DESCRIPTION_SECRET,
          parentWish: DESCRIPTION_SECRET,
        },
        by,
        at: new Date(at(receivedOn, 9)),
      },
      DEFAULT_DEADLINE_SETTINGS,
    );
    const roll = next();
    if (kind === 'complaint' && roll < 0.35) {
      const escalatedOn = addDays(receivedOn, 3);
      if (escalatedOn <= options.today) {
        signal = {
          ...signal,
          step: 'organisation',
          highestStep: 'organisation',
          owner: MANAGER,
          escalation: { escalatedAt: at(escalatedOn), manager: MANAGER, conversation: { mode: 'meeting' } },
          deadlines: {
            ...signal.deadlines,
            confirmBy: at(addDays(escalatedOn, 4), 22),
            conversationBy: at(addDays(escalatedOn, 14), 22),
          },
        };
      }
    }
    const decidedOn = addDays(receivedOn, 8 + Math.floor(next() * 45));
    if (kind === 'complaint' && next() < 0.9 && decidedOn <= options.today) {
      signal = {
        ...signal,
        ...(signal.escalation
          ? {
              escalation: {
                ...signal.escalation,
                confirmationSentAt: signal.escalation.escalatedAt,
                conversation: { mode: 'meeting', heldAt: at(decidedOn, 9) },
              },
            }
          : {}),
        decision: {
          text: DESCRIPTION_SECRET,
          tenor: 'founded',
          form: signal.escalation ? 'judgment' : 'agreement',
          measures: [],
          sentOn: decidedOn,
          sentVia: 'email',
          decidedBy: signal.escalation ? MANAGER : by,
          recordedAt: at(decidedOn, 11),
        },
      };
    }
    const handledOn = addDays(receivedOn, 2 + Math.floor(next() * 20));
    // As in an organisation that keeps up: nearly everything older than a month is done.
    const old = addDays(receivedOn, 30) < options.today;
    const closes =
      (kind !== 'complaint' || signal.decision) && handledOn <= options.today && next() < (old ? 0.995 : 0.8);
    if (closes) {
      signal = {
        ...signal,
        status: 'closed',
        closedAt: at(signal.decision && signal.decision.sentOn > handledOn ? signal.decision.sentOn : handledOn, 15),
        handling: {
          summary: DESCRIPTION_SECRET,
          satisfaction: pick(next, SATISFACTION_ANSWERS),
          recordedAt: at(handledOn, 12),
          by,
        },
      };
    }
    if (signal.escalation && signal.decision && next() < 0.12) {
      signal = {
        ...signal,
        step: 'complaintsDesk',
        highestStep: 'complaintsDesk',
        complaintsDesk: {
          filedOn: addDays(signal.decision.sentOn, 5),
          caseNumber: `KL-${sequence}`,
          ...(next() < 0.5 ? { outcome: DESCRIPTION_SECRET } : {}),
        },
      };
      if (next() < 0.4) {
        signal = {
          ...signal,
          step: 'disputesCommittee',
          highestStep: 'disputesCommittee',
          dispute: {
            filedOn: addDays(signal.decision!.sentOn, 20),
            caseNumber: `GC-${sequence}`,
            filedLate: false,
            ...(next() < 0.5 ? { ruling: pick(next, RULINGS) } : {}),
          },
        };
      }
    }
    signals.push({ ...signal, nextDeadline: nextOpenDeadline(signal) });
  }
  return signals;
}
