import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ConfigError } from '@northstar/core';
import type { RenderedSql } from '@northstar/sql';
import { csvDataError, CsvRecordError } from './csv-data-error';
import { csvReadBuffer, refuseOverlongRecord, type CsvReadBuffer, type LongestRecord } from './csv-read-buffer';
import { fileDigest } from './file-digest';
import type { ParquetColumn } from './parquet-column';
import { parquetStatements } from './parquet-statements';

export interface CsvToParquetInput {
  /**
   * RFC 4180, ',' delimiter, '"' quote and escape, NO header, fields in `columns` order.
   * NULL = unquoted empty field; empty string = "". Timestamps ISO-8601 with offset
   * (`2026-11-29 10:00:00.123456+00`), booleans t/f/true/false, json as text.
   */
  readonly csvPath: string;
  readonly parquetPath: string;
  readonly columns: readonly ParquetColumn[];
  /** Required when any column has mask=true. */
  readonly maskKey?: string;
  /** Columns that name a record (the business key) in a conversion error; masked ones are never shown. */
  readonly keyColumns?: readonly string[];
  /** The part's longest record, when the caller measured it (bytes, 1-based number): sizes DuckDB's read buffer. */
  readonly longestRecord?: LongestRecord;
}

export interface ParquetPartResult {
  readonly rows: number;
  readonly bytes: number;
  /** Hex SHA-256 of the Parquet file, for the manifest. */
  readonly sha256: string;
}

export interface ParquetWriterOptions {
  /** DuckDB worker threads; default: one per core. */
  readonly threads?: number;
  /** DuckDB memory_limit, e.g. '1GB' (the default). Leave room for ~30 MB per thread per row group. */
  readonly memoryLimit?: string;
  /** Where DuckDB spills when a part outgrows memoryLimit; default <os tmp>/northstar-duckdb. */
  readonly tempDir?: string;
  /**
   * Freed memory DuckDB's allocator may keep for reuse before it hands it
   * back to the system, e.g. '1MB' (both its per-task and its bulk-free
   * threshold). By default it keeps up to 128-512 MB, which one writer
   * serving many parts accumulates: a process that converts part after
   * part grows by what the parts leave behind.
   */
  readonly allocatorFlushThreshold?: string;
}

/**
 * The project's one Parquet writer: extractors spool each part as CSV, and
 * DuckDB streams it (read_csv -> COPY) into a ZSTD Parquet file typed by the
 * contract, so memory is bounded by memoryLimit, not by part size. One
 * in-memory DuckDB instance serves every part; each write gets its own
 * connection, so parallel writes never share a mask key.
 */
export class ParquetWriter {
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  private constructor(private readonly instance: DuckDBInstance) {}

  static async open(options: ParquetWriterOptions = {}): Promise<ParquetWriter> {
    const config: Record<string, string> = {
      memory_limit: options.memoryLimit ?? '1GB',
      temp_directory: options.tempDir ?? path.join(tmpdir(), 'northstar-duckdb'),
    };
    if (options.threads !== undefined) config['threads'] = String(options.threads);
    if (options.allocatorFlushThreshold !== undefined) {
      config['allocator_flush_threshold'] = options.allocatorFlushThreshold;
      config['allocator_bulk_deallocation_flush_threshold'] = options.allocatorFlushThreshold;
    }
    try {
      return new ParquetWriter(await DuckDBInstance.create(':memory:', config));
    } catch (error) {
      throw new ConfigError(`cannot start DuckDB for Parquet writing: ${(error as Error).message}`, { cause: error });
    }
  }

  async writeFromCsv(input: CsvToParquetInput): Promise<ParquetPartResult> {
    if (this.closed) throw new Error('ParquetWriter is closed');
    const write = this.convert(input, checkInput(input));
    this.running.add(write);
    try {
      return await write;
    } finally {
      this.running.delete(write);
    }
  }

  /** Waits for writes in flight, then releases DuckDB. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.running]);
    this.instance.closeSync();
  }

  private async convert(input: CsvToParquetInput, maskKey: string | undefined): Promise<ParquetPartResult> {
    refuseOverlongRecord(input.csvPath, input.longestRecord);
    const buffer = csvReadBuffer(input.longestRecord?.bytes);
    const statement = parquetStatements.csvToParquet(input.csvPath, input.parquetPath, input.columns, buffer);
    await mkdir(path.dirname(path.resolve(input.parquetPath)), { recursive: true });
    const connection = await this.instance.connect();
    let rows: number;
    try {
      await run(connection, parquetStatements.sessionTimeZone());
      if (maskKey !== undefined) await run(connection, parquetStatements.setMaskKey(maskKey));
      const result = await run(connection, statement);
      rows = Number((await result.getRows())[0]?.[0] ?? 0);
    } catch (error) {
      await rm(input.parquetPath, { force: true });
      const failure = csvDataError(error, input.csvPath, input.columns);
      throw failure instanceof CsvRecordError ? await withRecordKey(connection, failure, input, buffer) : failure;
    } finally {
      connection.closeSync();
    }
    return { rows, ...(await fileDigest(input.parquetPath)) };
  }
}

/** The failure with the record's business key, read back as text; as it was when the key cannot be read or shown. */
async function withRecordKey(connection: DuckDBConnection, failure: CsvRecordError, input: CsvToParquetInput, buffer: CsvReadBuffer): Promise<CsvRecordError> {
  const shown = (input.keyColumns ?? []).filter((name) => input.columns.some((c) => c.name === name && !c.mask));
  if (shown.length === 0) return failure;
  try {
    const result = await run(connection, parquetStatements.csvRecordKey(input.csvPath, input.columns, buffer, shown, failure.record));
    const [row] = await result.getRowObjectsJson();
    return row ? failure.withKey(Object.fromEntries(shown.map((name) => [name, row[name] == null ? null : String(row[name])]))) : failure;
  } catch {
    // A record that breaks the CSV structure (a field too many, an open quote) cannot be read back.
    return failure;
  }
}

function run(connection: DuckDBConnection, statement: RenderedSql) {
  const binds = statement.binds.map((value) => {
    if (typeof value !== 'string') throw new Error(`unexpected bind value of type ${typeof value}`);
    return value;
  });
  return connection.run(statement.sql, binds);
}

/** Validates the column list; returns the mask key when some column needs it. */
function checkInput(input: CsvToParquetInput): string | undefined {
  if (input.columns.length === 0) throw new ConfigError(`${input.parquetPath}: a Parquet part needs at least one column`);
  const seen = new Set<string>();
  for (const column of input.columns) {
    // DuckDB matches names case-insensitively, so 'Email' and 'email' would collide.
    const folded = column.name.toLowerCase();
    if (!column.name || seen.has(folded)) throw new ConfigError(`${input.parquetPath}: empty or duplicate column name "${column.name}"`);
    seen.add(folded);
  }
  const masked = input.columns.filter((c) => c.mask).map((c) => c.name);
  if (masked.length === 0) return undefined;
  if (!input.maskKey) throw new ConfigError(`${input.parquetPath}: columns ${masked.join(', ')} must be masked but no mask key is configured`);
  return input.maskKey;
}
