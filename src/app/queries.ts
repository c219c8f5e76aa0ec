/**
 * The read side: lists, search, one signal's details and the overview, each limited to what the
 * person may see (access.ts).
 *
 * Lists merge one or more of the store's urgency-sorted lists (e.g. "owned by me" and "at my
 * locations"), drop what the person may not see or the query does not ask for, and page with a
 * continuation token of their own: the position (urgency, reference) of the last signal decided on
 * plus, per store list, the store token of the page to resume from. No offsets, no state between
 * turns: the token travels in the card's "meer" button.
 */
import { z } from 'zod';
import { amsterdamDate, ZONE } from '../domain/deadlines';
import { openDeadlines } from '../domain/open-deadlines';
import type { Person } from '../domain/organisation';
import { normaliseReference } from '../domain/reference';
import { settlementOf, type Settlement } from '../domain/settlement';
import { isMelding, isPassedOnTo } from '../domain/reporting-duty';
import { SIGNAL_KINDS, STEPS, type Signal, type SignalKind, type SignalStatus, type Step } from '../domain/signal';
import { nl } from '../i18n/nl';
import { canSeePersonalData, canViewSignal, recordAccess, seesEverything, type AccessLog } from './access';
import type { Directory, ListOptions, SignalPage, SignalStore } from './ports';
import { DateTime } from 'luxon';

export interface QueryDeps {
  store: SignalStore;
  directory: Directory;
  clock: { now(): Date };
  accessLog?: AccessLog;
  logger?: { warn(object: object, message: string): void };
}

/** Sorts after every ISO instant; the store's order puts signals without an open deadline last. */
const NO_DEADLINE_KEY = '9999-12-31T23:59:59.999Z';

export const DEFAULT_LIST_SIZE = 10;
/** Signals per store request while scanning. */
const SCAN_PAGE = 50;
/** Store requests per list page; past it the page is returned as it is, with a continuation. */
const SCAN_BUDGET = 40;

// ---- queries --------------------------------------------------------------------------------

const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);

/** A list question, with relative times already resolved, so page 2 answers the question page 1 did. */
export const listQuerySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mine') }),
  z.object({
    kind: z.literal('open'),
    locationId: z.string().min(1).max(100).optional(),
    signalKind: z.enum(SIGNAL_KINDS).optional(),
    step: z.enum(STEPS).optional(),
  }),
  z.object({
    kind: z.literal('deadlines'),
    from: isoInstant,
    until: isoInstant,
    days: z.number().int().min(1).max(365).optional(),
  }),
  z.object({ kind: z.literal('overdue'), before: isoInstant }),
  z.object({ kind: z.literal('search'), text: z.string().min(1).max(100) }),
]);
export type ListQuery = z.infer<typeof listQuerySchema>;

export interface ListPage {
  items: Signal[];
  /** Present when there may be more. */
  continuation?: string;
}

// ---- order and continuation ------------------------------------------------------------------

interface Position {
  u: string;
  r: string;
}

export function urgencyKey(signal: Signal): string {
  return signal.nextDeadline ?? NO_DEADLINE_KEY;
}

function positionOf(signal: Signal): Position {
  return { u: urgencyKey(signal), r: signal.reference };
}

function compare(a: Position, b: Position): number {
  if (a.u !== b.u) return a.u < b.u ? -1 : 1;
  return a.r < b.r ? -1 : a.r > b.r ? 1 : 0;
}

const tokenSchema = z.object({
  a: z.object({ u: z.string(), r: z.string() }).optional(),
  s: z.array(z.object({ t: z.string().optional(), d: z.literal(true).optional() })),
});
type Token = z.infer<typeof tokenSchema>;

function encodeToken(token: Token): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

