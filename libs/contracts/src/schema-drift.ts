import type { Contract, LogicalType } from './contract';
import { logicalTypeName } from './schema-fingerprint';

export interface ObservedColumn {
  readonly name: string;
  /** Left out when the source does not report types (CSV headers). */
  readonly type?: LogicalType;
}

export interface RetypedColumn {
  readonly name: string;
  readonly expected: LogicalType;
  readonly observed: LogicalType;
}

export interface SchemaDrift {
  /** In the source but not the contract: additive, loaded once the contract adds them. */
  readonly added: string[];
  /** In the contract but not the source: breaking. */
  readonly missing: string[];
  /** Present with another type: breaking. */
  readonly retyped: RetypedColumn[];
  readonly breaking: boolean;
}

/**
 * Compares what a source delivered with its contract. Names match without
 * regard to case, because Snowflake reports unquoted names in upper case.
 */
export function detectSchemaDrift(contract: Pick<Contract, 'columns'>, observed: readonly ObservedColumn[]): SchemaDrift {
  const seen = new Map(observed.map((o) => [o.name.toLowerCase(), o]));
  const expected = new Map(contract.columns.map((c) => [c.name.toLowerCase(), c]));
  const added = observed.filter((o) => !expected.has(o.name.toLowerCase())).map((o) => o.name);
  const missing = contract.columns.filter((c) => !seen.has(c.name.toLowerCase())).map((c) => c.name);
  const retyped: RetypedColumn[] = [];
  for (const column of contract.columns) {
    const type = seen.get(column.name.toLowerCase())?.type;
    if (type && logicalTypeName(type) !== logicalTypeName(column.type)) {
      retyped.push({ name: column.name, expected: column.type, observed: type });
    }
  }
  return { added, missing, retyped, breaking: missing.length > 0 || retyped.length > 0 };
}

/** One line per problem, for logs and quarantine reasons. */
export function describeSchemaDrift(drift: SchemaDrift): string[] {
  return [
    ...drift.missing.map((name) => `missing column ${name}`),
    ...drift.retyped.map((r) => `column ${r.name} is ${logicalTypeName(r.observed)}, expected ${logicalTypeName(r.expected)}`),
    ...drift.added.map((name) => `new column ${name}`),
  ];
}
