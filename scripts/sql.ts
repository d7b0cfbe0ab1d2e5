// `npm run sql -- "<query>"` and `npm run sql -- --format csv "<query>"`:
// queries the local warehouse read-only and prints a table or plain CSV.
import { Command, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { ConfigError, ExitCode, exitCodeFor, formatTextTable, loadConfig, runMain, silentLogger } from '@northstar/core';
import { openWarehouse } from '@northstar/warehouse';

void runMain('sql', async () => {
  const command = new Command('sql')
    .argument('<query>', 'SQL to run against the warehouse')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv']).default('table'))
    .exitOverride()
    .parse(process.argv);
  const query = command.args.join(' ').trim();
  if (!query) throw new ConfigError('give a query, e.g. npm run sql -- "select * from curated.fct_orders limit 5"');
  const { format } = command.opts<{ format: 'table' | 'csv' }>();
  const config = loadConfig();
  const warehouse = await openWarehouse(config.warehouse, silentLogger(), { readOnly: true });
  try {
    const rows = await warehouse.query({ sql: query, binds: [] }).catch((error: unknown) => {
      // The user's query is the input here: an engine's refusal is a bad parameter (exit 2), printed once without a stack.
      throw exitCodeFor(error) === ExitCode.unexpected ? new ConfigError(engineMessage(error)) : error;
    });
    const columns = Object.keys(rows[0] ?? {});
    if (format === 'csv') {
      const plain = rows.map((r) => columns.map((c) => (typeof r[c] === 'bigint' ? String(r[c]) : r[c])));
      process.stdout.write(stringify(plain, { header: true, columns }));
    } else {
      process.stdout.write(rows.length ? `${formatTextTable(rows, columns)}\n(${rows.length} rows)\n` : '(0 rows)\n');
    }
  } finally {
    await warehouse.close();
  }
});

/** DuckDB's own words: the warehouse wraps them as `DuckDB failed on "<first line>": <message>`, the query the user just typed. */
function engineMessage(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return message;
}
