import { ConfigError, TransientError, isTransient } from '@northstar/core';

interface SdkErrorShape {
  readonly name?: string;
  readonly $fault?: 'client' | 'server';
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/**
 * The SDK has retried already. A ClientException (a queue or job definition
 * that does not exist, a bad parameter, missing permission) needs a fix, not
 * a retry: 2. Throttling, 5xx and network failures: 75, the launcher's retry
 * strategy runs it again and the claim lets it complete the run.
 */
export function classifyBatchError(error: unknown, action: string): unknown {
  const sdk = (error ?? {}) as SdkErrorShape;
  const status = sdk.$metadata?.httpStatusCode;
  const message = `AWS Batch ${action} failed: ${(error as Error | undefined)?.message ?? String(error)}`;
  if (sdk.$fault === 'server' || (status !== undefined && status >= 500) || status === 429 || sdk.$retryable || sdk.name === 'TooManyRequestsException' || isTransient(error)) {
    return new TransientError(message, { cause: error });
  }
  if (sdk.name === 'ClientException' || status === 400 || status === 403) return new ConfigError(message, { cause: error });
  return error;
}
