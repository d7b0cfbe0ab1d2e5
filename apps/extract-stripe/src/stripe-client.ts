import Stripe from 'stripe';
import { ConfigError, withRetry, type Logger } from '@northstar/core';
import { RequestLimiter } from './request-limiter';
import { isRetryableStripeError, toNorthstarError } from './stripe-errors';

/** The list endpoints the extractor reads. */
export type StripeList = 'charges' | 'refunds' | 'disputes' | 'balance_transactions' | 'payment_intents' | 'events';

export type StripeListParams = {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
  created?: { gte?: number; lt?: number };
  types?: string[];
};

export interface StripeObjectRecord extends Record<string, unknown> {
  readonly id: string;
  readonly object: string;
  readonly created: number;
}

export interface StripePage {
  readonly data: readonly StripeObjectRecord[];
  readonly hasMore: boolean;
  /** Stripe's clock when it answered (its Date header): listed objects were in this state then. */
  readonly serverTime: Date;
}

export interface StripeClientOptions {
  readonly apiKey: string;
  /** https://api.stripe.com, or the sandbox's http://127.0.0.1:<port>. */
  readonly apiBase: string;
  readonly maxRequestsPerSecond: number;
  readonly logger: Logger;
  readonly retry?: { readonly attempts?: number; readonly baseDelayMs?: number; readonly sleep?: (ms: number) => Promise<void> };
  /** Counts each retried request, for the run's figures. */
  readonly onRetry?: () => void;
}

/**
 * The official SDK pointed at `apiBase`, with its own retries off: every
 * page goes through the limiter and the one retry helper (libs/core), which
 * backs off with jitter on 429, 5xx, resets and Stripe-Should-Retry, so a
 * failure deep in a listing costs that page, not the listing.
 */
export class StripeClient {
  private readonly sdk: Stripe;
  private readonly limiter: RequestLimiter;

  constructor(private readonly options: StripeClientOptions) {
    this.sdk = new Stripe(options.apiKey, { ...sdkEndpoint(options.apiBase), maxNetworkRetries: 0, timeout: 60_000, telemetry: false });
    this.limiter = new RequestLimiter(options.maxRequestsPerSecond);
  }

  async listPage(list: StripeList, params: StripeListParams): Promise<StripePage> {
    const what = `GET /v1/${list}`;
    const retry = this.options.retry ?? {};
    try {
      return await withRetry(async () => {
        await this.limiter.acquire();
        const page = await this.resource(list).list(params as never) as unknown as Stripe.Response<{ data: StripeObjectRecord[]; has_more: boolean }>;
        const date = Date.parse(page.lastResponse.headers['date'] ?? '');
        return { data: page.data, hasMore: page.has_more, serverTime: Number.isNaN(date) ? new Date() : new Date(date) };
      }, {
        attempts: retry.attempts ?? 8,
        baseDelayMs: retry.baseDelayMs ?? 500,
        maxDelayMs: 30_000,
        retryOn: isRetryableStripeError,
        ...(retry.sleep ? { sleep: retry.sleep } : {}),
        onRetry: (error, attempt, delayMs) => {
          this.options.onRetry?.();
          const e = error as { statusCode?: number; code?: string; requestId?: string; message?: string };
          this.options.logger.warn({ request: what, attempt, delayMs, status: e.statusCode, code: e.code, requestId: e.requestId, reason: e.message }, 'Stripe request failed; retrying');
        },
      });
    } catch (error) {
      throw toNorthstarError(error, what);
    }
  }

  private resource(list: StripeList): { list(params: never): Promise<unknown> } {
    switch (list) {
      case 'charges': return this.sdk.charges;
      case 'refunds': return this.sdk.refunds;
      case 'disputes': return this.sdk.disputes;
      case 'balance_transactions': return this.sdk.balanceTransactions;
      case 'payment_intents': return this.sdk.paymentIntents;
      case 'events': return this.sdk.events;
    }
  }
}

/** The SDK's host, port and protocol options from one URL; a path is refused, as the SDK would drop it. */
export function sdkEndpoint(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiBase);
  if (url.pathname !== '/' && url.pathname !== '') throw new ConfigError(`STRIPE_API_BASE: expected a URL without a path, such as https://api.stripe.com, got one ending ${url.pathname}`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}
