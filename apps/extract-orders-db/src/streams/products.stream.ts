import { contractFor } from '@northstar/contracts';
import type { OrdersDbStream } from './orders-db-stream';

export const productsStream: OrdersDbStream = {
  contract: contractFor('orders_db', 'products'),
  table: 'products',
};
