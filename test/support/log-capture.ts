import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging';

export type LogLine = Record<string, unknown>;

/** A stream that keeps what the real logger writes, and the lines parsed as JSON. */
export function captureLogs(level = 'info'): {
  stream: Writable;
  logger: ReturnType<typeof createLogger>;
  lines: () => LogLine[];
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    stream,
    logger: createLogger(level, stream),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as LogLine),
  };
}

/** Lets pino's stream write what was logged. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
