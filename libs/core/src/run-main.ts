import { ConfigError, ExitCode, exitCodeFor } from './errors';
import type { Logger } from './logger';

/**
 * Runs an app's main function and turns its outcome into the exit code AWS
 * Batch acts on. The logger is built by `main` itself once config is valid;
 * errors before that go to stderr as one plain line.
 */
export async function runMain(app: string, main: (setLogger: (logger: Logger) => void) => Promise<void>): Promise<never> {
  let logger: Logger | undefined;
  let code: ExitCode = ExitCode.ok;
  try {
    await main((l) => (logger = l));
  } catch (error) {
    code = exitCodeFor(error);
    if (code === ExitCode.ok) return finish(logger, code);
    const message = error instanceof Error ? error.message : String(error);
    if (logger) logger.error({ err: error, exitCode: code }, `${app} failed: ${message}`);
    else process.stderr.write(`${message.startsWith(`${app}: `) ? message : `${app}: ${message}`}\n`);
    if (code === ExitCode.unexpected && !(error instanceof ConfigError) && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
  }
  return finish(logger, code);
}

function finish(logger: Logger | undefined, code: ExitCode): never {
  logger?.flush?.();
  process.exit(code);
}
