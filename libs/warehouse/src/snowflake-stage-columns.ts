import type { Column, Contract } from '@northstar/contracts';
import { fragment, snowflakeDialect, type SqlFragment } from '@northstar/sql';

const plainName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The select list of a Snowflake COPY transformation: each contract column
 * read from the Parquet record by its exact (case-sensitive) name and cast to
 * the raw table's type. JSON travels as text in Parquet and is parsed into a
 * variant here.
 */
export function snowflakeStageColumns(contract: Contract): SqlFragment {
  return fragment(contract.columns.map(stageColumn).join(', '));
}

function stageColumn(column: Column): string {
  // Names are contract-controlled; refusing odd ones keeps them out of the quoted path unescaped.
  if (!plainName.test(column.name)) throw new Error(`column name "${column.name}" cannot be read from a Parquet stage path`);
  const element = `$1:"${column.name}"`;
  if (column.type.kind === 'json') return `parse_json(${element}::varchar)`;
  return `${element}::${snowflakeDialect.typeName(column.type)}`;
}
