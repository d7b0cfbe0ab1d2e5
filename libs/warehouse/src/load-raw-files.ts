import type { Contract } from '@northstar/contracts';
import { columnList, fragment, rawTableRef, renderSql, snowflakeDialect, type RenderedSql } from '@northstar/sql';
import { snowflakeStageColumns } from './snowflake-stage-columns';
import { isoInstantFromMicros, microsFromDate } from './value-normalisation';
import { warehouseSqlTemplate } from './warehouse-sql';

/** Snowflake's limit on a COPY's `files` list. */
export const MAX_FILES_PER_COPY = 1000;

export interface RawFilesToLoad {
  /** Object keys (paths inside the raw stage), all of one manifest, at most MAX_FILES_PER_COPY. */
  readonly sourceFiles: readonly string[];
  readonly runId: string;
  readonly extractedAt: Date;
  readonly loadedAt: Date;
  /** The schema of the table the files land in: raw (default), or a backfill's holding schema. */
  readonly rawSchema?: string;
}

/** One file's line of a Snowflake COPY result. */
export interface CopiedFile {
  /** As the COPY reports it: the stage's path, which may be longer than the key. */
  readonly file: string;
  readonly status: string;
  readonly rowsLoaded: number;
  readonly firstError?: string;
}

/**
 * The one Snowflake COPY that appends many landed Parquet files of one
 * manifest to its raw table; `_source_file` comes from metadata$filename.
 * DuckDB keeps one statement per file (renderLoadRawFile): it has no
 * per-statement overhead worth saving.
 */
export function renderLoadRawFiles(contract: Contract, load: RawFilesToLoad, rawStage = 'raw_zone'): RenderedSql {
  if (load.sourceFiles.length === 0 || load.sourceFiles.length > MAX_FILES_PER_COPY) {
    throw new Error(`a COPY takes 1 to ${MAX_FILES_PER_COPY} files, not ${load.sourceFiles.length}`);
  }
  const dialect = snowflakeDialect;
  const literal = (value: string) => fragment(dialect.literal(value));
  const instant = (date: Date) => literal(isoInstantFromMicros(microsFromDate(date)));
  return renderSql(warehouseSqlTemplate('load_raw_files.snowflake.sql'), dialect, {
    idents: { raw_table: rawTableRef(contract, load.rawSchema), stage: rawStage },
    fragments: {
      columns: columnList(contract.columns.map((c) => c.name), dialect),
      stage_columns: snowflakeStageColumns(contract),
      run_id: literal(load.runId),
      // Keys start <source>/<entity>/ (plain names: contracts allow nothing else), so the pattern needs no escaping.
      key_pattern: literal(`${contract.source}/${contract.entity}/.*$`),
      extracted_at: instant(load.extractedAt),
      loaded_at: instant(load.loadedAt),
      files: fragment(load.sourceFiles.map((key) => dialect.literal(key)).join(', ')),
    },
  });
}

/** The lines of a COPY's result, whatever case the driver gives the column names. */
export function copiedFiles(rows: readonly Record<string, unknown>[]): CopiedFile[] {
  return rows.map((row) => {
    const get = (name: string) => row[name] ?? row[name.toUpperCase()];
    const firstError = get('first_error');
    return {
      file: String(get('file') ?? ''),
      status: String(get('status') ?? ''),
      rowsLoaded: Number(get('rows_loaded') ?? 0),
      ...(firstError ? { firstError: String(firstError) } : {}),
    };
  });
}
