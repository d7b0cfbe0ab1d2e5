import type { CustomerRow } from '../customer-profile';
import type { OrderPlan } from '../order-plan';
import { DEFAULT_SANDBOX_SEED } from '../sandbox-shape';
import { generateStripe } from '../stripe-generator';
import type { StripeAccount } from './stripe-account';

/** What the feed reads the shop's orders from: the orders DB sandbox. */
export interface SandboxOrders {
  orderPlans(): Promise<OrderPlan[]>;
  customers(): Promise<CustomerRow[]>;
}

/**
 * Keeps the sandbox Stripe account in step with the sandbox orders DB: each
 * sync adds the charges, refunds and disputes created since the last one
 * (each with its events, a refund or dispute changing its charge), so the
 * payments agree with the orders. `now` is Stripe's clock for the server:
 * the end of the last sync.
 */
export class StripeSandboxFeed {
  private syncedTo = new Date(0);

  constructor(
    readonly account: StripeAccount,
    private readonly orders: SandboxOrders,
    private readonly seed = DEFAULT_SANDBOX_SEED,
  ) {}

  get now(): Date {
    return this.syncedTo;
  }

  /** Stripe as of `at`; an earlier `at` than the last sync changes nothing. */
  async syncTo(at: Date): Promise<{ charges: number; refunds: number; disputes: number }> {
    if (at <= this.syncedTo) return { charges: 0, refunds: 0, disputes: 0 };
    const objects = generateStripe({ seed: this.seed, orders: await this.orders.orderPlans(), customers: await this.orders.customers(), window: { start: this.syncedTo, end: at } });
    this.account.addObjects(objects);
    this.syncedTo = at;
    return { charges: objects.charges.length, refunds: objects.refunds.length, disputes: objects.disputes.length };
  }
}
