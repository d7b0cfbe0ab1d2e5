import { ConfigError, ExitCode, exitCodeFor, TransientError, isTransient } from '@northstar/core';

interface SdkErrorShape {
  readonly name?: string;
  readonly $fault?: 'client' | 'server';
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const throttles = new Set(['SlowDown', 'ThrottlingException', 'RequestTimeout', 'TimeoutError']);
/**
 * Mistakes in the bucket, region, credentials or clock: fixing the setup,
 * not retrying, is what helps. ExpiredToken is not here: a retried Batch job
 * gets fresh credentials from its role, so it counts as transient.
 */
const setupMistakes = new Set([
  'NoSuchBucket', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'PermanentRedirect', 'AuthorizationHeaderMalformed',
  'InvalidBucketName', 'RequestTimeTooSkewed', 'AccessDenied',
]);
const expiredCredentials = new Set(['ExpiredToken', 'TokenRefreshRequired']);
// The SDK's retry layer can re-wrap a socket error as a plain Error (it does so
// for errors from another realm), keeping only the message.
const networkMessage = /\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|socket hang up)\b/;
// A host name that does not resolve is a mistyped endpoint, not an outage.
const unknownHost = /\bENOTFOUND\b/;

/**
 * Gives an S3 failure the exit code Batch needs. The SDK has already retried
 * (maxAttempts), so what reaches us is either an outage worth retrying the
 * whole job for (75), a permission or bucket mistake (2), or a bug.
 */
export function classifyS3Error(error: unknown, action: string): unknown {
  const sdk = (error ?? {}) as SdkErrorShape;
  const status = sdk.$metadata?.httpStatusCode;
  const message = `S3 ${action} failed: ${(error as Error | undefined)?.message ?? String(error)}`;
  if (expiredCredentials.has(sdk.name ?? '')) return new TransientError(message, { cause: error });
  if (status === 403 || status === 301 || setupMistakes.has(sdk.name ?? '') || exitCodeFor(error) === ExitCode.badInput || unknownHost.test((error as Error | undefined)?.message ?? '')) {
    return new ConfigError(message, { cause: error });
  }
  const serverSide = sdk.$fault === 'server' || (status !== undefined && status >= 500) || status === 429;
  const network = isTransient(error) || networkMessage.test((error as Error | undefined)?.message ?? '');
  if (serverSide || sdk.$retryable || throttles.has(sdk.name ?? '') || network) {
    return new TransientError(message, { cause: error });
  }
  return error;
}
