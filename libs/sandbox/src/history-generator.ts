import { type CustomerRow, customerRow } from './customer-profile';
import { type OrderItemRow, type OrderPlan, type OrderRow, orderRowAt, planOrder } from './order-plan';
import { Prng } from './prng';
import { type CatalogueProduct, generateProducts } from './product-catalogue';
import { type SandboxOptions, type SandboxShape, sandboxShape } from './sandbox-shape';

/** The orders DB as it stands at the sandbox start, plus the plans that say what happens next. */
export interface SandboxDataset {
  readonly shape: SandboxShape;
  readonly customers: readonly CustomerRow[];
  readonly products: readonly CatalogueProduct[];
  readonly orders: readonly OrderPlan[];
}

/**
 * Pure: the same options give byte-identical data. Customers sign up evenly
 * over the customer history and orders come in evenly over the order
 * history, each from a customer who had already signed up.
 */
export function generateHistory(options: SandboxOptions): SandboxDataset {
  const shape = sandboxShape(options);
  const products = generateProducts(shape);
  return { shape, customers: historyCustomers(shape), products, orders: historyOrders(shape, products) };
}

function historyCustomers(shape: SandboxShape): CustomerRow[] {
  const spacing = (shape.startUs - shape.customersFromUs) / shape.customers;
  const rows: CustomerRow[] = [];
  for (let id = 1; id <= shape.customers; id++) {
    const rng = Prng.derive(shape.seed, 'customer-history', id);
    const createdUs = Math.floor(shape.customersFromUs + (id - 1 + rng.next()) * spacing);
    // A fifth have changed their contact details since signing up.
    const change = rng.chance(0.2) ? { version: 1, atUs: Math.floor(createdUs + rng.next() * (shape.startUs - createdUs)) } : undefined;
    rows.push(customerRow(shape.seed, id, createdUs, change && change.atUs > createdUs ? change : undefined));
  }
  return rows;
}

function historyOrders(shape: SandboxShape, products: readonly CatalogueProduct[]): OrderPlan[] {
  const spacing = (shape.startUs - shape.ordersFromUs) / shape.orders;
  const customerSpacing = (shape.startUs - shape.customersFromUs) / shape.customers;
  const plans: OrderPlan[] = [];
  let nextItemId = 1;
  for (let id = 1; id <= shape.orders; id++) {
    const rng = Prng.derive(shape.seed, 'order-history', id);
    const orderedUs = Math.floor(shape.ordersFromUs + (id - 1 + rng.next()) * spacing);
    // Customers 1..signedUp were all created before orderedUs (see historyCustomers).
    const signedUp = Math.min(shape.customers, Math.floor((orderedUs - shape.customersFromUs) / customerSpacing));
    const customerId = 1 + Math.floor(rng.next() * signedUp);
    const plan = planOrder({ seed: shape.seed, orderId: id, customerId, orderedUs, firstItemId: nextItemId, products });
    nextItemId += plan.items.length;
    plans.push(plan);
  }
  return plans;
}

/** Order rows as a reader sees them at `atUs` (only orders placed before it). */
export function orderRowsAt(plans: readonly OrderPlan[], atUs: number): OrderRow[] {
  return plans.filter((p) => p.timeline.orderedUs < atUs).map((p) => orderRowAt(p, atUs));
}

export function orderItemRows(plans: readonly OrderPlan[]): OrderItemRow[] {
  return plans.flatMap((p) => p.items);
}
