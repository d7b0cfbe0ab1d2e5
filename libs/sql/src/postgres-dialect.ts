import type { Dialect } from './dialect';
import { duckdbDialect, hashKeyInt } from './dialect';

/**
 * PostgreSQL, for the statements extractors send to the orders DB. Its
 * quoting and placeholders match DuckDB's; only the type names differ, and
 * its one macro: the per-row term of the nightly digests' state_sum.
 */
export const postgresDialect: Dialect = {
  ...duckdbDialect,
  name: 'postgres',
  typeName: (type) => {
    switch (type.kind) {
      case 'string': return 'text';
      case 'integer': return 'bigint';
      case 'double': return 'double precision';
      case 'decimal': return `numeric(${type.precision}, ${type.scale})`;
      case 'boolean': return 'boolean';
      case 'date': return 'date';
      case 'timestamp': return 'timestamptz';
      case 'json': return 'jsonb';
    }
  },
  macros: {
    // bit(32) -> bigint keeps the bits unsigned: 'ffffffff' reads 4294967295.
    hash_key_int: hashKeyInt((hex) => `('x' || ${hex})::bit(32)::bigint`),
  },
};
