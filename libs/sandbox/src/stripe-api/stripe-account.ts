import { stripeCurrencyExponent } from '@northstar/contracts';
import type { StripeListing } from './stripe-list-page';
import type { StripeCharge, StripeDispute, StripeObjects, StripeRefund } from '../stripe-generator';

/** The list endpoints the sandbox serves, by their path under /v1. */
export const stripeListNames = ['charges', 'refunds', 'disputes', 'payment_intents', 'balance_transactions', 'events'] as const;
export type StripeListName = (typeof stripeListNames)[number];

/** Any Stripe object the account holds: an id, a creation time in Unix seconds, the rest as Stripe sends it. */
export type StripeObject = { readonly id: string; readonly object: string; readonly created: number } & Record<string, unknown>;

/** One stored object and its place in the listing (Stripe lists newest first; ties by insertion). */
export interface StoredObject {
  readonly seq: number;
  value: StripeObject;
}

/** Stripe keeps events for 30 days; older ones are neither listed nor accepted as a cursor. */
export const EVENT_RETENTION_SECONDS = 30 * 86_400;

/**
 * Stripe's state as the sandbox plays it: objects per list endpoint and the
 * events their changes raise, each event carrying a snapshot of the object.
 * A refund or dispute also changes its charge (amount_refunded, disputed), as
 * on Stripe, and raises the charge's event; charges and refunds get balance
 * transactions with a fee.
 */
export class StripeAccount {
  private readonly lists = new Map<StripeListName, Map<string, StoredObject>>(stripeListNames.map((n) => [n, new Map()]));
  private readonly listings = new Map<StripeListName, StripeListing>();
  private seq = 0;

  /** Adds a generated window of objects, in creation order, with their events. */
  addObjects(objects: StripeObjects): void {
    const all: { created: number; add: () => void }[] = [
      ...objects.charges.map((c) => ({ created: c.created, add: () => this.addCharge(c) })),
      ...objects.refunds.map((r) => ({ created: r.created, add: () => this.addRefund(r) })),
      ...objects.disputes.map((d) => ({ created: d.created, add: () => this.addDispute(d) })),
    ];
    for (const item of all.sort((a, b) => a.created - b.created)) item.add();
  }

