import { columnList, fragment, type Dialect, type SqlFragment } from '@northstar/sql';
import type { Model } from './model-catalog';

/**
 * The `cluster by (...)` clause of a model's create table, from its header's
 * `cluster-by:` columns: Snowflake prunes micro-partitions by them; DuckDB
 * has no clustering, so it gets nothing.
 */
export function clusterByClause(model: Model, dialect: Dialect): SqlFragment | undefined {
  const keys = model.template.header['cluster-by']?.split(',').map((k) => k.trim()).filter(Boolean);
  if (!keys?.length) return undefined;
  return fragment(dialect.name === 'snowflake' ? `cluster by (${columnList(keys, dialect).sql})` : '');
}