/** A token that does not decode, or was made for another set of lists, starts from the beginning. */
function decodeToken(value: string | undefined, sources: number): Token | undefined {
  if (!value) return undefined;
  try {
    const parsed = tokenSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success && parsed.data.s.length === sources ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// ---- merged scan ----------------------------------------------------------------------------

type Source = (options: ListOptions) => Promise<SignalPage>;

class Cursor {
  buffer: Signal[] = [];
  /** Store token of the page now in `buffer` (undefined: the first page). */
  start: string | undefined;
  next: string | undefined;
  fetched = false;
  done = false;

  constructor(
    private readonly source: Source,
    private readonly status: SignalStatus | undefined,
    resume: { t?: string; d?: true } | undefined,
  ) {
    this.start = resume?.t;
    this.done = resume?.d === true;
  }

  /** Fills the buffer when empty; false when the request budget is spent. */
  async fill(after: Position | undefined, budget: { left: number }): Promise<boolean> {
    while (this.buffer.length === 0 && !this.done) {
      if (this.fetched && this.next === undefined) {
        this.done = true;
        break;
      }
      if (budget.left <= 0) return false;
      budget.left -= 1;
      const token = this.fetched ? this.next : this.start;
      const page = await this.source({
        limit: SCAN_PAGE,
        ...(token ? { continuation: token } : {}),
        ...(this.status ? { status: this.status } : {}),
      });
      this.fetched = true;
      this.start = token;
      this.next = page.continuation;
      this.buffer = after ? page.items.filter((item) => compare(positionOf(item), after) > 0) : [...page.items];
      if (page.items.length === 0) this.done = true;
    }
    return true;
  }

  resumeState(): { t?: string; d?: true } {
    if (this.done) return { d: true };
    if (this.buffer.length > 0 || !this.fetched) return this.start ? { t: this.start } : {};
    return this.next ? { t: this.next } : { d: true };
  }
}

interface ScanSpec {
  sources: Source[];
  status?: SignalStatus;
  /** Keep only these (after the access check). */
  keep: (signal: Signal) => boolean;
  /** Stop at the first signal whose urgency is later than this. */
  until?: string;
  limit: number;
}

async function scan(spec: ScanSpec, continuation: string | undefined): Promise<ListPage> {
  const token = decodeToken(continuation, spec.sources.length);
  const cursors = spec.sources.map((source, index) => new Cursor(source, spec.status, token?.s[index]));
  let after: Position | undefined = token?.a;
  const budget = { left: SCAN_BUDGET };
  const items: Signal[] = [];
  let snapshot: string | undefined;

  const state = (): string => encodeToken({ ...(after ? { a: after } : {}), s: cursors.map((c) => c.resumeState()) });

  for (;;) {
    for (const cursor of cursors) {
      if (!(await cursor.fill(after, budget))) {
        // Out of budget: return what we have; the token resumes exactly here.
        return { items, continuation: snapshot ?? state() };
      }
    }
    let head: Signal | undefined;
    for (const cursor of cursors) {
      const candidate = cursor.buffer[0];
      if (candidate && (!head || compare(positionOf(candidate), positionOf(head)) < 0)) head = candidate;
    }
    if (!head || (spec.until !== undefined && urgencyKey(head) > spec.until)) return { items };
    const position = positionOf(head);
    for (const cursor of cursors) {
      const first = cursor.buffer[0];
      if (first && compare(positionOf(first), position) === 0) cursor.buffer.shift();
    }
    if (!spec.keep(head)) {
      after = position;
      continue;
    }
    // One match past a full page: there is more, and the token taken at the page end resumes there.
    if (snapshot) return { items, continuation: snapshot };
    items.push(head);
    after = position;
    if (items.length === spec.limit) snapshot = state();
  }
}

// ---- which store lists -------------------------------------------------------------------------

/**
 * The store lists that together hold every signal the person may see (a superset; the access check
 * filters). Known limit: an employee's signal registered at a location not their own and since
 * handed to someone else is not found (no "registered by" list in the store).
 */
function sourcesFor(deps: QueryDeps, person: Person, status: SignalStatus | undefined, locationId?: string): Source[] {
  const { store } = deps;
  if (locationId) return [(options) => store.listByLocations([locationId], options)];
  if (seesEverything(person)) {
    if (status === 'open') return [(options) => store.listDue(NO_DEADLINE_KEY, options)];
    const all = deps.directory.organisation().locations.map((location) => location.id);
    return [(options) => store.listByLocations(all, options)];
  }
  const sources: Source[] = [(options) => store.listByOwner(person.id, options)];
  if (person.locationIds.length > 0) sources.push((options) => store.listByLocations(person.locationIds, options));
  return sources;
}

// ---- lists ----------------------------------------------------------------------------------

export async function runList(
  deps: QueryDeps,
  person: Person,
  query: ListQuery,
  continuation?: string,
  limit = DEFAULT_LIST_SIZE,
): Promise<ListPage> {
  const page = await listPage(deps, person, query, continuation, limit);
  for (const signal of page.items) if (isMelding(signal)) await recordAccess(deps, person, signal, 'list');
  return page;
}

async function listPage(
  deps: QueryDeps,
  person: Person,
  query: ListQuery,
  continuation: string | undefined,
  limit: number,
): Promise<ListPage> {
  const visible = (signal: Signal): boolean => canViewSignal(person, signal);
  switch (query.kind) {
    case 'mine': {
      const mine = (signal: Signal) =>
        signal.status === 'open' &&
        visible(signal) &&
        (signal.owner.id === person.id || signal.registeredBy.id === person.id);
      const sources: Source[] = [(options) => deps.store.listByOwner(person.id, options)];
      if (person.locationIds.length > 0) {
        sources.push((options) => deps.store.listByLocations(person.locationIds, options));
      }
      return scan({ sources, status: 'open', keep: mine, limit }, continuation);
    }
    case 'open': {
      const keep = (signal: Signal) =>
        visible(signal) &&
        (query.signalKind === undefined || signal.kind === query.signalKind) &&
        (query.step === undefined || signal.step === query.step);
      return scan(
        { sources: sourcesFor(deps, person, 'open', query.locationId), status: 'open', keep, limit },
        continuation,
      );
    }
    case 'deadlines': {
      // Any open deadline in the window counts, also behind an earlier one that is already late.
      const keep = (signal: Signal) =>
        visible(signal) &&
        openDeadlines(signal).some((deadline) => deadline.at >= query.from && deadline.at <= query.until);
      const sources = seesEverything(person)
        ? [(options: ListOptions) => deps.store.listDue(query.until, options)]
        : sourcesFor(deps, person, 'open');
      return scan({ sources, status: 'open', keep, until: query.until, limit }, continuation);
    }
    case 'overdue': {
      const keep = (signal: Signal) =>
        visible(signal) && signal.nextDeadline !== null && signal.nextDeadline < query.before;
      const sources = seesEverything(person)
        ? [(options: ListOptions) => deps.store.listDue(query.before, options)]
        : sourcesFor(deps, person, 'open');
      return scan({ sources, status: 'open', keep, until: query.before, limit }, continuation);
    }
    case 'search':
      return search(deps, person, query.text, continuation, limit);
  }
}

// ---- search ---------------------------------------------------------------------------------

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** What anyone who may see the signal may search on: no parent data, no free text. */
function publicTerms(deps: QueryDeps, signal: Signal): string[] {
  const organisation = deps.directory.organisation();
  return [
    signal.reference,
    organisation.locations.find((location) => location.id === signal.locationId)?.name ?? signal.locationId,
    organisation.themes.find((theme) => theme.id === signal.themeId)?.name ?? signal.themeId,
    nl.kinds[signal.kind],
    signal.owner.name,
    signal.registeredBy.name,
  ];
}

/** The parent's details and the free text: only for who may see personal data. */
function personalTerms(signal: Signal): string[] {
  const parent = signal.parent;
  return [parent?.name, parent?.email, parent?.phone, signal.description, signal.parentWish].filter(
    (term): term is string => typeof term === 'string' && term.length > 0,
  );
}

/**
 * Finds signals by reference, location, theme, kind or the people handling them; by the parent's
 * details and the description only where the person may see those (and such a hit is logged).
 */
export async function search(
  deps: QueryDeps,
  person: Person,
  text: string,
  continuation?: string,
  limit = DEFAULT_LIST_SIZE,
): Promise<ListPage> {
  const reference = normaliseReference(text);
  if (reference) {
    const found = await deps.store.getByReference(reference);
    return { items: found && canViewSignal(person, found.value) ? [found.value] : [] };
  }
  const needle = fold(text);
  const viaPersonalData: Signal[] = [];
  const keep = (signal: Signal): boolean => {
    if (!canViewSignal(person, signal)) return false;
    if (publicTerms(deps, signal).some((term) => fold(term).includes(needle))) return true;
    if (canSeePersonalData(person, signal) && personalTerms(signal).some((term) => fold(term).includes(needle))) {
      viaPersonalData.push(signal);
      return true;
    }
    return false;
  };
  const page = await scan({ sources: sourcesFor(deps, person, undefined), keep, limit }, continuation);
  const shown = new Set(page.items.map((signal) => signal.id));
  for (const signal of viaPersonalData) {
    if (shown.has(signal.id)) await recordAccess(deps, person, signal, 'search');
  }
  return page;
}

// ---- one signal -----------------------------------------------------------------------------

export type ViewOutcome =
  | { kind: 'found'; signal: Signal; etag: string }
  /** Not a reference at all. */
  | { kind: 'invalid' }
  /** Does not exist OR may not be seen: deliberately the same answer. */
  | { kind: 'hidden' }
  /** A melding this person registered: they learn only that it went to the meldplicht route. */
  | { kind: 'passedOn'; reference: string };

/** Reads one signal's details for the person, recording the access. */
export async function viewSignal(deps: QueryDeps, person: Person, typedReference: string): Promise<ViewOutcome> {
  const reference = normaliseReference(typedReference);
  if (!reference) return { kind: 'invalid' };
  const found = await deps.store.getByReference(reference);
  if (found && isPassedOnTo(person, found.value)) return { kind: 'passedOn', reference: found.value.reference };
  if (!found || !canViewSignal(person, found.value)) return { kind: 'hidden' };
  await recordAccess(deps, person, found.value, 'view');
  return { kind: 'found', signal: found.value, etag: found.etag };
}

// ---- overview -------------------------------------------------------------------------------

export interface Period {
  year: number;
  /** 1–12; the whole year when absent. */
  month?: number;
}

export interface Overview {
  period: Period;
  total: number;
  open: number;
  byLocation: { id: string; count: number }[];
  byKind: { kind: SignalKind; count: number }[];
  byStep: { step: Step; count: number }[];
  complaints: {
    total: number;
    /** Written outcome sent on or before the 6-week date (settlement.ts). */
    settledInTime: number;
    /** Settled late, or still open past the 6-week date. */
    late: number;
    /** Open and still within the 6 weeks: not counted either way yet. */
    pending: number;
  };
}

export function inPeriod(signal: Pick<Signal, 'receivedOn'>, period: Period): boolean {
  const prefix = period.month ? `${period.year}-${String(period.month).padStart(2, '0')}` : `${period.year}`;
  return signal.receivedOn.startsWith(prefix);
}

/** What the overview counts of a signal; the tab's year index (overview-tab.ts) keeps just these. */
export type OverviewFacts = Pick<
  Signal,
  'receivedOn' | 'status' | 'locationId' | 'kind' | 'highestStep' | 'deadlines' | 'decision' | 'escalation'
>;

/**
 * The counting of `overzicht`, one signal at a time, so the tab adds up the same way (per year and per
 * month) without a second rule. The caller has already applied the access check and the period.
 */
export class OverviewTally {
  private readonly byLocation = new Map<string, number>();
  private readonly byKind = new Map<SignalKind, number>();
  private readonly byStep = new Map<Step, number>();
  private readonly complaints = { total: 0, settledInTime: 0, late: 0, pending: 0 };
  private total = 0;
  private open = 0;

  /** `today`: the Amsterdam date open complaints are judged against (settlement.ts). */
  constructor(private readonly today: string) {}

  /** `settlement`: settlementOf(signal, today), when the caller already has it (the tab keeps it per day). */
  add(signal: OverviewFacts, settlement: Settlement = settlementOf(signal, this.today)): void {
    this.total += 1;
    if (signal.status === 'open') this.open += 1;
    this.byLocation.set(signal.locationId, (this.byLocation.get(signal.locationId) ?? 0) + 1);
    this.byKind.set(signal.kind, (this.byKind.get(signal.kind) ?? 0) + 1);
    this.byStep.set(signal.highestStep, (this.byStep.get(signal.highestStep) ?? 0) + 1);
    if (settlement.state === 'notApplicable') return;
    this.complaints.total += 1;
    if (settlement.state === 'settled') this.complaints[settlement.inTime ? 'settledInTime' : 'late'] += 1;
    else this.complaints[settlement.overdue ? 'late' : 'pending'] += 1;
  }

  result(period: Period, locationOrder: readonly { id: string }[]): Overview {
    const rank = (id: string) => locationOrder.findIndex((location) => location.id === id);
    return {
      period,
      total: this.total,
      open: this.open,
      byLocation: [...this.byLocation.entries()]
        .map(([id, count]) => ({ id, count }))
        .sort((a, b) => rank(a.id) - rank(b.id)),
      byKind: SIGNAL_KINDS.filter((kind) => this.byKind.has(kind)).map((kind) => ({
        kind,
        count: this.byKind.get(kind) ?? 0,
      })),
      byStep: STEPS.filter((step) => this.byStep.has(step)).map((step) => ({
        step,
        count: this.byStep.get(step) ?? 0,
      })),
      complaints: { ...this.complaints },
    };
  }
}

/** Counts per location, kind and step reached, over the signals of the period the person may see. */
export async function overview(deps: QueryDeps, person: Person, period: Period): Promise<Overview> {
  const tally = new OverviewTally(amsterdamDate(deps.clock.now()));
  for await (const signal of deps.store.streamYear(period.year)) {
    if (inPeriod(signal, period) && canViewSignal(person, signal)) tally.add(signal);
  }
  return tally.result(period, deps.directory.organisation().locations);
}

/** The instant `days` calendar days after now, at the end of that day in Amsterdam. */
export function endOfDayAfter(now: Date, days: number): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).plus({ days }).endOf('day').toUTC().toISO()!;
}
