import type { TimeWindow } from '@northstar/core';
import { centsToMinorUnits } from './currencies';
import type { CustomerRow } from './customer-profile';
import { dateToMicros, MICROS_PER_DAY, MICROS_PER_SECOND } from './microseconds';
import type { OrderPlan } from './order-plan';
import { Prng } from './prng';
import { sourceId } from './source-ids';

/**
 * Stripe's Charge object, with the fields the charges contract reads. The
 * sandbox plays the live account, so livemode is true.
 */
export interface StripeCharge {
  readonly id: string;
  readonly object: 'charge';
  /** Minor units of `currency` (yen for JPY, fils for KWD). */
  readonly amount: number;
  readonly amount_captured: number;
  readonly amount_refunded: number;
  /** Lower case, as Stripe writes it. */
  readonly currency: string;
  /** Unix seconds. */
  readonly created: number;
  readonly status: 'succeeded' | 'failed';
  readonly paid: boolean;
  readonly captured: boolean;
  readonly refunded: boolean;
  readonly disputed: boolean;
  readonly customer: string;
  readonly payment_intent: string;
  readonly balance_transaction: string | null;
  readonly billing_details: { readonly email: string; readonly name: string };
  readonly payment_method_details: { readonly type: 'card' };
  readonly failure_code: string | null;
  readonly failure_message: string | null;
  readonly description: string;
  readonly livemode: true;
  readonly metadata: { readonly order_id: string };
}

export interface StripeRefund {
  readonly id: string;
  readonly object: 'refund';
  readonly amount: number;
  readonly charge: string;
  readonly payment_intent: string;
  readonly balance_transaction: string;
  readonly currency: string;
  readonly created: number;
  readonly status: 'succeeded';
  readonly reason: 'requested_by_customer';
  readonly metadata: { readonly order_id: string };
}

export interface StripeDispute {
  readonly id: string;
  readonly object: 'dispute';
  readonly amount: number;
  readonly charge: string;
  readonly payment_intent: string;
  readonly currency: string;
  readonly created: number;
  readonly status: 'needs_response' | 'won' | 'lost';
  readonly reason: 'fraudulent' | 'product_not_received';
  readonly is_charge_refundable: boolean;
  readonly evidence_details: { readonly due_by: number };
  readonly livemode: true;
  readonly metadata: { readonly order_id: string };
}

export interface StripeObjects {
  readonly charges: readonly StripeCharge[];
  readonly refunds: readonly StripeRefund[];
  readonly disputes: readonly StripeDispute[];
}

export interface SourceGeneratorInput {
  readonly seed: number;
  readonly orders: readonly OrderPlan[];
  /** Every customer the orders name, with their current email. */
  readonly customers: readonly CustomerRow[];
  /** Objects created inside it are returned, in the state they have at its end. */
  readonly window: TimeWindow;
}

/**
 * Stripe as seen from its list endpoints: one succeeded charge per paid
 * order, sometimes after a failed attempt; a full refund for orders cancelled
 * after payment or refunded; a few disputes. Every object carries
 * metadata.order_id, and amounts are the order total in minor units.
 */
export function generateStripe(input: SourceGeneratorInput): StripeObjects {
  const customers = new Map(input.customers.map((c) => [c.customer_id, c]));
  const [fromUs, toUs] = [dateToMicros(input.window.start), dateToMicros(input.window.end)];
  const inWindow = (us: number | undefined): us is number => us !== undefined && us >= fromUs && us < toUs;
  const out = { charges: [] as StripeCharge[], refunds: [] as StripeRefund[], disputes: [] as StripeDispute[] };
  for (const plan of input.orders) {
    const customer = customers.get(plan.customerId);
    if (!customer) throw new Error(`order ${plan.orderId} names customer ${plan.customerId}, who is not in the input`);
    const rng = Prng.derive(input.seed, 'stripe', plan.orderId);
    const failedUs = failedAttemptUs(rng, plan);
    if (inWindow(failedUs)) out.charges.push(charge(input.seed, plan, customer, failedUs, toUs, 'failed'));
    const { paidUs, disputedUs } = plan.timeline;
    if (paidUs === undefined) continue;
    if (inWindow(paidUs)) out.charges.push(charge(input.seed, plan, customer, paidUs, toUs, 'succeeded'));
    const refundUs = refundedUs(plan);
    if (inWindow(refundUs)) out.refunds.push(refund(input.seed, plan, refundUs));
    if (inWindow(disputedUs)) out.disputes.push(dispute(input.seed, rng, plan, disputedUs, toUs));
  }
  return out;
}

