import { ConfigError, ExitCode, exitCodeFor, NorthstarError, TransientError } from '@northstar/core';

/** Wrong credentials, database or grants: a retry cannot help, the configuration must change. */
const configCodes = new Set(['28000', '28P01', '3D000', '42501']);

/** pg's own words when the socket went away; it gives them no code. */
const connectionLost = /connection terminated|not queryable|connection error/i;

/**
 * An orders DB failure as one of the run's outcomes, its message prefixed
 * with what the run was doing: bad credentials, database or host name exit 2,
 * a lost or refused connection and the server's transient codes exit 75, the
 * rest keep their code (exit 1 for what nobody expected).
 */
export function classifyOrdersDbError(error: unknown, doing: string): Error {
  if (error instanceof NorthstarError) return error;
  const message = `${doing}: ${error instanceof Error ? error.message : String(error)}`;
  const code = (error as { code?: unknown } | undefined)?.code;
  const exitCode = exitCodeFor(error);
  if ((typeof code === 'string' && configCodes.has(code)) || exitCode === ExitCode.badInput) return new ConfigError(message, { cause: error });
  if (exitCode === ExitCode.transient || (error instanceof Error && connectionLost.test(error.message))) return new TransientError(message, { cause: error });
  return new Error(message, { cause: error });
}
