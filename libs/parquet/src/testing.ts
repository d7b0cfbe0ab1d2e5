import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { Json } from '@duckdb/node-api';

export interface ParquetContents {
  /** Column names and DuckDB types as DESCRIBE reports them, e.g. DECIMAL(14,2). */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** Rows in file order; values as JSON (bigints, decimals and timestamps as exact strings). */
  readonly rows: readonly Record<string, Json>[];
}

/** Runs one query in a throwaway DuckDB (for tests: check what a Parquet file holds). */
export async function queryDuckDb(sql: string, values: DuckDBValue[] = []): Promise<Record<string, Json>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    await connection.run("set TimeZone = 'UTC'");
    const reader = await connection.runAndReadAll(sql, values);
    connection.closeSync();
    return reader.getRowObjectsJson();
  } finally {
    instance.closeSync();
  }
}

/** The schema and every row of a Parquet file. */
export async function readParquet(parquetPath: string): Promise<ParquetContents> {
  const described = await queryDuckDb('describe select * from read_parquet($1)', [parquetPath]);
  const rows = await queryDuckDb('select * from read_parquet($1)', [parquetPath]);
  return {
    columns: described.map((row) => ({ name: String(row['column_name']), type: String(row['column_type']) })),
    rows,
  };
}
