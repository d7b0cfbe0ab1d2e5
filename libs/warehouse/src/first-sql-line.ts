/** The first non-blank, non-comment line of a statement: enough to find it in a log, short enough for an error. */
export function firstSqlLine(sql: string): string {
  const line = sql.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('--'));
  return (line ?? sql.trim()).slice(0, 200);
}
