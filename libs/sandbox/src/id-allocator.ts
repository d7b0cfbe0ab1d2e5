import type { NextIds } from './hour-generator';
import type { SandboxState } from './orders-db-statements';

/**
 * Hands out ids the way the source's sequences would: after the highest id in
 * the table, and after any id handed out but not yet visible, because a late
 * commit's rows stay invisible until it commits and must not be reused.
 */
export class IdAllocator {
  private reserved: NextIds = { customer: 0, order: 0, orderItem: 0 };

  next(state: SandboxState): NextIds {
    return {
      customer: Math.max(state.maxCustomerId, this.reserved.customer) + 1,
      order: Math.max(state.maxOrderId, this.reserved.order) + 1,
      orderItem: Math.max(state.maxOrderItemId, this.reserved.orderItem) + 1,
    };
  }

  /** Records the highest ids now in use. */
  reserve(highest: Partial<NextIds>): void {
    this.reserved = {
      customer: Math.max(this.reserved.customer, highest.customer ?? 0),
      order: Math.max(this.reserved.order, highest.order ?? 0),
      orderItem: Math.max(this.reserved.orderItem, highest.orderItem ?? 0),
    };
  }
}
