import type { StripeAccount, StripeListName } from './stripe-account';

/** An answer the server gives instead of a page. */
export type StripeFault =
  | { readonly kind: 'status'; readonly status: number; readonly code?: string; readonly message: string; readonly shouldRetry?: boolean }
  | { readonly kind: 'reset' };

interface Queued {
  readonly fault: StripeFault;
  /** Only requests to this list take it; undefined: the next request to any list. */
  readonly list?: StripeListName;
}

/**
 * Faults on demand, each taken by one request in the order queued: a 429
 * burst, 5xx, Stripe's lock timeout, a connection reset mid-page, and a change
 * to the account between two pages of a listing. Data faults (an event past
 * 30 days, a payment before its order, a zero-decimal refund) are account
 * states, made through StripeAccount and the server's clock.
 */
export class StripeFaults {
  private readonly queue: Queued[] = [];
  private readonly afterPages: { list: StripeListName; change: (account: StripeAccount) => void }[] = [];

  /** The next `count` requests get 429 rate_limit, as a burst over the account's limit does. */
  rateLimitBurst(count: number, list?: StripeListName): this {
    return this.push(count, { kind: 'status', status: 429, code: 'rate_limit', message: 'Request rate limit exceeded.' }, list);
  }

  /** The next `count` requests get a server error (Stripe says it may be retried). */
  serverErrors(count: number, status = 500, list?: StripeListName): this {
    return this.push(count, { kind: 'status', status, message: 'An unknown error occurred.', shouldRetry: true }, list);
  }

  /** Stripe's answer when another request holds the object's lock: 429 lock_timeout. */
  lockTimeouts(count: number, list?: StripeListName): this {
    return this.push(count, { kind: 'status', status: 429, code: 'lock_timeout', message: 'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.', shouldRetry: true }, list);
  }

  /** A 400 Stripe says not to retry, for the "not transient" path. */
  badRequests(count: number, list?: StripeListName): this {
    return this.push(count, { kind: 'status', status: 400, code: 'parameter_invalid', message: 'Invalid request.', shouldRetry: false }, list);
  }

  /** The next `count` pages stop half-way and the connection is reset. */
  resetMidPage(count: number, list?: StripeListName): this {
    return this.push(count, { kind: 'reset' }, list);
  }

  /** Right after the next page of `list` is served, `change` runs: an object updated between two pages. */
  changeAfterNextPage(list: StripeListName, change: (account: StripeAccount) => void): this {
    this.afterPages.push({ list, change });
    return this;
  }

  get pending(): number {
    return this.queue.length + this.afterPages.length;
  }

  /** @internal The server takes the fault for a request to `list`, if one is queued for it. */
  take(list: StripeListName): StripeFault | undefined {
    const at = this.queue.findIndex((q) => q.list === undefined || q.list === list);
    return at < 0 ? undefined : this.queue.splice(at, 1)[0].fault;
  }

  /** @internal Called after a page of `list` is served. */
  afterPage(list: StripeListName, account: StripeAccount): void {
    const at = this.afterPages.findIndex((a) => a.list === list);
    if (at >= 0) this.afterPages.splice(at, 1)[0].change(account);
  }

  private push(count: number, fault: StripeFault, list?: StripeListName): this {
    for (let i = 0; i < count; i++) this.queue.push({ fault, ...(list ? { list } : {}) });
    return this;
  }
}
