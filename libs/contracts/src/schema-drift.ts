import type { Contract, LogicalType } from './contract';
import { logicalTypeName } from './schema-fingerprint';

export interface ObservedColumn {
  readonly name: string;
  /** Left out when the source does not report types (CSV headers). */
  readonly type?: LogicalType;
  /** The source's own name for a type no logical type stands for (PostgreSQL `money`, `uuid`): a column the contract cannot hold as it is. */
  readonly unsupportedType?: string;
}

export interface RetypedColumn {
  readonly name: string;
  readonly expected: LogicalType;
  readonly observed: LogicalType;
}

export interface UnsupportedColumn {
  readonly name: string;
  readonly expected: LogicalType;
  /** The source's name for the type. */
  readonly observed: string;
}

export interface SchemaDrift {
  /** In the source but not the contract: additive, loaded once the contract adds them. */
  readonly added: string[];
  /** In the contract but not the source: breaking. */
  readonly missing: string[];
  /** Present with another type: breaking. */
  readonly retyped: RetypedColumn[];
  /** A contract column the source now holds in a type with no logical type: breaking. */
  readonly unsupported: UnsupportedColumn[];
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
  const unsupported: UnsupportedColumn[] = [];
  for (const column of contract.columns) {
    const source = seen.get(column.name.toLowerCase());
    if (source?.type && logicalTypeName(source.type) !== logicalTypeName(column.type)) {
      retyped.push({ name: column.name, expected: column.type, observed: source.type });
    } else if (!source?.type && source?.unsupportedType !== undefined) {
      unsupported.push({ name: column.name, expected: column.type, observed: source.unsupportedType });
    }
  }
  return { added, missing, retyped, unsupported, breaking: missing.length > 0 || retyped.length > 0 || unsupported.length > 0 };
}

/** One line per problem, for logs and quarantine reasons. */
export function describeSchemaDrift(drift: SchemaDrift): string[] {
  return [
    ...drift.missing.map((name) => `missing column ${name}`),
    ...drift.retyped.map((r) => `column ${r.name} is ${logicalTypeName(r.observed)}, expected ${logicalTypeName(r.expected)}`),
    ...drift.unsupported.map((u) => `column ${u.name} is ${u.observed}, a type no contract type stands for, expected ${logicalTypeName(u.expected)}`),
    ...drift.added.map((name) => `new column ${name}`),
  ];
}
