import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  readonly level: string;
  readonly format: 'json' | 'pretty';
  readonly bindings?: Record<string, unknown>;
}

/**
 * Fields that hold or embed a secret, blanked in every record as a second
 * layer: messages describe a database URL without its secrets (describeDbUrl),
 * but a config object or a URL error (`input`) logged whole would not be.
 */
export const secretLogPaths = [
  'password', '*.password', 'ordersDbUrl', '*.ordersDbUrl', 'connectionString', '*.connectionString', 'url', '*.url',
  'maskKey', '*.maskKey', 'privateKey', '*.privateKey', 'ORDERS_DB_URL', '*.ORDERS_DB_URL', 'NORTHSTAR_MASK_KEY', '*.NORTHSTAR_MASK_KEY',
  'SNOWFLAKE_PASSWORD', '*.SNOWFLAKE_PASSWORD', 'apiToken', '*.apiToken', 'ZENDESK_API_TOKEN', '*.ZENDESK_API_TOKEN', 'err.input', 'err.cause.input', 'err.config', 'err.cause.config',
];

/**
 * The one logger: JSON lines for containers and CloudWatch, readable colours on a terminal.
 * Each app's last line is its run record in CloudWatch Embedded Metric Format
 * (run-record.ts: namespace `Northstar`, metrics such as `FreshnessLagMinutes`
 * by `App` and `Source`), so metrics need no API call from a job.
 */
export function createLogger(options: LoggerOptions): Logger {
  const transport = options.format === 'pretty'
    ? pino.transport({ target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss', destination: 2 } })
    : pino.destination({ dest: 2, sync: true });
  // Level names, not numbers, in JSON: CloudWatch queries read `level = "error"`.
  const formatters = options.format === 'json' ? { level: (label: string) => ({ level: label }) } : undefined;
  return pino({
    level: options.level, base: options.bindings ?? {}, timestamp: pino.stdTimeFunctions.isoTime, formatters,
    redact: { paths: secretLogPaths, censor: '[redacted]' },
  }, transport);
}

/** A logger that drops everything, for tests that assert on behaviour, not logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
