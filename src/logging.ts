import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data must never be logged: callers log ids only, and these paths
 * are redacted as a second line of defence should a whole object slip through.
 */
export const REDACT_PATHS = [
  'parent',
  '*.parent',
  'parentName',
  'parentEmail',
  'parentPhone',
  '*.parentName',
  '*.parentEmail',
  '*.parentPhone',
  'description',
  '*.description',
  'parentWish',
  '*.parentWish',
  'text',
  '*.text',
  'value',
  '*.value',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'appPassword',
  '*.appPassword',
  'key',
  '*.key',
];

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'klantsignaal' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
