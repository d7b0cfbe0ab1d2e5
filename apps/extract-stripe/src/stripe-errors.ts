import Stripe from 'stripe';
import { ConfigError, ExitCode, NorthstarError, TransientError } from '@northstar/core';

/** Stripe refused a request as malformed (400/404): a bug on our side, except for the cursor cases the streams handle. */
export class StripeRequestRefused extends NorthstarError {
  readonly exitCode = ExitCode.unexpected;
  constructor(message: string, readonly code: string | undefined, readonly param: string | undefined, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Whether a failed request may be sent again: a dropped connection, a 429
 * (rate limit or lock timeout) or a 5xx, unless Stripe says otherwise in
 * Stripe-Should-Retry, which wins both ways.
 */
export function isRetryableStripeError(error: unknown): boolean {
  if (error instanceof Stripe.errors.StripeConnectionError) return true;
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  const header = error.headers?.['stripe-should-retry'];
  if (header === 'true') return true;
  if (header === 'false') return false;
  const status = error.statusCode ?? 0;
  return status === 429 || status >= 500;
}

/** The SDK's error as one of ours, so the exit code says what to do: 75 retry, 2 fix the key, 1 a bug. */
export function toNorthstarError(error: unknown, what: string): Error {
  if (error instanceof NorthstarError || !(error instanceof Error)) return error as Error;
  const stripeError = error instanceof Stripe.errors.StripeError ? error : undefined;
  const request = stripeError?.requestId ? ` (request ${stripeError.requestId})` : '';
  // The SDK prefixes its message with the request id; it is said once, at the end.
  const message = `Stripe ${what}: ${error.message.replace(/^\[req_\w+\] /, '')}${request}`;
  if (isRetryableStripeError(error)) return new TransientError(message, { cause: error });
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
    return new ConfigError(`${message}; check STRIPE_API_KEY (it needs read access to this resource)`, { cause: error });
  }
  if (stripeError && (stripeError.statusCode === 400 || stripeError.statusCode === 404)) {
    return new StripeRequestRefused(message, stripeError.code, stripeError.param, { cause: error });
  }
  return error;
}
