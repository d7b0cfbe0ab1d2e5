import { EVENT_RETENTION_SECONDS, type StripeApiServer, type StripeSandboxFeed } from '../stripe-api';
import { attempts, expectLoaded, logLines, sourceHour, type SourceHour } from './api-source-steps';
import type { FaultScenario, ScenarioEnd } from './fault-scenario';
import type { FaultStage } from './fault-stage';
import { comparePayments } from './source-comparison';
import { expectExit, howItEnded } from './scenario-steps';

const DAY_MS = 86_400_000;

/** The stage's Stripe (fed from its orders DB, served on loopback) and the steps a Stripe scenario takes. */
class StripeWorld {
  constructor(readonly stage: FaultStage) {}

  get feed(): StripeSandboxFeed {
    return this.stage.apis.stripeFeed;
  }

  get server(): StripeApiServer {
    return this.stage.apis.stripe;
  }

  /** extract-stripe for `at`, retried on 75, then its loads and the models. */
  hour(at: Date): Promise<SourceHour> {
    return sourceHour(this.stage, 'extract-stripe', at);
  }

  /** The orders DB and its pipeline one hour on (to `hours` after the epoch), and Stripe with them. */
  async ordersHour(hours: number): Promise<string> {
    await this.stage.sandbox.advanceHour(this.stage.hour(hours - 1));
    const run = await this.stage.pipeline('hourly', this.stage.hour(hours));
    await this.feed.syncTo(this.stage.hour(hours));
    return howItEnded(run);
  }

  /** A full refund, created at `at`, of the first succeeded charge in `currency` not refunded yet, with its events. */
  refundFirst(currency: string, at: Date, id: string): { chargeId: string; amount: number } {
    const charge = this.feed.account.listing('charges').objects.map((o) => o.value).find((c) => c['currency'] === currency && c['status'] === 'succeeded' && !c['refunded']);
    if (!charge) throw new Error(`the sandbox account has no succeeded ${currency} charge to refund`);
    const amount = Number(charge['amount_captured']);
    this.feed.account.addRefund({
      id, object: 'refund', amount, charge: charge.id, payment_intent: String(charge['payment_intent']), balance_transaction: `txn_${id}`,
      currency, created: Math.floor(at.getTime() / 1000), status: 'succeeded', reason: 'requested_by_customer', metadata: { order_id: String((charge['metadata'] as { order_id?: string } | undefined)?.order_id ?? '') },
    });
    return { chargeId: charge.id, amount };
  }

  async end(did: string, hours: number, problems: string[]): Promise<ScenarioEnd> {
    return { did, windowEnd: this.stage.hour(hours), problems, sourceComparison: await comparePayments(this.stage.config.warehouse, this.feed.account) };
  }
}

/** The 06:00 orders run (Stripe as of 06:00 beside it), then the scenario. */
async function withStripe(stage: FaultStage, body: (world: StripeWorld) => Promise<ScenarioEnd>): Promise<ScenarioEnd> {
  await stage.baseline();
  return body(new StripeWorld(stage));
}

/**
 * A wire fault in Stripe's initial load, extracted before the orders' first
 * run: the extractor's retries absorb it; then the 06:00 pipeline (its
 * payments find their orders, and Stripe's hour is read again where the
 * graph runs Stripe): fct_payments is whole and single.
 */
function wireFault(name: string, summary: string, inject: (server: StripeApiServer) => void, label: string): FaultScenario {
  return {
    name,
    summary,
    async run(stage) {
      inject(stage.apis.stripe);
      const first = await sourceHour(stage, 'extract-stripe', stage.hour(0));
      const retried = logLines(first, /Stripe request failed; retrying/).length;
      await stage.baseline();
      const pending = stage.apis.stripe.faults.pending;
      const problems = [...expectLoaded('06:00', first), ...(pending > 0 ? [`${pending} queued faults never reached`] : []), ...(retried === 0 ? ['no request was retried'] : [])];
      return new StripeWorld(stage).end(`${label}; extract ${attempts(first)}, ${retried} requests retried; 06:00 pipeline exit 0`, 0, problems);
    },
  };
}

