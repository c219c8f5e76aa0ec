/**
 * The tab's year index: per calendar year, a compact copy of each signal received that year, holding
 * only what the counts and the access rules read (no parent, no free text, no history, no letters).
 *
 * Why: the tab's figures are `overzicht`'s counting (queries.ts OverviewTally) over a whole year, and
 * streaming 100,000 full signals from the store takes seconds; counting over the compact copies takes
 * milliseconds. The copy is built once per year from `SignalStore.streamYear`, kept exact for this
 * instance's own writes (observe() sees every create and replace), and rebuilt in the background when
 * older than `maxAgeMs`, so writes by other instances show within that time (docs/data-design.md).
 */
import type { OverviewFacts } from './queries';
import type { AccessFacts } from './access';
import type { SignalStore } from './ports';
import type { Escalation, Satisfaction, Signal } from '../domain/signal';
import { settlementOf, type Settlement } from '../domain/settlement';

export type YearFacts = OverviewFacts &
  AccessFacts &
  Pick<Signal, 'id' | 'themeId' | 'channel' | 'step'> & {
    satisfaction?: Satisfaction;
    /** Filed with the Klachtenloket; `decided` once its outcome is recorded. */
    complaintsDesk?: { decided: boolean };
    /** Filed with the Geschillencommissie, with the ruling once there. */
    dispute?: { ruling?: NonNullable<Signal['dispute']>['ruling'] };
  };

/** The compact copy: person references and dates only, every free text dropped. */
export function yearFactsOf(signal: Signal): YearFacts {
  const escalation: Escalation | undefined = signal.escalation && {
    escalatedAt: signal.escalation.escalatedAt,
    ...(signal.escalation.manager ? { manager: signal.escalation.manager } : {}),
    ...(signal.escalation.supporter ? { supporter: signal.escalation.supporter } : {}),
    conversation: { mode: signal.escalation.conversation.mode },
  };
  return {
    id: signal.id,
    receivedOn: signal.receivedOn,
    status: signal.status,
    locationId: signal.locationId,
    kind: signal.kind,
    themeId: signal.themeId,
    channel: signal.channel,
    step: signal.step,
    highestStep: signal.highestStep,
    deadlines: signal.deadlines,
    registeredBy: signal.registeredBy,
    owner: signal.owner,
    ...(escalation ? { escalation } : {}),
    // The decision's text and measures are free text; the settlement rule reads only its dates.
    ...(signal.decision ? { decision: { ...signal.decision, text: '', measures: [] } } : {}),
    ...(signal.handling ? { satisfaction: signal.handling.satisfaction } : {}),
    ...(signal.complaintsDesk ? { complaintsDesk: { decided: Boolean(signal.complaintsDesk.outcome) } } : {}),
    ...(signal.dispute ? { dispute: signal.dispute.ruling ? { ruling: signal.dispute.ruling } : {} } : {}),
    // Only that it is a melding, for the access rules: its contents never enter the index.
    ...(signal.reportingDuty ? { reportingDuty: true } : {}),
  };
}

const yearOf = (signal: Pick<Signal, 'receivedOn'>): number => Number(signal.receivedOn.slice(0, 4));

interface YearEntry {
  facts: Map<string, YearFacts>;
  builtAt: number;
  /** A build in flight (the first, or a background refresh). */
  building?: Promise<void>;
  /** Writes seen while a build streams: applied over its result, so none is lost. */
  pending?: Map<string, YearFacts>;
  /** Results computed over this version of the copies; emptied by every change. */
  counted: Map<string, unknown>;
}

/** Results kept per year until its copies change. */
const MAX_COUNTED = 200;

export interface YearIndexOptions {
  clock: { now(): Date };
  /** After this, a request still gets the copy at hand and starts a rebuild (other instances' writes). */
  maxAgeMs?: number;
  /** Years kept in memory; the least recently asked one goes first. */
  maxYears?: number;
}

