import { ConfigError, ExitCode, exitCodeFor } from './errors';
import type { Logger } from './logger';
import { emptyRunFigures, logRunRecord, type RunFigures } from './run-record';

export interface RunMainOptions {
  /** End with one run record (figures, seconds, exit code) as an Embedded Metric Format log line: the pipeline's apps. */
  readonly runRecord?: boolean;
}

/**
 * Runs an app's main function and turns its outcome into the exit code AWS
 * Batch acts on. The logger is built by `main` itself once config is valid;
 * errors before that go to stderr as one plain line.
 */
export async function runMain(app: string, main: (setLogger: (logger: Logger) => void, figures: RunFigures) => Promise<void>, options: RunMainOptions = {}): Promise<never> {
  let logger: Logger | undefined;
  let code: ExitCode = ExitCode.ok;
  const figures = emptyRunFigures();
  const started = Date.now();
  const record = () => {
    if (options.runRecord && logger) logRunRecord(logger, { ...figures, app, seconds: (Date.now() - started) / 1000, exitCode: code }, new Date());
  };
  try {
    await main((l) => (logger = l), figures);
  } catch (error) {
    code = exitCodeFor(error);
    if (code === ExitCode.ok) {
      record();
      return finish(logger, code);
    }
    const message = error instanceof Error ? error.message : String(error);
    if (logger) logger.error({ err: error, exitCode: code }, `${app} failed: ${message}`);
    else process.stderr.write(`${message.startsWith(`${app}: `) ? message : `${app}: ${message}`}\n`);
    if (code === ExitCode.unexpected && !(error instanceof ConfigError) && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
  }
  record();
  return finish(logger, code);
}

function finish(logger: Logger | undefined, code: ExitCode): never {
  logger?.flush?.();
  process.exit(code);
}
