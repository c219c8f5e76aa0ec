import type { Signal, SignalStatus } from '../domain/signal';
import type { Organisation, Person, Role } from '../domain/organisation';

/** A stored item with the version tag the store gave it (Cosmos ETag, or SQLite's own). */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** Someone else changed the item since it was read (HTTP 412 in Cosmos). */
export class ConcurrencyError extends Error {
  constructor(public readonly id: string) {
    super(`item ${id} was changed by someone else`);
    this.name = 'ConcurrencyError';
  }
}

export interface ListOptions {
  /** Only signals with this status; all when absent. */
  status?: SignalStatus;
  /** Page size; the store may return fewer. */
  limit?: number;
  /** Opaque token from the previous page (never an offset). */
  continuation?: string;
}

export interface SignalPage {
  items: Signal[];
  continuation?: string;
}

/**
 * Where signals live. Lists are sorted by urgency: the earliest open deadline first
 * (signals without one last), then by reference.
 */
export interface SignalStore {
  /** Creates tables or containers when missing. */
  init(): Promise<void>;
  /** Resolves when the store takes a write (reads alone can work while writes fail); used by /readyz. */
  ping(): Promise<void>;
  /** Next reference for the year, unique across every instance sharing the store. */
  allocateReference(year: number): Promise<string>;
  /** Inserts the signal unless one with its id exists; then returns the stored one unchanged. */
  create(signal: Signal): Promise<{ stored: Versioned<Signal>; created: boolean }>;
  get(id: string): Promise<Versioned<Signal> | undefined>;
  getByReference(reference: string): Promise<Versioned<Signal> | undefined>;
  /** Replaces the signal when `etag` is still current; otherwise throws ConcurrencyError. */
  replace(signal: Signal, etag: string): Promise<Versioned<Signal>>;
  listByOwner(ownerId: string, options?: ListOptions): Promise<SignalPage>;
  listByLocations(locationIds: readonly string[], options?: ListOptions): Promise<SignalPage>;
  /** Open signals whose earliest open deadline is at or before `before` (ISO instant). */
  listDue(before: string, options?: ListOptions): Promise<SignalPage>;
  /**
   * Closed signals that still hold personal data and were closed before `closedBefore` (ISO instant),
   * oldest first: the retention job's work list. Its cost follows the number due.
   */
  listRetentionDue(closedBefore: string, limit: number): Promise<Signal[]>;
  /** Every signal received in the calendar year, streamed page by page. */
  streamYear(year: number): AsyncIterable<Signal>;
  close(): Promise<void>;
}

/** People, roles and reference data (a configuration file embedded; Entra ID groups in the cloud). */
export interface Directory {
  organisation(): Organisation;
  findPerson(id: string): Promise<Person | undefined>;
  peopleWithRole(role: Role, locationId?: string): Promise<Person[]>;
}
