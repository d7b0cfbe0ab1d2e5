import type { Contract } from '@northstar/contracts';
import { columnList, fragment, rawTableRef, renderSql, type Dialect, type RenderedSql } from '@northstar/sql';
import { snowflakeStageColumns } from './snowflake-stage-columns';
import { isoInstantFromMicros, microsFromDate } from './value-normalisation';
import { warehouseSqlTemplate } from './warehouse-sql';

export interface RawFileToLoad {
  /** A local path DuckDB reads: the store's own file, or a temporary copy of an S3 part (no httpfs). Snowflake reads its stage instead. */
  readonly location: string;
  /** The object key, recorded in _source_file (and, for Snowflake, the path inside the raw stage). */
  readonly sourceFile: string;
  readonly runId: string;
  readonly extractedAt: Date;
  readonly loadedAt: Date;
}

export interface LoadRawFileOptions {
  /** Snowflake stage whose root is the raw zone's root (SNOWFLAKE_RAW_STAGE); default raw_zone. */
  readonly rawStage?: string;
  /** The schema of the table the file lands in: raw (default), or a backfill's holding schema. */
  readonly rawSchema?: string;
}

/** The one statement that appends one landed Parquet file to its raw table, with lineage columns. */
export function renderLoadRawFile(contract: Contract, dialect: Dialect, file: RawFileToLoad, options: LoadRawFileOptions = {}): RenderedSql {
  if (dialect.name !== 'duckdb' && dialect.name !== 'snowflake') throw new Error(`raw files load into a warehouse (duckdb or snowflake), not ${dialect.name}`);
  const template = warehouseSqlTemplate(`load_raw_file.${dialect.name}.sql`);
  const rawTable = rawTableRef(contract, options.rawSchema);
  const columns = columnList(contract.columns.map((c) => c.name), dialect);
  if (dialect.name === 'duckdb') {
    return renderSql(template, dialect, {
      idents: { raw_table: rawTable },
      fragments: { columns },
      params: { run_id: file.runId, source_file: file.sourceFile, extracted_at: file.extractedAt, loaded_at: file.loadedAt, location: file.location },
    });
  }
  const literal = (value: string) => fragment(dialect.literal(value));
  const instant = (date: Date) => literal(isoInstantFromMicros(microsFromDate(date)));
  return renderSql(template, dialect, {
    idents: { raw_table: rawTable, stage: options.rawStage ?? 'raw_zone' },
    fragments: {
      columns,
      stage_columns: snowflakeStageColumns(contract),
      run_id: literal(file.runId),
      source_file: literal(file.sourceFile),
      extracted_at: instant(file.extractedAt),
      loaded_at: instant(file.loadedAt),
      file: literal(file.sourceFile),
    },
  });
}