/** Some orders see a declined card first; cancelled-before-payment orders often never get past it. */
function failedAttemptUs(rng: Prng, plan: OrderPlan): number | undefined {
  const { orderedUs, paidUs, cancelledUs } = plan.timeline;
  if (paidUs === undefined) return rng.chance(0.5) && cancelledUs !== undefined ? orderedUs + Math.floor((cancelledUs - orderedUs) / 2) : undefined;
  return rng.chance(0.03) ? orderedUs + Math.floor((paidUs - orderedUs) / 2) : undefined;
}

/** A full refund: the order was cancelled after payment, or returned after delivery. */
export function refundedUs(plan: OrderPlan): number | undefined {
  const { paidUs, cancelledUs, refundedUs: returnedUs } = plan.timeline;
  if (paidUs === undefined) return undefined;
  return returnedUs ?? cancelledUs;
}

const seconds = (us: number) => Math.floor(us / MICROS_PER_SECOND);
const amountOf = (plan: OrderPlan) => centsToMinorUnits(plan.totalCents, plan.currency);
const chargeId = (seed: number, plan: OrderPlan, status: string) => sourceId('ch_', seed, `charge-${status}`, plan.orderId);
const paymentIntentId = (seed: number, plan: OrderPlan) => sourceId('pi_', seed, 'payment-intent', plan.orderId);

function charge(seed: number, plan: OrderPlan, customer: CustomerRow, createdUs: number, asOfUs: number, status: 'succeeded' | 'failed'): StripeCharge {
  const ok = status === 'succeeded';
  const refundUs = refundedUs(plan);
  const refunded = ok && refundUs !== undefined && refundUs < asOfUs;
  return {
    id: chargeId(seed, plan, status),
    object: 'charge',
    amount: amountOf(plan),
    amount_captured: ok ? amountOf(plan) : 0,
    amount_refunded: refunded ? amountOf(plan) : 0,
    currency: plan.currency.toLowerCase(),
    created: seconds(createdUs),
    status,
    paid: ok,
    captured: ok,
    refunded,
    disputed: ok && plan.timeline.disputedUs !== undefined && plan.timeline.disputedUs < asOfUs,
    customer: sourceId('cus_', seed, 'customer', plan.customerId, 14),
    payment_intent: paymentIntentId(seed, plan),
    balance_transaction: ok ? sourceId('txn_', seed, 'charge-txn', plan.orderId) : null,
    billing_details: { email: customer.email, name: `${customer.first_name} ${customer.last_name}` },
    payment_method_details: { type: 'card' },
    failure_code: ok ? null : 'card_declined',
    failure_message: ok ? null : 'Your card was declined.',
    description: `Northstar order ${plan.orderId}`,
    livemode: true,
    metadata: { order_id: String(plan.orderId) },
  };
}

function refund(seed: number, plan: OrderPlan, createdUs: number): StripeRefund {
  return {
    id: sourceId('re_', seed, 'refund', plan.orderId),
    object: 'refund',
    amount: amountOf(plan),
    charge: chargeId(seed, plan, 'succeeded'),
    payment_intent: paymentIntentId(seed, plan),
    balance_transaction: sourceId('txn_', seed, 'refund-txn', plan.orderId),
    currency: plan.currency.toLowerCase(),
    created: seconds(createdUs),
    status: 'succeeded',
    reason: 'requested_by_customer',
    metadata: { order_id: String(plan.orderId) },
  };
}

function dispute(seed: number, rng: Prng, plan: OrderPlan, createdUs: number, asOfUs: number): StripeDispute {
  const decided = asOfUs - createdUs > 7 * MICROS_PER_DAY;
  return {
    id: sourceId('dp_', seed, 'dispute', plan.orderId),
    object: 'dispute',
    amount: amountOf(plan),
    charge: chargeId(seed, plan, 'succeeded'),
    payment_intent: paymentIntentId(seed, plan),
    currency: plan.currency.toLowerCase(),
    created: seconds(createdUs),
    status: decided ? (rng.chance(0.6) ? 'won' : 'lost') : 'needs_response',
    reason: plan.timeline.shippedUs === undefined ? 'product_not_received' : rng.pick(['fraudulent', 'product_not_received'] as const),
    is_charge_refundable: false,
    evidence_details: { due_by: seconds(createdUs + 7 * MICROS_PER_DAY) },
    livemode: true,
    metadata: { order_id: String(plan.orderId) },
  };
}
