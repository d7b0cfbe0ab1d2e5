import { contractFor } from '@northstar/contracts';
import type { OrdersDbStream } from './orders-db-stream';

export const orderItemsStream: OrdersDbStream = {
  contract: contractFor('orders_db', 'order_items'),
  table: 'order_items',
};
