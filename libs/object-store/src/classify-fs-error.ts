import { ConfigError, TransientError } from '@northstar/core';

/** The directory is wrong for the job: not writable, read-only, full, or not a directory. A retry cannot help. */
const setupCodes = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG']);
/** Too many open files or a busy resource: another attempt may get through. */
const transientCodes = new Set(['EMFILE', 'ENFILE', 'EBUSY', 'EAGAIN', 'EIO']);

/**
 * Gives a local raw-zone failure the exit code Batch needs, naming what the
 * store was doing and where: a permission or disk mistake is 2, a passing
 * shortage of file handles 75, anything else is left as it is (1, a bug).
 */
export function classifyFsError(error: unknown, action: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const message = `local raw zone: ${action} failed: ${(error as Error | undefined)?.message ?? String(error)}`;
  if (setupCodes.has(code)) return new ConfigError(message, { cause: error });
  if (transientCodes.has(code)) return new TransientError(message, { cause: error });
  return error;
}
