import * as path from 'node:path';
import { rawTableRef, renderSql, sqlTemplatesIn } from '@northstar/sql';
import type { Contract } from '@northstar/contracts';
import { rawTablesUpstream, type Model } from '@northstar/models';
import type { ObjectStore } from '@northstar/object-store';
import { tableExists, type Warehouse } from '@northstar/warehouse';
import { archiveProblems } from './archive-check';
import { monthsBefore, retentionCutoff, type Month } from './retention-months';

const sql = sqlTemplatesIn(path.resolve(__dirname, '..', '..', 'sql', 'retention'));

/** Fact tables age out by their business date; the column each is partitioned on for BI. */
export const factDateColumns: Readonly<Record<string, string>> = {
  'curated.fct_orders': 'order_date',
  'curated.fct_order_items': 'order_date',
};

/** One table's month past the hot period: what would go, and what keeps it. */
export interface RetentionItem {
  readonly table: string;
  readonly kind: 'raw' | 'fact';
  readonly month: Month;
  readonly rows: number;
  readonly files: number;
  /** Empty: the archive check passed and the rows may go. */
  readonly problems: readonly string[];
}

export interface RetentionDeps {
  readonly warehouse: Warehouse;
  readonly store: ObjectStore;
}

/** Every raw table's and fact table's months older than `hotYears`, each with its archive check. Reads only. */
export async function planRetention(deps: RetentionDeps, contracts: readonly Contract[], models: readonly Model[], now: Date, hotYears: number): Promise<RetentionItem[]> {
  const cutoff = retentionCutoff(now, hotYears);
  const raw: RetentionItem[] = [];
  for (const contract of contracts) raw.push(...(await rawItems(deps, rawTableRef(contract), cutoff)));
  const facts: RetentionItem[] = [];
  const upstream = rawTablesUpstream(models);
  for (const model of models.filter((m) => factDateColumns[m.target])) {
    facts.push(...(await factItems(deps.warehouse, model.target, factDateColumns[model.target], cutoff, raw.filter((r) => upstream.get(model.name)?.has(r.table)))));
  }
  return [...raw, ...facts];
}

async function monthsToCheck(warehouse: Warehouse, table: string, column: string, cutoff: Date): Promise<Month[]> {
  if (!(await tableExists(warehouse, table))) return [];
  const [row] = await warehouse.query<{ oldest: string | null }>(renderSql(sql('oldest_before'), warehouse.dialect, { idents: { table, column }, params: { cutoff } }));
  return row?.oldest ? monthsBefore(new Date(row.oldest), cutoff) : [];
}

async function rawItems(deps: RetentionDeps, table: string, cutoff: Date): Promise<RetentionItem[]> {
  const items: RetentionItem[] = [];
  for (const month of await monthsToCheck(deps.warehouse, table, '_extracted_at', cutoff)) {
    const params = { month_start: month.start, month_end: month.end };
    const files = await deps.warehouse.query<{ source_file: string; row_count: number }>(renderSql(sql('raw_month_files'), deps.warehouse.dialect, { idents: { table }, params }));
    if (files.length === 0) continue;
    const problems = await archiveProblems(deps.store, files.map((f) => ({ sourceFile: f.source_file, rows: Number(f.row_count) })));
    items.push({ table, kind: 'raw', month, rows: files.reduce((n, f) => n + Number(f.row_count), 0), files: files.length, problems });
  }
  return items;
}

/** A fact month goes only with the raw months it derives from: while any of them is kept, so is it. */
async function factItems(warehouse: Warehouse, table: string, column: string, cutoff: Date, rawUpstream: readonly RetentionItem[]): Promise<RetentionItem[]> {
  const items: RetentionItem[] = [];
  for (const month of await monthsToCheck(warehouse, table, column, cutoff)) {
    const params = { month_start: month.start, month_end: month.end };
    const [row] = await warehouse.query<{ row_count: number }>(renderSql(sql('fact_month_rows'), warehouse.dialect, { idents: { table, date_column: column }, params }));
    const rows = Number(row?.row_count ?? 0);
    if (rows === 0) continue;
    const kept = rawUpstream.filter((r) => r.month.label === month.label && r.problems.length > 0);
    items.push({ table, kind: 'fact', month, rows, files: 0, problems: kept.map((r) => `${r.table} ${r.month.label} fails its archive check`) });
  }
  return items;
}

/** Deletes the months whose archive check passed; the others stay. Returns the items deleted. */
export async function applyRetention(warehouse: Warehouse, items: readonly RetentionItem[]): Promise<RetentionItem[]> {
  const done: RetentionItem[] = [];
  for (const item of items.filter((i) => i.problems.length === 0)) {
    const params = { month_start: item.month.start, month_end: item.month.end };
    const statement = item.kind === 'raw'
      ? renderSql(sql('delete_raw_month'), warehouse.dialect, { idents: { table: item.table }, params })
      : renderSql(sql('delete_fact_month'), warehouse.dialect, { idents: { table: item.table, date_column: factDateColumns[item.table] }, params });
    await warehouse.run(statement);
    done.push(item);
  }
  return done;
}
