/**
 * Application Insights, when APPLICATIONINSIGHTS_CONNECTION_STRING is set: Microsoft's Azure Monitor
 * OpenTelemetry distro sends the bot's log lines there as traces, each with its fields as custom
 * dimensions — a turn's lines carry `activityId` (and `conversationId`), so one query finds every
 * line of one Teams activity: `traces | where customDimensions.activityId == "<id>"`.
 *
 * The distro and OpenTelemetry are large: they are required here, on first use, so an instance
 * without Application Insights never loads them (RSS after start stays as it was).
 */
import { Writable } from 'node:stream';

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loads, see above */
const distro = (): typeof import('@azure/monitor-opentelemetry') => require('@azure/monitor-opentelemetry');
const logsApi = (): typeof import('@opentelemetry/api-logs') => require('@opentelemetry/api-logs');
/* eslint-enable @typescript-eslint/no-require-imports */

export interface ApplicationInsights {
  /** A pino destination: every JSON log line becomes one trace. */
  stream: Writable;
  /** Sends what is still buffered and stops; call once at shutdown. */
  shutdown(): Promise<void>;
}

/** pino's numeric levels → OpenTelemetry severity numbers (TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21). */
const SEVERITY: Record<number, { number: number; text: string }> = {
  10: { number: 1, text: 'TRACE' },
  20: { number: 5, text: 'DEBUG' },
  30: { number: 9, text: 'INFO' },
  40: { number: 13, text: 'WARN' },
  50: { number: 17, text: 'ERROR' },
  60: { number: 21, text: 'FATAL' },
};

type AttributeValue = string | number | boolean;

/** Log fields as trace dimensions: nested objects (an `err`) become JSON text. */
function attributesOf(fields: Record<string, unknown>): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    attributes[key] =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : JSON.stringify(value);
  }
  return attributes;
}

export function startApplicationInsights(connectionString: string): ApplicationInsights {
  const { useAzureMonitor, shutdownAzureMonitor } = distro();
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // Logs only: the request and dependency instrumentations patch http, which is loaded before this runs.
    instrumentationOptions: { http: { enabled: false }, azureSdk: { enabled: false } },
    enableLiveMetrics: false,
  });
  const logger = logsApi().logs.getLogger('klantsignaal');
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        try {
          const { msg, level, time, ...fields } = JSON.parse(line) as Record<string, unknown>;
          const severity = SEVERITY[typeof level === 'number' ? level : 30] ?? SEVERITY[30]!;
          logger.emit({
            body: typeof msg === 'string' ? msg : '',
            severityNumber: severity.number,
            severityText: severity.text,
            ...(typeof time === 'string' ? { timestamp: new Date(time) } : {}),
            attributes: attributesOf(fields),
          });
        } catch {
          // A line that is not JSON stays on stdout only.
        }
      }
      done();
    },
  });
  return { stream, shutdown: () => shutdownAzureMonitor() };
}
