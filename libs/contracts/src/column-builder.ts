import type { Column, LogicalType, PiiTag } from './contract';

export interface ColumnOptions {
  /** Columns are required unless the source can leave them empty. */
  readonly nullable?: boolean;
  readonly pii?: PiiTag;
  readonly description?: string;
  /** Dotted path in the source record when it differs from the column name. */
  readonly source?: string;
}

function column(name: string, type: LogicalType, options: ColumnOptions = {}): Column {
  // Optional keys are left out rather than set to undefined, so a contract
  // compares equal to its JSON round trip.
  return {
    name,
    type,
    nullable: options.nullable ?? false,
    description: options.description ?? '',
    ...(options.pii ? { pii: options.pii } : {}),
    ...(options.source ? { source: options.source } : {}),
  };
}

/** Terse column declarations for contracts; each call returns plain data. */
export const col = {
  string: (name: string, options?: ColumnOptions) => column(name, { kind: 'string' }, options),
  integer: (name: string, options?: ColumnOptions) => column(name, { kind: 'integer' }, options),
  double: (name: string, options?: ColumnOptions) => column(name, { kind: 'double' }, options),
  decimal: (name: string, precision: number, scale: number, options?: ColumnOptions) =>
    column(name, { kind: 'decimal', precision, scale }, options),
  boolean: (name: string, options?: ColumnOptions) => column(name, { kind: 'boolean' }, options),
  date: (name: string, options?: ColumnOptions) => column(name, { kind: 'date' }, options),
  timestamp: (name: string, options?: ColumnOptions) => column(name, { kind: 'timestamp' }, options),
  json: (name: string, options?: ColumnOptions) => column(name, { kind: 'json' }, options),
} as const;

/** Shorthand for `{ nullable: true, ...options }`: most optional source fields need nothing else. */
export function nullable(options: Omit<ColumnOptions, 'nullable'> = {}): ColumnOptions {
  return { ...options, nullable: true };
}
