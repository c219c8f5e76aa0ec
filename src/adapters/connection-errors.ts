/**
 * Telling a request that never left this process from one that may have been received: the first
 * may be sent again, the second (a message, an e-mail without an idempotency key) must not be.
 */

/** Socket errors of a connection that was never made. */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export interface ErrorLike {
  code?: unknown;
  errorCode?: unknown;
  name?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** Whether this error object itself says the connection was never made. */
export const notConnected = (error: ErrorLike): boolean =>
  typeof error.code === 'string' && NOT_CONNECTED_CODES.has(error.code);

/**
 * True when `test` holds for the error or for what caused it: follows `cause` (fetch's TypeError
 * wraps the socket error) and AggregateError's `errors` (all of them must say so).
 */
export function causedBy(error: unknown, test: (error: ErrorLike) => boolean): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return false;
    seen.add(value);
    const record = value as ErrorLike;
    if (test(record)) return true;
    if (Array.isArray(record.errors) && record.errors.length > 0 && record.errors.every(visit)) return true;
    return visit(record.cause);
  };
  return visit(error);
}
