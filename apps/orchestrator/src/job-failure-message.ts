/** pino's JSON levels as the core logger writes them (labels), or as numbers from a logger without that formatter. */
const failureLevels = new Set<unknown>(['error', 'fatal', 50, 60]);

// A stack frame, or Node's elision line inside a cause's stack: neither says what went wrong.
const stackLine = /^\s+(at\s|\.\.\.\s\d+ lines? matching)/;

const FALLBACK_LINES = 5;

interface LogRecord {
  readonly level?: unknown;
  readonly msg?: string;
  readonly err?: { readonly message?: string };
}

/**
 * What a failed job's log says went wrong, for the console and
 * ops.pipeline_runs.message. runMain logs the error as a JSON record and then
 * prints its stack, so the log's last lines are frames: the last error-level
 * record is the job's own account of its failure. A job that failed before it
 * had a logger wrote plain lines; those, less any stack frames, are the best
 * there is.
 */
export function jobFailureMessage(log: string): string {
  const lines = log.split('\n').map((line) => line.trimEnd()).filter((line) => line.length > 0);
  for (let i = lines.length - 1; i >= 0; i--) {
    const record = parseRecord(lines[i]);
    if (record && failureLevels.has(record.level)) return record.err?.message ?? record.msg ?? lines[i];
  }
  const tail = lines.filter((line) => !stackLine.test(line)).slice(-FALLBACK_LINES);
  return tail.length ? tail.map(readable).join('\n') : 'the job wrote nothing to its log';
}

function parseRecord(line: string): LogRecord | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as LogRecord) : undefined;
  } catch {
    return undefined;
  }
}

function readable(line: string): string {
  const record = parseRecord(line);
  return record?.err?.message ?? record?.msg ?? line;
}
