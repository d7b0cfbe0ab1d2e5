/**
 * A value the engine could not convert to, or fit in, its column's type:
 * DuckDB's "Conversion Error" or "Out of Range Error", or SQLSTATE class 22
 * (data exception) on Snowflake, e.g. 100038 (22018) "Numeric value 'abc' is
 * not recognized" or 100071 (22000) "Failed to cast variant value". It stays a
 * plain Error (exit 1) here, because whether bad data or a bad statement
 * caused it depends on the statement; the raw loader, whose statements only
 * copy landed values into their contract's types, reports it as bad data.
 */
export class ValueConversionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ValueConversionError';
  }
}
