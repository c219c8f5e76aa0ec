/** Shared by both stores so their paging behaves the same. */

/** Sorts after every ISO instant: signals without an open deadline come last. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

export function pageSize(requested: number | undefined): number {
  if (!requested || !Number.isFinite(requested) || requested < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.floor(requested), MAX_PAGE_SIZE);
}

export interface KeysetPosition {
  urgency: string;
  reference: string;
}

export function encodeContinuation(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** A token that does not decode (tampered or from an older version) starts from the beginning. */
export function decodeContinuation(token: string | undefined): KeysetPosition | undefined {
  if (!token) return undefined;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<KeysetPosition>;
    return typeof value.urgency === 'string' && typeof value.reference === 'string'
      ? { urgency: value.urgency, reference: value.reference }
      : undefined;
  } catch {
    return undefined;
  }
}
