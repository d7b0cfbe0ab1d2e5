import type { AnalyticsView, LogicalType } from '@northstar/contracts';
import { typeKey } from '@northstar/sql';
import { tableColumns, type Warehouse } from '@northstar/warehouse';

/** A view's column as the warehouse built it: its logical type, or undefined for a type no contract type stands for. */
export interface BuiltColumn {
  readonly name: string;
  readonly type: LogicalType | undefined;
  /** The catalog's spelling, for messages. */
  readonly spelling: string;
}

/** What the analytics models build, view name -> columns in order. */
export type BuiltViews = ReadonlyMap<string, readonly BuiltColumn[]>;

export interface AnalyticsLayerComparison {
  /** What would break a dashboard written against the contract: CI fails on any. */
  readonly breaking: string[];
  /** New views and columns: they pass; record them in the contract to describe them. */
  readonly additive: string[];
}

/**
 * Compares the built analytics views with their kept contract. A view may
 * drop out only after its deprecation day, once its replacement is built; a
 * column may not disappear (a rename is a removal) or narrow. Everything new
 * is additive. `today` is YYYY-MM-DD.
 */
export function compareAnalyticsLayer(contract: readonly AnalyticsView[], built: BuiltViews, today: string): AnalyticsLayerComparison {
  const breaking: string[] = [];
  const additive: string[] = [];
  const kept = new Map(contract.map((v) => [v.name, v]));
  for (const view of contract) {
    const columns = built.get(view.name);
    if (!columns) breaking.push(...droppedView(view, built, today));
    else breaking.push(...view.columns.flatMap((c) => columnBreak(view.name, c.name, c.type, columns)));
  }
  for (const [name, columns] of built) {
    const view = kept.get(name);
    if (!view) additive.push(`analytics.${name}: new view`);
    else for (const c of columns) if (!view.columns.some((k) => k.name === c.name)) additive.push(`analytics.${name}: new column ${c.name} ${c.spelling}`);
  }
  return { breaking, additive };
}

function droppedView(view: AnalyticsView, built: BuiltViews, today: string): string[] {
  const retired = view.deprecated && view.deprecated.until <= today && built.has(view.deprecated.replacedBy);
  if (retired) return [];
  const until = view.deprecated ? ` before its deprecation ends (${view.deprecated.until}, replaced by analytics.${view.deprecated.replacedBy})` : '';
  return [`analytics.${view.name}: view dropped${until}; keep it, and put a breaking change in a new analytics.${nextVersion(view.name)}`];
}

function columnBreak(view: string, name: string, type: LogicalType, columns: readonly BuiltColumn[]): string[] {
  const fix = `keep analytics.${view} as it is and add analytics.${nextVersion(view)}`;
  const found = columns.find((c) => c.name === name);
  if (!found) return [`analytics.${view}: column ${name} removed or renamed; ${fix}`];
  if (!found.type || !widensOrKeeps(type, found.type)) return [`analytics.${view}: column ${name} is ${found.spelling}, the contract says ${typeName(type)}; ${fix}`];
  return [];
}

/** Whether every value of `was` fits `now` unchanged: the same type, or a decimal with more integer digits and the same scale. */
function widensOrKeeps(was: LogicalType, now: LogicalType): boolean {
  if (was.kind === 'decimal' && now.kind === 'decimal') return now.scale === was.scale && now.precision >= was.precision;
  return was.kind === now.kind;
}

function typeName(type: LogicalType): string {
  return type.kind === 'decimal' ? `decimal(${type.precision}, ${type.scale})` : type.kind;
}

/** orders -> orders_v2, orders_v2 -> orders_v3. */
export function nextVersion(view: string): string {
  const match = /^(.*)_v(\d+)$/.exec(view);
  return match ? `${match[1]}_v${Number(match[2]) + 1}` : `${view}_v2`;
}

/** The columns of each named view as `warehouse` built them (DuckDB or Snowflake catalog). */
export async function readBuiltViews(warehouse: Warehouse, views: readonly string[]): Promise<BuiltViews> {
  const built = new Map<string, BuiltColumn[]>();
  for (const view of views) {
    const columns = await tableColumns(warehouse, `analytics.${view}`);
    if (columns.length) built.set(view, columns.map((c) => ({ name: c.name, spelling: c.type, type: logicalTypeOf(warehouse.dialect.name, c.type) })));
  }
  return built;
}

function logicalTypeOf(dialect: 'duckdb' | 'snowflake' | 'postgres', spelling: string): LogicalType | undefined {
  const key = typeKey(dialect, spelling);
  if (!key) return undefined;
  const decimal = /^(?:decimal|number)\((\d+),(\d+)\)$/.exec(key);
  // Snowflake stores every integer as NUMBER(38,0).
  if (decimal) return decimal[1] === '38' && decimal[2] === '0' && dialect === 'snowflake' ? { kind: 'integer' } : { kind: 'decimal', precision: Number(decimal[1]), scale: Number(decimal[2]) };
  const byKey: Record<string, LogicalType> = {
    varchar: { kind: 'string' },
    text: { kind: 'string' },
    bigint: { kind: 'integer' },
    double: { kind: 'double' },
    float: { kind: 'double' },
    boolean: { kind: 'boolean' },
    date: { kind: 'date' },
    timestamptz: { kind: 'timestamp' },
    timestamp_tz: { kind: 'timestamp' },
    json: { kind: 'json' },
    variant: { kind: 'json' },
  };
  return byKey[key];
}
