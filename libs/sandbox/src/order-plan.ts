import { countryByCode, currencies, type CurrencyCode, formatCents, roundCents } from './currencies';
import { customerProfile } from './customer-profile';
import { microsToIso } from './microseconds';
import { lifecycleAt, type OrderStatus, type OrderTimeline, orderTimeline } from './order-timeline';
import { Prng } from './prng';
import type { CatalogueProduct } from './product-catalogue';

/** One row of the legacy `orders` table (order_id is nullable there: see the null_business_key fault). */
export interface OrderRow {
  readonly order_id: number | null;
  readonly customer_id: number;
  readonly status: OrderStatus;
  readonly currency: CurrencyCode;
  readonly subtotal: string;
  readonly tax: string;
  readonly shipping: string;
  readonly total: string;
  readonly ordered_at: string;
  readonly paid_at: string | null;
  readonly shipped_at: string | null;
  readonly delivered_at: string | null;
  readonly cancelled_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** One row of `order_items`; items never change after the order is placed. */
export interface OrderItemRow {
  readonly order_item_id: number;
  readonly order_id: number;
  readonly product_id: number;
  readonly quantity: number;
  readonly unit_price: string;
  readonly discount: string;
  readonly line_total: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/**
 * Everything about one order, now and later: amounts (integer cents in the
 * order's currency), items, and the timeline of status changes. The Stripe,
 * Zendesk and partner generators read plans, so all sources agree.
 */
export interface OrderPlan {
  readonly orderId: number;
  readonly customerId: number;
  readonly currency: CurrencyCode;
  readonly subtotalCents: number;
  readonly taxCents: number;
  readonly shippingCents: number;
  readonly totalCents: number;
  readonly timeline: OrderTimeline;
  readonly items: readonly OrderItemRow[];
  /** Written only once the new_column fault has added the column. */
  readonly giftMessage: string | null;
}

export interface PlanOrderInput {
  readonly seed: number;
  readonly orderId: number;
  readonly customerId: number;
  readonly orderedUs: number;
  readonly firstItemId: number;
  readonly products: readonly CatalogueProduct[];
}

const giftMessages = ['Happy birthday!', 'Congratulations on the new home', 'With love, from all of us', 'Thank you 🎁', 'Merry Christmas — see you soon'];

export function planOrder(input: PlanOrderInput): OrderPlan {
  const { seed, orderId } = input;
  const rng = Prng.derive(seed, 'order', orderId);
  const country = countryByCode(customerProfile(seed, input.customerId).country);
  const currency = country.currency;
  const lines = rng.weighted([[1, 30], [2, 25], [3, 20], [4, 15], [5, 10]] as const);
  const created = microsToIso(input.orderedUs);
  const items: OrderItemRow[] = [];
  let subtotalCents = 0;
  for (let line = 0; line < lines; line++) {
    const product = rng.pick(input.products);
    const quantity = rng.weighted([[1, 70], [2, 20], [3, 10]] as const);
    const unitCents = Math.max(roundCents(1, currency), roundCents(product.priceCents * currencies[currency].perUsd, currency));
    const discountCents = rng.chance(0.15) ? roundCents(quantity * unitCents * rng.pick([0.05, 0.1, 0.2]), currency) : 0;
    const lineCents = quantity * unitCents - discountCents;
    subtotalCents += lineCents;
    items.push({
      order_item_id: input.firstItemId + line,
      order_id: orderId,
      product_id: product.row.product_id,
      quantity,
      unit_price: formatCents(unitCents),
      discount: formatCents(discountCents),
      line_total: formatCents(lineCents),
      created_at: created,
      updated_at: created,
    });
  }
  const shippingCents = subtotalCents >= currencies[currency].freeShippingFromCents ? 0 : currencies[currency].shippingCents;
  const taxCents = roundCents(subtotalCents * country.taxRate, currency);
  return {
    orderId,
    customerId: input.customerId,
    currency,
    subtotalCents,
    taxCents,
    shippingCents,
    totalCents: subtotalCents + taxCents + shippingCents,
    timeline: orderTimeline(seed, orderId, input.orderedUs),
    items,
    giftMessage: rng.chance(0.1) ? rng.pick(giftMessages) : null,
  };
}

/** The order row as a reader sees it at `atUs`. */
export function orderRowAt(plan: OrderPlan, atUs: number): OrderRow {
  const ordered = microsToIso(plan.timeline.orderedUs);
  return {
    order_id: plan.orderId,
    customer_id: plan.customerId,
    currency: plan.currency,
    subtotal: formatCents(plan.subtotalCents),
    tax: formatCents(plan.taxCents),
    shipping: formatCents(plan.shippingCents),
    total: formatCents(plan.totalCents),
    ordered_at: ordered,
    created_at: ordered,
    ...lifecycleAt(plan.timeline, atUs),
  };
}

/** What the sandbox inserts: the row, plus gift_message, which only lands once the new_column fault has added the column. */
export function orderInsertRow(plan: OrderPlan, atUs: number): OrderRow & { readonly gift_message: string | null } {
  return { ...orderRowAt(plan, atUs), gift_message: plan.giftMessage };
}
