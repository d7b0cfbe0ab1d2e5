/** Logical types: what a value means, independent of any engine's spelling. */
export type LogicalType =
  | { readonly kind: 'string' }
  | { readonly kind: 'integer' } // 64-bit signed
  | { readonly kind: 'double' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'timestamp' } // an instant, UTC, microsecond precision
  | { readonly kind: 'json' }; // nested data kept as JSON text

/**
 * What kind of personal data a column holds. `payment_card` is what identifies
 * a card without being its number (last four digits, Stripe's fingerprint):
 * the fingerprint follows one card across every shop's charges.
 */
export type PiiTag = 'email' | 'name' | 'phone' | 'address' | 'ip_address' | 'free_text' | 'payment_card';

export interface Column {
  readonly name: string;
  readonly type: LogicalType;
  readonly nullable: boolean;
  readonly pii?: PiiTag;
  readonly description: string;
  /**
   * Where the value sits in the source record when that differs from `name`:
   * a dotted path into the API object (`billing_details.email`,
   * `metadata.order_id`), so extractors flatten records from the contract
   * instead of keeping their own field mapping.
   */
  readonly source?: string;
}

export const sources = ['orders_db', 'stripe', 'zendesk', 'partner_files'] as const;
export type SourceName = (typeof sources)[number];

export interface Contract {
  readonly source: SourceName;
  readonly entity: string;
  /** Bumped on every change; additive changes bump the minor, breaking ones the major. */
  readonly version: string;
  readonly description: string;
  readonly columns: readonly Column[];
  /** Columns that identify one source record (its latest version wins in staging). */
  readonly businessKey: readonly string[];
  /** The column incremental extraction and version ordering run on. */
  readonly cursor: string;
  /** Read by BI through the analytics layer: breaking changes are refused. */
  readonly biFacing: boolean;
}

/** Name of the raw table (in schema `raw`) a contract lands in. */
export function rawTableName(contract: Pick<Contract, 'source' | 'entity'>): string {
  return `${contract.source}__${contract.entity}`;
}

/** Name of the staging model (in schema `staging`) built from a contract. */
export function stagingModelName(contract: Pick<Contract, 'source' | 'entity'>): string {
  return `stg_${contract.source}__${contract.entity}`;
}
