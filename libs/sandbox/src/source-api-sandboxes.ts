import { LOCAL_ZENDESK } from '@northstar/core';
import { DEFAULT_SANDBOX_SEED } from './sandbox-shape';
import { StripeAccount, StripeApiServer, StripeSandboxFeed, type SandboxOrders } from './stripe-api';
import { ZendeskApiServer } from './zendesk-api';
import { zendeskObjectsFor } from './zendesk-sandbox-feed';

export interface SourceApiSandboxOptions {
  readonly seed?: number;
  /** Fixed ports (`npm run sandbox -- serve`); default free loopback ports. */
  readonly stripePort?: number;
  readonly zendeskPort?: number;
  /** The Zendesk login the server accepts; `env()` hands the same to the extractor. */
  readonly zendeskLogin?: { readonly email: string; readonly token: string };
}

/** Budgets far above what one sandbox hour needs: the sandboxes answer at once, and the extractors never wait on their limiters. */
const STRIPE_MAX_RPS = 1000;
const ZENDESK_REQUESTS_PER_MINUTE = 600;
const DEFAULT_LOGIN = { email: LOCAL_ZENDESK.email, token: LOCAL_ZENDESK.apiToken };

/**
 * The Stripe and Zendesk APIs on loopback, both fed from one orders DB
 * sandbox, so payments and tickets agree with its orders and customers.
 * After each sandbox hour, `syncTo(at)` brings both accounts (and their
 * clocks) to `at`; `env()` is what the extractors read to reach them. The
 * servers answer from this process: whatever runs the extractors here must
 * not block it (spawn, not spawnSync).
 */
export class SourceApiSandboxes {
  /** Added to Stripe's clock (its 30-day event retention is judged by it): a fault scenario's skew. */
  stripeClockAheadMs = 0;
  /** Added to Zendesk's clock (its export leaves out its last minute by it). */
  zendeskClockAheadMs = 0;
  private zendeskNow: Date;

  private constructor(
    private readonly orders: SandboxOrders,
    readonly stripeFeed: StripeSandboxFeed,
    readonly stripe: StripeApiServer,
    readonly zendesk: ZendeskApiServer,
    private readonly seed: number,
    private readonly login: { readonly email: string; readonly token: string },
  ) {
    this.zendeskNow = stripeFeed.now;
  }

  /** Both servers started, their accounts empty until the first `syncTo`. */
  static async start(orders: SandboxOrders, options: SourceApiSandboxOptions = {}): Promise<SourceApiSandboxes> {
    const seed = options.seed ?? DEFAULT_SANDBOX_SEED;
    const login = options.zendeskLogin ?? DEFAULT_LOGIN;
    const feed = new StripeSandboxFeed(new StripeAccount(), orders, seed);
    let sandboxes: SourceApiSandboxes | undefined;
    const stripe = await StripeApiServer.start({ account: feed.account, clock: () => new Date(feed.now.getTime() + (sandboxes?.stripeClockAheadMs ?? 0)), ...(options.stripePort !== undefined ? { port: options.stripePort } : {}) });
    try {
      const zendesk = await ZendeskApiServer.start({
        objects: { users: [], tickets: [], ticketMetrics: [], satisfactionRatings: [] },
        now: () => (sandboxes ? new Date(sandboxes.zendeskNow.getTime() + sandboxes.zendeskClockAheadMs) : new Date(0)),
        email: login.email,
        token: login.token,
        requestsPerMinute: ZENDESK_REQUESTS_PER_MINUTE,
        ...(options.zendeskPort !== undefined ? { port: options.zendeskPort } : {}),
      });
      sandboxes = new SourceApiSandboxes(orders, feed, stripe, zendesk, seed, login);
      return sandboxes;
    } catch (error) {
      await stripe.close();
      throw error;
    }
  }

  /** Stripe and Zendesk as of `at`, agreeing with the orders DB as it stands: the payments added, the tickets served; an `at` not after the last changes nothing. */
  async syncTo(at: Date): Promise<{ charges: number; refunds: number; disputes: number; tickets: number }> {
    const payments = await this.stripeFeed.syncTo(at);
    if (at > this.zendeskNow) {
      this.zendesk.setObjects(await zendeskObjectsFor(this.orders, this.seed, at));
      this.zendeskNow = at;
    }
    return { ...payments, tickets: this.zendesk.current().tickets.length };
  }

  /** The variables extract-stripe and extract-zendesk read to reach these sandboxes. */
  env(): Record<string, string> {
    return {
      STRIPE_API_BASE: `http://127.0.0.1:${this.stripe.port}`,
      STRIPE_MAX_RPS: String(STRIPE_MAX_RPS),
      ZENDESK_URL: this.zendesk.url,
      ZENDESK_EMAIL: this.login.email,
      ZENDESK_API_TOKEN: this.login.token,
      ZENDESK_REQUESTS_PER_MINUTE: String(ZENDESK_REQUESTS_PER_MINUTE),
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.stripe.close(), this.zendesk.close()]);
  }
}
