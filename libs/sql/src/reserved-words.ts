/**
 * Words DuckDB, PostgreSQL or Snowflake reserve, lower case. A column named
 * like one must be quoted; quoting one an engine would have accepted bare
 * costs nothing, so one union list serves every dialect.
 */
export const reservedWords: ReadonlySet<string> = new Set(
  `
  all alter analyse analyze and anti any array as asc asof asymmetric at authorization between binary both by case cast
  check collate collation column columns concurrently connect constraint create cross current current_catalog current_date
  current_role current_schema current_time current_timestamp current_user default deferrable delete desc describe distinct
  do drop else end except exists false fetch following for foreign freeze from full glob grant group having ilike in
  increment initially inner insert intersect into is isnull join lambda lateral leading left like limit localtime
  localtimestamp map minus natural not notnull null of offset on only or order outer overlaps pivot pivot_longer
  pivot_wider placing positional primary qualify references regexp returning revoke right rlike row rows sample select
  semi session_user set show similar some start struct summarize symmetric table tablesample then to trailing trigger
  true try_cast union unique unpack unpivot update user using values variadic verbose when whenever where window with
  `.trim().split(/\s+/),
);
