import * as path from 'node:path';
import { Client } from 'pg';
import { silentLogger, type NorthstarConfig } from '@northstar/core';
import { renderSql, sqlTemplatesIn } from '@northstar/sql';
import { openWarehouse, type Row } from '@northstar/warehouse';
import { OrdersDbStatements } from '../orders-db-statements';

/** Rows of the curated tables measured against what the source owes them. */
export interface CuratedComparison {
  /** Keys the source has and the curated table lacks. */
  readonly lost: number;
  /** Extra rows of a key the curated table holds more than once. */
  readonly duplicated: number;
  /** Keys whose values differ, flagged deleted while the source has them, or present (not deleted) while the source has not. */
  readonly wrong: number;
  /** Per table, the same three counts, for a failing scenario's detail. */
  readonly tables: Readonly<Record<string, { lost: number; duplicated: number; wrong: number }>>;
}

const curatedSql = sqlTemplatesIn(path.join(__dirname, '..', '..', 'sql', 'faults'));
/** The curated tables compared, each with the source query that says what it owes and the columns that must agree. */
const comparedTables = [
  { table: 'fct_orders', expected: 'faults/expected_orders', curated: 'curated_orders', fields: ['status', 'total', 'updated_us'] },
  { table: 'fct_order_items', expected: 'faults/expected_order_items', curated: 'curated_order_items', fields: ['total', 'updated_us'] },
  { table: 'dim_customer', expected: 'faults/expected_customers', curated: 'curated_customers', fields: [] },
] as const;

/**
 * Compares fct_orders, fct_order_items and the current dim_customer rows with
 * the source as it stands, for a last run whose window ended at `windowEnd`.
 * Every number comes from data: a scenario passes only when all three are 0.
 */
export async function compareCurated(sourceUrl: string, warehouse: NorthstarConfig['warehouse'], windowEnd: Date): Promise<CuratedComparison> {
  const expected = await sourceRows(sourceUrl, windowEnd);
  const db = await openWarehouse(warehouse, silentLogger(), { readOnly: true });
  const tables: Record<string, { lost: number; duplicated: number; wrong: number }> = {};
  try {
    const present = new Set((await db.query<{ table_name: string }>(renderSql(curatedSql('curated_tables'), db.dialect))).map((r) => r.table_name));
    for (const t of comparedTables) {
      const actual = present.has(t.table) ? await db.query<CuratedRow>(renderSql(curatedSql(t.curated), db.dialect)) : [];
      tables[t.table] = compareKeyed(expected.get(t.table) ?? [], actual, t.fields);
    }
  } finally {
    await db.close();
  }
  const sum = (k: 'lost' | 'duplicated' | 'wrong') => Object.values(tables).reduce((n, t) => n + t[k], 0);
  return { lost: sum('lost'), duplicated: sum('duplicated'), wrong: sum('wrong'), tables };
}

type CuratedRow = Row & { key: string; is_deleted: boolean };

async function sourceRows(url: string, windowEnd: Date): Promise<Map<string, Row[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const statements = new OrdersDbStatements(client);
    const out = new Map<string, Row[]>();
    for (const t of comparedTables) out.set(t.table, (await statements.run(t.expected, { params: { window_end: windowEnd.toISOString() } })) as Row[]);
    return out;
  } finally {
    await client.end();
  }
}

/** Lost, duplicated and wrong rows of one table; `fields` must agree as text. */
export function compareKeyed(expected: readonly Row[], actual: readonly CuratedRow[], fields: readonly string[]): { lost: number; duplicated: number; wrong: number } {
  const byKey = new Map<string, CuratedRow[]>();
  for (const row of actual) byKey.set(String(row.key), [...(byKey.get(String(row.key)) ?? []), row]);
  const owed = new Set(expected.map((r) => String(r['key'])));
  let lost = 0;
  let wrong = 0;
  let duplicated = 0;
  for (const rows of byKey.values()) duplicated += rows.length - 1;
  for (const want of expected) {
    const got = byKey.get(String(want['key']));
    if (!got) lost++;
    else if (got.some((row) => row.is_deleted || fields.some((f) => String(row[f]) !== String(want[f])))) wrong++;
  }
  for (const [key, rows] of byKey) if (!owed.has(key) && rows.some((row) => !row.is_deleted)) wrong++;
  return { lost, duplicated, wrong };
}
