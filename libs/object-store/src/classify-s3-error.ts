import { ConfigError, TransientError, isTransient } from '@northstar/core';

interface SdkErrorShape {
  readonly name?: string;
  readonly $fault?: 'client' | 'server';
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const throttles = new Set(['SlowDown', 'ThrottlingException', 'RequestTimeout', 'RequestTimeTooSkewed', 'TimeoutError']);
// The SDK's retry layer can re-wrap a socket error as a plain Error (it does so
// for errors from another realm), keeping only the message.
const networkMessage = /\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|socket hang up)\b/;

/**
 * Gives an S3 failure the exit code Batch needs. The SDK has already retried
 * (maxAttempts), so what reaches us is either an outage worth retrying the
 * whole job for (75), a permission or bucket mistake (2), or a bug.
 */
export function classifyS3Error(error: unknown, action: string): unknown {
  const sdk = (error ?? {}) as SdkErrorShape;
  const status = sdk.$metadata?.httpStatusCode;
  const message = `S3 ${action} failed: ${(error as Error | undefined)?.message ?? String(error)}`;
  if (status === 403 || sdk.name === 'NoSuchBucket' || sdk.name === 'InvalidAccessKeyId') {
    return new ConfigError(message, { cause: error });
  }
  const serverSide = sdk.$fault === 'server' || (status !== undefined && status >= 500) || status === 429;
  const network = isTransient(error) || networkMessage.test((error as Error | undefined)?.message ?? '');
  if (serverSide || sdk.$retryable || throttles.has(sdk.name ?? '') || network) {
    return new TransientError(message, { cause: error });
  }
  return error;
}
