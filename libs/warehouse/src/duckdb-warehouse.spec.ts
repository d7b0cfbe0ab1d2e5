import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExitCode, TransientError } from '@northstar/core';
import { renderSql } from '@northstar/sql';
import { DuckDbWarehouse } from './duckdb-warehouse';
import { openTempDuckDb } from './testing';
import { describeWarehouse } from './warehouse.suite';
import { ValueConversionError } from './value-conversion-error';
import { ensureWarehouseSchemas } from './warehouse-schemas';

describeWarehouse('DuckDB (temp file)', async () => {
  const temp = await openTempDuckDb();
  return { warehouse: temp.warehouse, stageFile: async (localPath) => localPath, dispose: temp.dispose };
});

describe('DuckDbWarehouse', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'northstar-duckdb-spec-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('runs in UTC with the requested thread count, creating the file and its directory', async () => {
    const w = await DuckDbWarehouse.open(path.join(dir, 'nested', 'w.duckdb'), { threads: 2 });
    try {
      const [row] = await w.query(renderSql("select current_setting('TimeZone') as tz, current_setting('threads') as threads", w.dialect));
      expect(row).toEqual({ tz: 'UTC', threads: 2 });
    } finally {
      await w.close();
    }
  });

  it('names the failing statement in a plain (non-transient) error', async () => {
    const { warehouse, dispose } = await openTempDuckDb();
    try {
      const failure = warehouse.run(renderSql('-- a comment first\nselect * from no_such_table\nwhere 1 = 1', warehouse.dialect));
      await expect(failure).rejects.toThrow(/DuckDB failed on "select \* from no_such_table": .*no_such_table/);
      await expect(failure).rejects.not.toBeInstanceOf(TransientError);
    } finally {
      await dispose();
    }
  });

  it('reports a value that does not convert to its type as a ValueConversionError naming the statement', async () => {
    const { warehouse, dispose } = await openTempDuckDb();
    try {
      const failure = warehouse.run(renderSql("select cast('abc' as bigint) as n", warehouse.dialect));
      await expect(failure).rejects.toBeInstanceOf(ValueConversionError);
      await expect(failure).rejects.toThrow(/DuckDB failed on "select cast\('abc' as bigint\) as n": .*Conversion Error: Could not convert string .abc./);
      await expect(warehouse.run(renderSql('select * from no_such_table', warehouse.dialect))).rejects.not.toBeInstanceOf(ValueConversionError);
    } finally {
      await dispose();
    }
  });

  it('keeps ops.file_loads from recording one file twice', async () => {
    const { warehouse, dispose } = await openTempDuckDb();
    try {
      await ensureWarehouseSchemas(warehouse);
      const insert = renderSql("insert into ops.file_loads select :f, 'abc', 'orders_db', 'orders', 'run-1', 3, current_timestamp", warehouse.dialect, { params: { f: 'a.parquet' } });
      await warehouse.run(insert);
      await expect(warehouse.run(insert)).rejects.toThrow(/constraint/i);
    } finally {
      await dispose();
    }
  });

  it('opens read-only: reads work, writes are refused', async () => {
    const file = path.join(dir, 'w.duckdb');
    const writer = await DuckDbWarehouse.open(file);
    await writer.run(renderSql('create table t as select 1 as x', writer.dialect));
    await writer.close();
    const reader = await DuckDbWarehouse.open(file, { readOnly: true });
    try {
      expect(await reader.query(renderSql('select x from t', reader.dialect))).toEqual([{ x: 1 }]);
      await expect(reader.run(renderSql('insert into t values (2)', reader.dialect))).rejects.toThrow(/read-only/i);
    } finally {
      await reader.close();
    }
  });

  it('reports a file locked by another process as transient (exit 75)', async () => {
    const file = path.join(dir, 'locked.duckdb');
    const holder = await holdDuckDbFile(file);
    try {
      const failure = DuckDbWarehouse.open(file);
      await expect(failure).rejects.toBeInstanceOf(TransientError);
      await expect(failure).rejects.toMatchObject({ exitCode: ExitCode.transient });
    } finally {
      holder.stdin?.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  });

  it('shares one database between warehouses on the same file in one process, conflicts being transient', async () => {
    const file = path.join(dir, 'shared.duckdb');
    const a = await DuckDbWarehouse.open(file, { threads: 1 });
    const b = await DuckDbWarehouse.open(file, { threads: 2 });
    try {
      await a.run(renderSql('create table z as select 1 as i', a.dialect));
      expect(await b.query(renderSql('select i from z', b.dialect))).toEqual([{ i: 1 }]);
      await a.transaction(async (s) => {
        await s.run(renderSql('update z set i = 2', s.dialect));
        await expect(b.run(renderSql('update z set i = 3', b.dialect))).rejects.toBeInstanceOf(TransientError);
      });
      await a.close();
      expect(await b.query(renderSql('select i from z', b.dialect))).toEqual([{ i: 2 }]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('serves concurrent callers one at a time without interleaving a transaction', async () => {
    const { warehouse, dispose } = await openTempDuckDb();
    try {
      await warehouse.run(renderSql('create table t (i integer)', warehouse.dialect));
      const tx = warehouse.transaction(async (s) => {
        await s.run(renderSql('insert into t values (1)', s.dialect));
        await new Promise((r) => setImmediate(r));
        await s.run(renderSql('insert into t values (2)', s.dialect));
        throw new Error('undo');
      });
      const outside = warehouse.query(renderSql('select count(*) as n from t', warehouse.dialect));
      await expect(tx).rejects.toThrow('undo');
      expect(await outside).toEqual([{ n: 0 }]);
    } finally {
      await dispose();
    }
  });

  it('is closed after close(), and close() is idempotent', async () => {
    const w = await DuckDbWarehouse.open(':memory:');
    await w.close();
    await w.close();
    await expect(w.query(renderSql('select 1 as x', w.dialect))).rejects.toThrow(/closed/);
  });
});

/** A second process that opens the file for writing and holds it until its stdin closes. */
async function holdDuckDbFile(file: string): Promise<ChildProcess> {
  const script = `
    const { DuckDBInstance } = require('@duckdb/node-api');
    DuckDBInstance.create(${JSON.stringify(file)}).then(async (i) => {
      const c = await i.connect();
      await c.run('create table if not exists held (i integer)');
      process.stdout.write('ready\\n');
      process.stdin.resume();
      process.stdin.on('end', () => { c.closeSync(); i.closeSync(); process.exit(0); });
    });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '../../..'), stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return child;
}
