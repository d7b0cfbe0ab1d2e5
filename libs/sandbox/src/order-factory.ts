import type { IdAllocator } from './id-allocator';
import { type OrderPlan, planOrder } from './order-plan';
import type { OrdersDbStatements } from './orders-db-statements';
import { Prng } from './prng';
import type { CatalogueProduct } from './product-catalogue';
import type { SandboxShape } from './sandbox-shape';

/** Places single orders outside the hourly rhythm, for faults and late commits. */
export class OrderFactory {
  constructor(
    private readonly shape: SandboxShape,
    readonly products: readonly CatalogueProduct[],
    private readonly ids: IdAllocator,
  ) {}

  /** A new order placed at `atUs` by an existing customer, with ids no later write will reuse. */
  async placeOrder(statements: OrdersDbStatements, atUs: number, label: string): Promise<OrderPlan> {
    const state = await statements.state();
    if (state.maxCustomerId < 1) throw new Error('the orders DB has no customers: seed it first');
    const next = this.ids.next(state);
    const rng = Prng.derive(this.shape.seed, 'placed-order', label, atUs);
    const customerId = 1 + Math.floor(rng.next() * state.maxCustomerId);
    const plan = planOrder({ seed: this.shape.seed, orderId: next.order, customerId, orderedUs: atUs, firstItemId: next.orderItem, products: this.products });
    this.ids.reserve({ order: plan.orderId, orderItem: next.orderItem + plan.items.length - 1 });
    return plan;
  }
}
