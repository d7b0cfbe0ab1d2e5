import type { OrdersDbSandbox } from '../orders-db-sandbox';
import { DEFAULT_SANDBOX_SEED } from '../sandbox-shape';
import { StripeAccount, StripeApiServer, StripeSandboxFeed } from '../stripe-api';
import { ZendeskApiServer } from '../zendesk-api';
import { zendeskObjectsFor } from '../zendesk-sandbox-feed';

const ZENDESK_LOGIN = { email: 'faults@northstar.test', token: 'faults-zendesk-token' };

/**
 * A stage's Stripe and Zendesk: the sandbox servers on loopback, fed from the
 * stage's orders DB, so a pipeline run that extracts them finds the APIs it
 * would in the demo. A scenario injects its faults through `stripe.faults`
 * and `zendesk.injectFault`, and may move either clock.
 */
export class FaultSourceApis {
  /** Added to Stripe's clock (the 30-day event retention is judged by it). */
  stripeClockAheadMs = 0;
  /** Added to Zendesk's clock (its export leaves out its last minute by it). */
  zendeskClockAheadMs = 0;
  private zendeskNow: Date;

  private constructor(
    private readonly sandbox: OrdersDbSandbox,
    readonly stripeFeed: StripeSandboxFeed,
    readonly stripe: StripeApiServer,
    readonly zendesk: ZendeskApiServer,
    start: Date,
  ) {
    this.zendeskNow = start;
  }

  static async start(sandbox: OrdersDbSandbox, start: Date): Promise<FaultSourceApis> {
    const feed = new StripeSandboxFeed(new StripeAccount(), sandbox);
    await feed.syncTo(start);
    let apis: FaultSourceApis | undefined;
    const stripe = await StripeApiServer.start({ account: feed.account, clock: () => new Date(feed.now.getTime() + (apis?.stripeClockAheadMs ?? 0)) });
    try {
      const objects = await zendeskObjectsFor(sandbox, DEFAULT_SANDBOX_SEED, start);
      const zendesk = await ZendeskApiServer.start({ objects, now: () => apis?.zendeskTime() ?? start, ...ZENDESK_LOGIN, requestsPerMinute: 600 });
      apis = new FaultSourceApis(sandbox, feed, stripe, zendesk, start);
      return apis;
    } catch (error) {
      await stripe.close();
      throw error;
    }
  }

  /** Zendesk's clock as its export sees it. */
  zendeskTime(): Date {
    return new Date(this.zendeskNow.getTime() + this.zendeskClockAheadMs);
  }

  /** Both accounts as of `at`: the orders DB's changes until then reach Stripe and Zendesk. */
  async syncTo(at: Date): Promise<void> {
    await this.stripeFeed.syncTo(at);
    if (at <= this.zendeskNow) return;
    this.zendesk.setObjects(await zendeskObjectsFor(this.sandbox, DEFAULT_SANDBOX_SEED, at));
    this.zendeskNow = at;
  }

  /** The variables that point the extractors at these servers. */
  env(): Record<string, string> {
    return {
      STRIPE_API_BASE: `http://127.0.0.1:${this.stripe.port}`,
      STRIPE_MAX_RPS: '1000',
      ZENDESK_URL: this.zendesk.url,
      ZENDESK_EMAIL: ZENDESK_LOGIN.email,
      ZENDESK_API_TOKEN: ZENDESK_LOGIN.token,
      ZENDESK_REQUESTS_PER_MINUTE: '600',
    };
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.stripe.close(), this.zendesk.close()]);
  }
}
