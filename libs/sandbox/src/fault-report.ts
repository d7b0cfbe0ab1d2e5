export const faultNames = [
  'late_update',
  'out_of_order_update',
  'duplicate_rows',
  'null_business_key',
  'new_column',
  'missing_column',
  'type_change',
  'hard_delete',
  'late_commit',
  'unknown_status',
  'null_currency',
  'unknown_customer',
  'unknown_product',
] as const;
export type FaultName = (typeof faultNames)[number];

/**
 * What each fault does to the orders DB at instant `at`, and what the
 * pipeline owes it. Rows a fault inserts are stamped `at` unless said otherwise.
 */
export const faultSemantics: Readonly<Record<FaultName, string>> = {
  late_update:
    'An existing order moves to its next status with updated_at stamped 40 minutes before `at` (inside the extractor lookback), committed at `at`: a run whose window ended before `at` missed it, the next run re-reads it.',
  out_of_order_update:
    'One order gets two versions: the first commit moves it on with updated_at = at - 5 min; the second commit writes the stale earlier version (previous status) with updated_at = at - 20 min as a second row of the key-less legacy table. Both are extracted; staging must keep the later-stamped one, not the later-committed one.',
  duplicate_rows: 'A new order row is inserted twice, identical, into the key-less orders table (its items once). Staging must keep one.',
  null_business_key: 'An orders row with order_id NULL (no items). Raw keeps it; quality flags it; staging must not merge it.',
  new_column:
    'alter table orders add column gift_message text; a new order with a gift message is inserted, and later new orders fill it when they have one. An additive drift.',
  missing_column:
    'alter table orders drop column delivered_at (not shipping, so total = subtotal + tax + shipping still holds); a new order is inserted in the new shape. A breaking drift.',
  type_change: 'alter table orders alter column tax type text; a new order is inserted with tax as text. A breaking drift.',
  hard_delete: 'Three existing orders and all their items are deleted outright. Only the nightly key-set reconciliation can see it; they must become delete flags.',
  late_commit:
    'A new order (with items) stamped 30 minutes before `at` is committed at `at`, as if by a transaction that began then: invisible to a run that ended before `at`, caught by the next run\'s lookback. beginLateCommit() holds a real open transaction instead.',
  unknown_status:
    'A new order (with items) whose status is "on_hold", a value the business never defined: the pipeline loads it and the accepted-values check on fct_orders.order_status warns (severity warn).',
  null_currency:
    'A new order (with items) whose currency is NULL, which the legacy table allows: fct_orders.currency_code must not be null, an error check, so the load refuses to publish the batch (exit 3) and BI keeps the previous state until the row is corrected at the source.',
  unknown_customer:
    'A new order (with items) by a customer_id the customers table does not hold: fct_orders joins it to an inferred dim_customer member, so the relationship check passes and the inferred-members check counts it apart (warn).',
  unknown_product:
    'A new order whose first line names a product_id the products table does not hold: fct_order_items joins it to an inferred dim_product member, so the relationship check passes and the inferred-members check counts it apart (warn).',
};

export interface FaultVersion {
  /** 1 = committed first. */
  readonly commitOrder: number;
  readonly status: string;
  readonly updatedAt: string;
}

export interface FaultReport {
  readonly fault: FaultName;
  readonly at: Date;
  readonly semantics: string;
  /** order_id values the fault wrote or deleted (the NULL-key row has none). */
  readonly orderIds: readonly number[];
  readonly orderItemIds: readonly number[];
  /** updated_at values of the rows it wrote, microsecond ISO text. */
  readonly stampedAt: readonly string[];
  /** The column a schema fault added, dropped or retyped. */
  readonly column?: string;
  /** out_of_order_update: the two versions, in commit order. */
  readonly versions?: readonly FaultVersion[];
}