  /** A charge, its balance transaction, and its payment intent: created by its first attempt, moved by each later one. */
  addCharge(charge: StripeCharge): void {
    if (charge.balance_transaction) this.addBalanceTransaction(charge.balance_transaction, charge.id, 'charge', charge.amount, charge.currency, charge.created);
    this.insert('charges', charge, `charge.${charge.status}`, charge.created);
    const succeeded = charge.status === 'succeeded';
    const state = { status: succeeded ? 'succeeded' : 'requires_payment_method', amount_received: succeeded ? charge.amount : 0, latest_charge: charge.id };
    if (this.find('payment_intents', charge.payment_intent)) {
      this.change('payment_intents', charge.payment_intent, (pi) => ({ ...pi, ...state }), succeeded ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', charge.created);
      return;
    }
    const intent = {
      id: charge.payment_intent, object: 'payment_intent', amount: charge.amount, currency: charge.currency, capture_method: 'automatic',
      customer: charge.customer, canceled_at: null, cancellation_reason: null, created: charge.created, livemode: charge.livemode, metadata: charge.metadata, ...state,
    };
    this.insert('payment_intents', intent, succeeded ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', charge.created);
  }

  /** A refund, and its charge's refunded amount: the charge's change reaches extractors only as an event. */
  addRefund(refund: StripeRefund): void {
    this.addBalanceTransaction(refund.balance_transaction, refund.id, 'refund', -refund.amount, refund.currency, refund.created);
    this.insert('refunds', refund, 'refund.created', refund.created);
    this.change('charges', refund.charge, (c) => {
      // A charge generated after its refund already counts it (the generator gives state as of its window's end).
      const refunded = Math.min(Number(c['amount']), Number(c['amount_refunded'] ?? 0) + refund.amount);
      return { ...c, amount_refunded: refunded, refunded: refunded >= Number(c['amount']) };
    }, 'charge.refunded', refund.created);
  }

  addDispute(dispute: StripeDispute): void {
    this.insert('disputes', dispute, 'charge.dispute.created', dispute.created);
    this.change('charges', dispute.charge, (c) => ({ ...c, disputed: true }), 'charge.dispute.created', dispute.created, false);
  }

  /** Changes an object as Stripe would (a late capture, a dispute won) and raises `eventType` with the new snapshot. */
  change(list: StripeListName, id: string, next: (current: StripeObject) => StripeObject, eventType: string, at: number, raiseEvent = true): void {
    const stored = this.lists.get(list)?.get(id);
    if (!stored) return;
    stored.value = next(stored.value);
    if (raiseEvent) this.raise(eventType, stored.value, at);
  }

  /** Drops events created before `before` (Unix seconds), as Stripe's 30-day retention does. */
  expireEventsBefore(before: number): void {
    for (const [id, event] of this.lists.get('events') ?? []) if (event.value.created < before) this.lists.get('events')?.delete(id);
    this.listings.delete('events');
  }

  /** The objects of a list, newest first, kept until the list changes (a bench lists a million objects page by page). */
  listing(list: StripeListName): StripeListing {
    const cached = this.listings.get(list);
    if (cached) return cached;
    const objects = [...(this.lists.get(list)?.values() ?? [])].sort((a, b) => b.value.created - a.value.created || b.seq - a.seq);
    const listing = { objects, indexOf: new Map(objects.map((o, i) => [o.value.id, i])) };
    this.listings.set(list, listing);
    return listing;
  }

  find(list: StripeListName, id: string): StripeObject | undefined {
    return this.lists.get(list)?.get(id)?.value;
  }

  count(list: StripeListName): number {
    return this.lists.get(list)?.size ?? 0;
  }

  /** Adds any object to a list (a hand-made charge in a spec) and raises `eventType` for it, unless told not to (a bench's million objects). */
  add(list: StripeListName, value: object, eventType: string, at = (value as StripeObject).created, raiseEvent = true): void {
    this.insert(list, value, eventType, at, raiseEvent);
  }

  private insert(list: StripeListName, value: object, eventType: string, at: number, raiseEvent = true): void {
    const stored = { seq: ++this.seq, value: value as StripeObject };
    this.lists.get(list)?.set(stored.value.id, stored);
    this.listings.delete(list);
    if (raiseEvent) this.raise(eventType, stored.value, at);
  }

  private raise(type: string, object: StripeObject, at: number): void {
    const seq = ++this.seq;
    const id = `evt_${seq.toString(36).padStart(24, '0')}`;
    // A snapshot: later changes to the object must not reach an event already raised.
    const event: StripeObject = { id, object: 'event', type, created: at, livemode: true, data: { object: structuredClone(object) } };
    this.lists.get('events')?.set(id, { seq, value: event });
    this.listings.delete('events');
  }

  private addBalanceTransaction(id: string, sourceId: string, type: 'charge' | 'refund', amount: number, currency: string, created: number): void {
    const fee = type === 'charge' ? stripeFee(amount, currency) : 0;
    const value: StripeObject = {
      id, object: 'balance_transaction', amount, fee, net: amount - fee, currency, type, reporting_category: type,
      status: 'available', source: sourceId, exchange_rate: null, available_on: created + 2 * 86_400, description: null, created,
      fee_details: fee ? [{ amount: fee, currency, type: 'stripe_fee' }] : [],
    };
    this.lists.get('balance_transactions')?.set(id, { seq: ++this.seq, value });
    this.listings.delete('balance_transactions');
  }
}

/**
 * 2.9% plus a fixed 0.30 of the major unit, in the currency's minor units;
 * three-decimal currencies keep the last digit 0 as Stripe requires.
 */
export function stripeFee(amount: number, currency: string): number {
  const exponent = stripeCurrencyExponent(currency);
  const fee = Math.round(amount * 0.029) + Math.round(0.3 * 10 ** exponent);
  return exponent === 3 ? Math.round(fee / 10) * 10 : fee;
}
