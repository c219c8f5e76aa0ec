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
  // A whole Signal (or one under a key): the free texts about the family in its nested parts; its
  // letters and history (whose before/after repeat those parts) go as a whole.
  'handling.summary',
  '*.handling.summary',
  'escalation.conversation.notes',
  '*.escalation.conversation.notes',
  'decision.text',
  '*.decision.text',
  'decision.measures[*].description',
  '*.decision.measures[*].description',
  'complaintsDesk.outcome',
  '*.complaintsDesk.outcome',
  'dispute.obligations',
  '*.dispute.obligations',
  'reopened.reason',
  '*.reopened.reason',
  'letters',
  '*.letters',
  'history',
  '*.history',
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
