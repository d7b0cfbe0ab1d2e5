import { customersStream } from './customers.stream';
import { orderItemsStream } from './order-items.stream';
import { ordersStream } from './orders.stream';
import type { OrdersDbStream } from './orders-db-stream';
import { productsStream } from './products.stream';

export type { OrdersDbStream };

/** In dependency order: parents before the rows that reference them. */
export const ordersDbStreams: readonly OrdersDbStream[] = [customersStream, productsStream, ordersStream, orderItemsStream];
