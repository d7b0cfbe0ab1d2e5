import { contractFor } from '@northstar/contracts';
import type { OrdersDbStream } from './orders-db-stream';

export const ordersStream: OrdersDbStream = {
  contract: contractFor('orders_db', 'orders'),
  table: 'orders',
};
