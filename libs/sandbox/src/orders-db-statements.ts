import * as path from 'node:path';
import type { ClientBase } from 'pg';
import { loadSqlTemplate, postgresDialect, renderSql, type RenderInput, type SqlTemplate } from '@northstar/sql';
import type { CustomerRow } from './customer-profile';
import type { OrderTransition, CustomerContactChange } from './hour-generator';

export type SandboxTable = 'customers' | 'products' | 'orders' | 'order_items';

export interface SeedCounts {
  readonly customers: number;
  readonly products: number;
  readonly orders: number;
  readonly orderItems: number;
}

export interface SandboxState {
  readonly counts: SeedCounts;
  readonly maxCustomerId: number;
  readonly maxOrderId: number;
  readonly maxOrderItemId: number;
}

/** What planOrder needs to rebuild a stored order. */
export interface StoredPlanInput {
  readonly orderId: number;
  readonly customerId: number;
  readonly orderedUs: number;
  /** Null for an order whose items are gone. */
  readonly firstItemId: number | null;
}

/** An orders row as the lifecycle and fault code need it; instants in epoch microseconds. */
export interface StoredOrder {
  readonly orderId: number;
  readonly orderedUs: number;
  readonly updatedUs: number;
  readonly status: string;
}

const SQL_DIR = path.join(__dirname, '..', 'sql');
/** Rows per insert statement: one JSON bind of a few hundred kB. */
const BATCH_ROWS = 2_000;
const templates = new Map<string, SqlTemplate>();

function template(name: string): SqlTemplate {
  let t = templates.get(name);
  if (!t) {
    t = loadSqlTemplate(path.join(SQL_DIR, `${name}.sql`));
    templates.set(name, t);
  }
  return t;
}

/** Runs the sandbox's .sql files on one connection; the only place the sandbox talks SQL. */
export class OrdersDbStatements {
  constructor(private readonly client: ClientBase) {}

  async run(name: string, input: RenderInput = {}): Promise<Record<string, unknown>[]> {
    const { sql, binds } = renderSql(template(name), postgresDialect, input);
    const result = await this.client.query(sql, binds);
    return (Array.isArray(result) ? result.at(-1)?.rows : result.rows) ?? [];
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.client.query('begin');
    try {
      const out = await work();
      await this.client.query('commit');
      return out;
    } catch (error) {
      await this.client.query('rollback');
      throw error;
    }
  }

  async createSchema(): Promise<void> {
    // Several statements and no parameters: the simple query protocol runs the file as is.
    await this.client.query(template('orders_db_schema').body);
  }

  async insertRows(table: SandboxTable, rows: readonly object[]): Promise<void> {
    const batch = (from: number) => JSON.stringify(rows.slice(from, from + BATCH_ROWS));
    let payload = batch(0);
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      const sent = this.run('insert_rows', { idents: { table }, params: { rows: payload } });
      // Serialise the next batch while the server inserts this one.
      payload = i + BATCH_ROWS < rows.length ? batch(i + BATCH_ROWS) : '';
      await sent;
    }
  }

  async updateOrderLifecycles(rows: readonly OrderTransition[], withDeliveredAt: boolean): Promise<void> {
    if (rows.length === 0) return;
    const name = withDeliveredAt ? 'update_order_lifecycle' : 'update_order_lifecycle_without_delivered_at';
    await this.run(name, { params: { rows: JSON.stringify(rows) } });
  }

  async updateCustomerContacts(rows: readonly CustomerContactChange[]): Promise<void> {
    if (rows.length > 0) await this.run('update_customer_contact', { params: { rows: JSON.stringify(rows) } });
  }

  async openOrders(range: { orderedSince: string; orderedBefore: string; updatedBefore: string }): Promise<StoredOrder[]> {
    const rows = await this.run('select_open_orders', {
      params: { ordered_since: range.orderedSince, ordered_before: range.orderedBefore, updated_before: range.updatedBefore },
    });
    return rows.map((r) => ({ orderId: Number(r['order_id']), orderedUs: Number(r['ordered_us']), updatedUs: Number(r['updated_us']), status: String(r['status']) }));
  }

  async state(): Promise<SandboxState> {
    const [r] = await this.run('select_sandbox_state');
    return {
      counts: { customers: Number(r['customers']), products: Number(r['products']), orders: Number(r['orders']), orderItems: Number(r['order_items']) },
      maxCustomerId: Number(r['max_customer_id']),
      maxOrderId: Number(r['max_order_id']),
      maxOrderItemId: Number(r['max_order_item_id']),
    };
  }

  async columns(table: SandboxTable): Promise<Map<string, string>> {
    const rows = await this.run('select_table_columns', { params: { table } });
    return new Map(rows.map((r) => [String(r['column_name']), String(r['data_type'])]));
  }

  /** Whole rows in the table's current shape (faults may have changed it). */
  async orderRows(orderIds: readonly number[]): Promise<Record<string, unknown>[]> {
    const rows = await this.run('select_order_rows', { params: { order_ids: orderIds } });
    return rows.map((r) => JSON.parse(String(r['row'])) as Record<string, unknown>);
  }

  async deleteOrders(orderIds: readonly number[]): Promise<{ orderIds: number[]; orderItemIds: number[] }> {
    const rows = await this.run('delete_orders', { params: { order_ids: orderIds } });
    const ids = (kind: string) => rows.filter((r) => r['kind'] === kind).map((r) => Number(r['id'])).sort((a, b) => a - b);
    return { orderIds: [...new Set(ids('order'))], orderItemIds: ids('order_item') };
  }

  async planInputs(): Promise<StoredPlanInput[]> {
    const rows = await this.run('select_order_plan_inputs');
    return rows.map((r) => ({
      orderId: Number(r['order_id']),
      customerId: Number(r['customer_id']),
      orderedUs: Number(r['ordered_us']),
      firstItemId: r['first_item_id'] === null ? null : Number(r['first_item_id']),
    }));
  }

  async customers(): Promise<CustomerRow[]> {
    const rows = await this.run('select_customers');
    return rows.map((r) => ({
      customer_id: Number(r['customer_id']),
      email: String(r['email']),
      first_name: String(r['first_name']),
      last_name: String(r['last_name']),
      phone: r['phone'] === null ? null : String(r['phone']),
      country: String(r['country']),
      created_at: String(r['created_at']),
      updated_at: String(r['updated_at']),
    }));
  }
}