export class YearIndex {
  private readonly years = new Map<number, YearEntry>();
  private readonly maxAgeMs: number;
  private readonly maxYears: number;
  private source: SignalStore | undefined;
  /** settlementOf per compact signal and day: it reads dates through luxon, too slow for 100,000 per request. */
  private readonly settlements = new WeakMap<YearFacts, { today: string; settlement: Settlement }>();

  constructor(private readonly options: YearIndexOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.maxYears = options.maxYears ?? 3;
  }

  /**
   * The store as everyone else should use it: the same store, whose creates and replaces also update
   * the index. Every other member passes through untouched.
   */
  observe(store: SignalStore): SignalStore {
    this.source = store;
    const record = (signal: Signal): void => this.record(signal);
    return new Proxy(store, {
      get(target, property) {
        if (property === 'create') {
          return async (signal: Signal) => {
            const result = await target.create(signal);
            record(result.stored.value);
            return result;
          };
        }
        if (property === 'replace') {
          return async (signal: Signal, etag: string) => {
            const stored = await target.replace(signal, etag);
            record(stored.value);
            return stored;
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /**
   * `compute` over the year's compact signals, reused under `key` until a signal of the year is
   * written or the year is rebuilt: a view asked twice without a change in between is not recounted.
   */
  async counted<T>(year: number, key: string, compute: (facts: Iterable<YearFacts>) => T): Promise<T> {
    const facts = await this.year(year);
    const entry = this.years.get(year)!;
    if (entry.counted.has(key)) return entry.counted.get(key) as T;
    const value = compute(facts);
    if (entry.counted.size >= MAX_COUNTED) entry.counted.clear();
    entry.counted.set(key, value);
    return value;
  }

  /** The year's compact signals; the first call for a year streams it from the store. */
  async year(year: number): Promise<Iterable<YearFacts>> {
    const store = this.source;
    if (!store) throw new Error('YearIndex.observe(store) was not called');
    let entry = this.years.get(year);
    if (!entry) {
      entry = { facts: new Map(), builtAt: 0, counted: new Map() };
      this.years.set(year, entry);
      this.evict(year);
      entry.building = this.startBuild(store, year, entry);
    } else {
      // Most recently asked last, so eviction drops the oldest question.
      this.years.delete(year);
      this.years.set(year, entry);
      if (!entry.building && this.options.clock.now().getTime() - entry.builtAt > this.maxAgeMs) {
        entry.building = this.startBuild(store, year, entry);
      }
    }
    if (entry.builtAt === 0 && entry.building) await entry.building;
    return entry.facts.values();
  }

  /** settlementOf(facts, today), computed once per signal version and day. */
  settlement(facts: YearFacts, today: string): Settlement {
    const known = this.settlements.get(facts);
    if (known?.today === today) return known.settlement;
    const settlement = settlementOf(facts, today);
    this.settlements.set(facts, { today, settlement });
    return settlement;
  }

  private record(signal: Signal): void {
    const entry = this.years.get(yearOf(signal));
    if (!entry) return;
    const facts = yearFactsOf(signal);
    entry.facts.set(facts.id, facts);
    entry.pending?.set(facts.id, facts);
    entry.counted.clear();
  }

  /** A background refresh that fails keeps the copy at hand; the next request tries again. */
  private startBuild(store: SignalStore, year: number, entry: YearEntry): Promise<void> {
    const building = this.build(store, year, entry);
    building.catch(() => undefined);
    return building;
  }

  private async build(store: SignalStore, year: number, entry: YearEntry): Promise<void> {
    entry.pending = new Map();
    try {
      const fresh = new Map<string, YearFacts>();
      for await (const signal of store.streamYear(year)) fresh.set(signal.id, yearFactsOf(signal));
      for (const [id, facts] of entry.pending) fresh.set(id, facts);
      entry.facts = fresh;
      entry.counted.clear();
      entry.builtAt = this.options.clock.now().getTime();
    } finally {
      entry.pending = undefined;
      entry.building = undefined;
    }
  }

  private evict(keep: number): void {
    for (const year of this.years.keys()) {
      if (this.years.size <= this.maxYears) return;
      if (year !== keep) this.years.delete(year);
    }
  }
}
