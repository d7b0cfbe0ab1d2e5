import { contractFor } from '@northstar/contracts';
import type { OrdersDbStream } from './orders-db-stream';

export const customersStream: OrdersDbStream = {
  contract: contractFor('orders_db', 'customers'),
  table: 'customers',
};
