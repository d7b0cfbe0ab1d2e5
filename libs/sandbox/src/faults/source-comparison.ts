import * as path from 'node:path';
import { silentLogger, type NorthstarConfig } from '@northstar/core';
import { renderSql, sqlTemplatesIn } from '@northstar/sql';
import { openWarehouse, type Row } from '@northstar/warehouse';
import { currencies, type CurrencyCode } from '../currencies';
import type { PartnerShipmentEvent } from '../partner-shipment-generator';
import type { StripeAccount, StripeObject } from '../stripe-api';
import type { ZendeskTicket } from '../zendesk-objects';
import { compareKeyed, type CuratedComparison } from './curated-comparison';

const faultSql = sqlTemplatesIn(path.join(__dirname, '..', '..', 'sql', 'faults'));

type Counts = { lost: number; duplicated: number; wrong: number };
type CuratedRow = Row & { key: string; is_deleted: boolean };

/**
 * fct_payments against the Stripe account as it stands: every succeeded
 * charge and every refund with its signed amount in major units, every
 * dispute with its status; and a payment that names an order must have found
 * it (the scenarios end after the orders' hour has landed).
 */
export async function comparePayments(warehouse: NorthstarConfig['warehouse'], account: StripeAccount): Promise<CuratedComparison> {
  const objects = (list: 'charges' | 'refunds' | 'disputes') => account.listing(list).objects.map((o) => o.value);
  const moneyRows: Row[] = [
    ...objects('charges').filter((c) => c['status'] === 'succeeded').map((c) => ({ key: `charge:${c.id}`, status: 'succeeded', amount: major(c, Number(c['amount_captured'])) })),
    ...objects('refunds').map((r) => ({ key: `refund:${r.id}`, status: String(r['status']), amount: major(r, -Number(r['amount'])) })),
  ];
  const disputeRows: Row[] = objects('disputes').flatMap((d) => [
    { key: `dispute:${d.id}`, status: String(d['status']) },
    ...(d['status'] === 'won' ? [{ key: `dispute_reversal:${d.id}`, status: 'won' }] : []),
  ]);
  const actual = await curatedRows(warehouse, 'fct_payments', 'curated_payments');
  const isMoney = (row: CuratedRow) => /^(charge|refund):/.test(row.key);
  const money = compareKeyed(moneyRows, actual.filter(isMoney), ['status', 'amount']);
  const disputes = compareKeyed(disputeRows, actual.filter((r) => !isMoney(r)), ['status']);
  const unresolved = actual.filter((r) => r['order_id'] !== null && r['order_sk'] === null).length;
  return sum({ fct_payments: { lost: money.lost + disputes.lost, duplicated: money.duplicated + disputes.duplicated, wrong: money.wrong + disputes.wrong + unresolved } });
}

/** fct_support_tickets against the tickets the export has shown (updated before `until`): status and update time; a deleted ticket must be flagged. */
export async function compareTickets(warehouse: NorthstarConfig['warehouse'], tickets: readonly ZendeskTicket[], until: Date): Promise<CuratedComparison> {
  const shown = tickets.filter((t) => Date.parse(t.updated_at) < until.getTime());
  const owed = shown.filter((t) => t.status !== 'deleted').map((t) => ({ key: String(t.id), status: t.status, updated_s: String(Math.floor(Date.parse(t.updated_at) / 1000)) }));
  const deleted = new Set(shown.filter((t) => t.status === 'deleted').map((t) => String(t.id)));
  const actual = await curatedRows(warehouse, 'fct_support_tickets', 'curated_tickets');
  const counts = compareKeyed(owed, actual.filter((r) => !deleted.has(r.key)), ['status', 'updated_s']);
  const deletedHeld = actual.filter((r) => deleted.has(r.key));
  // A deleted ticket is kept, flagged: missing is lost, unflagged is wrong.
  const lostDeleted = [...deleted].filter((k) => !deletedHeld.some((r) => r.key === k)).length;
  return sum({ fct_support_tickets: { lost: counts.lost + lostDeleted, duplicated: counts.duplicated + Math.max(0, deletedHeld.length - (deleted.size - lostDeleted)), wrong: counts.wrong + deletedHeld.filter((r) => !r.is_deleted).length } });
}

/** fct_shipments against the status events of the files that loaded: one row per partner and shipment, its latest status. */
export async function compareShipments(warehouse: NorthstarConfig['warehouse'], events: readonly PartnerShipmentEvent[]): Promise<CuratedComparison> {
  const latest = new Map<string, PartnerShipmentEvent>();
  for (const e of events) {
    const key = `${e.partner}/${e.shipment_id}`;
    const seen = latest.get(key);
    if (!seen || e.status_at > seen.status_at) latest.set(key, e);
  }
  const owed = [...latest].map(([key, e]) => ({ key, status: e.status }));
  return sum({ fct_shipments: compareKeyed(owed, await curatedRows(warehouse, 'fct_shipments', 'curated_shipments'), ['status']) });
}

/** Rows of one of the warehouse's queries in libs/sandbox/sql/faults (an ops table, say). */
export async function warehouseRows(warehouse: NorthstarConfig['warehouse'], sqlName: string): Promise<Row[]> {
  const db = await openWarehouse(warehouse, silentLogger(), { readOnly: true });
  try {
    return await db.query(renderSql(faultSql(sqlName), db.dialect));
  } finally {
    await db.close();
  }
}

/** A table that was never built holds nothing: every row owed is lost. */
async function curatedRows(warehouse: NorthstarConfig['warehouse'], table: string, sqlName: string): Promise<CuratedRow[]> {
  const tables = new Set((await warehouseRows(warehouse, 'curated_tables')).map((r) => String(r['table_name'])));
  if (!tables.has(table)) return [];
  return (await warehouseRows(warehouse, sqlName)) as CuratedRow[];
}

/** Minor units as major units at three decimals, as curated_payments.sql shows them. */
function major(object: StripeObject, minor: number): string {
  const code = String(object['currency']).toUpperCase() as CurrencyCode;
  return (minor / 10 ** currencies[code].exponent).toFixed(3);
}

function sum(tables: Record<string, Counts>): CuratedComparison {
  const total = (k: keyof Counts) => Object.values(tables).reduce((n, t) => n + t[k], 0);
  return { lost: total('lost'), duplicated: total('duplicated'), wrong: total('wrong'), tables };
}