/** Stripe's faults: each run through the real SDK in extract-stripe against the sandbox server, then fct_payments compared with the account. */
export const stripeFaultScenarios: readonly FaultScenario[] = [
  wireFault('stripe_429_burst', 'Stripe: the first 6 charge-list requests answered 429 rate_limit', (s) => s.faults.rateLimitBurst(6, 'charges'), '6 x 429 on charges'),
  wireFault('stripe_5xx', 'Stripe: 3 requests answered 500, then 2 answered 503', (s) => s.faults.serverErrors(3, 500).serverErrors(2, 503), '3 x 500, 2 x 503'),
  wireFault('stripe_reset_mid_page', 'Stripe: 2 charge pages cut half-way and the connection reset', (s) => s.faults.resetMidPage(2, 'charges'), '2 pages reset mid-body'),
  {
    name: 'stripe_updated_between_pages',
    summary: "Stripe: during the initial load, right after the first charges page, a charge on it is refunded in full (the charge changes, a refund appears); then the 06:00 and 07:00 hours",
    async run(stage) {
      const world = new StripeWorld(stage);
      let refunded: { chargeId: string } | undefined;
      world.server.faults.changeAfterNextPage('charges', () => void (refunded = world.refundFirst('usd', new Date(stage.hour(0).getTime() - 120_000), 're_between_pages')));
      const first = await world.hour(stage.hour(0));
      await stage.baseline();
      const orders = await world.ordersHour(1);
      const next = await world.hour(stage.hour(1));
      return world.end(`charge ${refunded?.chargeId ?? '?'} refunded between pages; 06:00 extract ${attempts(first)}; orders 07:00 ${orders}; 07:00 extract ${attempts(next)}`, 1,
        [...expectLoaded('06:00', first), ...expectLoaded('07:00', next), ...(refunded ? [] : ['the change between pages never ran'])]);
    },
  },
  {
    name: 'stripe_events_past_30_days',
    summary: "Stripe: a late refund of an old charge, the 07:00 run, then Stripe's clock 31 days on, so the saved event position is past its retention; then 08:00",
    run: (stage) => withStripe(stage, async (world) => {
      const first = await world.hour(stage.hour(0));
      world.refundFirst('gbp', new Date(stage.hour(0).getTime() + 600_000), 're_after_retention');
      const orders = await world.ordersHour(1);
      stage.apis.stripeClockAheadMs = 31 * DAY_MS;
      world.feed.account.expireEventsBefore(Math.floor((world.feed.now.getTime() + stage.apis.stripeClockAheadMs) / 1000) - EVENT_RETENTION_SECONDS);
      // 07:00's Stripe extract ran in the orders' pipeline (the hourly graph has it): the next Stripe hour is 08:00.
      const next = await world.hour(stage.hour(2));
      const relisted = logLines(next, /re-list|relist/i).length;
      return world.end(`06:00 extract ${attempts(first)}; 07:00 pipeline ${orders}; clock +31 days; 08:00 extract ${attempts(next)}, ${relisted} log lines on the re-listed gap`, 2,
        [...expectLoaded('06:00', first), ...expectLoaded('08:00', next), ...(relisted === 0 ? ['the run did not say it re-listed the gap'] : [])]);
    }),
  },
  {
    name: 'stripe_payment_before_order',
    summary: "Stripe: charges of 07:00-08:00 extracted while the orders DB's last run was 07:00; then the orders' 08:00 run and Stripe again",
    run: (stage) => withStripe(stage, async (world) => {
      const orders1 = await world.ordersHour(1);
      await stage.sandbox.advanceHour(stage.hour(1));
      await world.feed.syncTo(stage.hour(2));
      const early = await world.hour(stage.hour(2));
      const waiting = (await comparePayments(stage.config.warehouse, world.feed.account)).wrong;
      const orders2 = await stage.pipeline('hourly', stage.hour(2));
      const again = await world.hour(stage.hour(2));
      return world.end(`orders 07:00 ${orders1}; Stripe 08:00 ${attempts(early)} with ${waiting} payments unresolved; orders 08:00 ${howItEnded(orders2)}; Stripe 08:00 again ${attempts(again)}`, 2,
        [...expectLoaded('Stripe 08:00', early), ...expectExit('orders 08:00', orders2, [0]), ...expectLoaded('Stripe 08:00 again', again), ...(waiting === 0 ? ['no payment was waiting for its order'] : [])]);
    }),
  },
  {
    name: 'stripe_zero_decimal_refund',
    summary: 'Stripe: a JPY charge refunded in full (zero-decimal: 1 unit is 1 yen); then 07:00',
    run: (stage) => withStripe(stage, async (world) => {
      const first = await world.hour(stage.hour(0));
      const refund = world.refundFirst('jpy', new Date(stage.hour(0).getTime() + 600_000), 're_zero_decimal');
      const orders = await world.ordersHour(1);
      const next = await world.hour(stage.hour(1));
      return world.end(`refund of ${refund.amount} JPY on ${refund.chargeId}; 06:00 extract ${attempts(first)}; orders 07:00 ${orders}; 07:00 extract ${attempts(next)}`, 1,
        [...expectLoaded('06:00', first), ...expectLoaded('07:00', next)]);
    }),
  },
];
