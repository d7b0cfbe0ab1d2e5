// Holds a DuckDB database file open read-write, as another process using the
// warehouse would: `node hold-duckdb-file.cjs <path>`. Prints "held" once the
// file is locked; lets go when its parent closes stdin.
'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
  const instance = await DuckDBInstance.create(process.argv[2]);
  const connection = await instance.connect();
  process.stdout.write('held\n');
  process.stdin.on('end', () => {
    connection.closeSync();
    instance.closeSync();
    process.exit(0);
  });
  process.stdin.resume();
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
