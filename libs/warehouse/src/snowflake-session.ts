import { renderStatements, snowflakeDialect, type RenderedSql } from '@northstar/sql';
import { warehouseSqlTemplate } from './warehouse-sql';

/** Statements every new Snowflake session runs before any work. */
export function snowflakeSessionStatements(): RenderedSql[] {
  return renderStatements(warehouseSqlTemplate('snowflake_session.sql'), snowflakeDialect);
}
