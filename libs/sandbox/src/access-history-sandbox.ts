import * as path from 'node:path';
import { renderSql, renderStatements, sqlTemplatesIn } from '@northstar/sql';
import type { Warehouse } from '@northstar/warehouse';

const sql = sqlTemplatesIn(path.resolve(__dirname, '..', 'sql', 'access_history'));

/** One query as Snowflake's access history records it: the base tables and columns it read. */
export interface SyntheticAccess {
  readonly queryId: string;
  readonly at: Date;
  readonly user: string;
  readonly role: string;
  /** Fully qualified, as Snowflake names them: DATABASE.SCHEMA.TABLE -> column names. */
  readonly read: Readonly<Record<string, readonly string[]>>;
}

/**
 * Gives a DuckDB warehouse the access history a Snowflake account would keep,
 * so the access audit runs for real in tests: the same columns, the objects
 * as JSON in base_objects_accessed' shape.
 */
export async function recordSyntheticAccess(warehouse: Warehouse, accesses: readonly SyntheticAccess[]): Promise<void> {
  for (const statement of renderStatements(sql('create_access_history'), warehouse.dialect)) await warehouse.run(statement);
  for (const access of accesses) {
    const objects = Object.entries(access.read).map(([objectName, columns]) => ({ objectName, objectDomain: 'Table', columns: columns.map((columnName) => ({ columnName })) }));
    await warehouse.run(renderSql(sql('insert_access_history'), warehouse.dialect, {
      params: { query_id: access.queryId, query_start_time: access.at, user_name: access.user, base_objects_accessed: JSON.stringify(objects) },
    }));
    await warehouse.run(renderSql(sql('insert_query_history'), warehouse.dialect, { params: { query_id: access.queryId, role_name: access.role } }));
  }
}
