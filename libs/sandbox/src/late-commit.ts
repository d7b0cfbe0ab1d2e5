import { Client } from 'pg';
import { orderInsertRow, type OrderPlan } from './order-plan';
import { OrdersDbStatements } from './orders-db-statements';

export interface LateCommit {
  readonly orderId: number;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Inserts `plan` (stamped at its order time) in a transaction on a connection
 * of its own and keeps it open until commit(): what a long-running writer
 * does to an extractor that trusts updated_at.
 *
 * The embedded server (PGlite) has a single backend session, and its socket
 * server parks every other connection while one holds a transaction open, so
 * there the rows are written at commit() instead. Readers cannot tell the
 * difference: the rows are invisible until commit() and then appear stamped
 * in the past.
 */
export async function beginLateCommit(url: string, plan: OrderPlan, embedded: boolean): Promise<LateCommit> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const statements = new OrdersDbStatements(client);
  const write = async () => {
    await statements.insertRows('orders', [orderInsertRow(plan, plan.timeline.orderedUs + 1)]);
    await statements.insertRows('order_items', plan.items);
  };
  let open = true;
  const finish = async (action: 'commit' | 'rollback') => {
    if (!open) throw new Error(`late commit of order ${plan.orderId} already finished`);
    open = false;
    try {
      if (!embedded) await client.query(action);
      else if (action === 'commit') await statements.transaction(write);
    } finally {
      await client.end();
    }
  };
  try {
    if (!embedded) {
      await client.query('begin');
      await write();
    }
  } catch (error) {
    await client.end();
    throw error;
  }
  return { orderId: plan.orderId, commit: () => finish('commit'), rollback: () => finish('rollback') };
}
