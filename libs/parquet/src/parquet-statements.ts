import * as path from 'node:path';
import { duckdbDialect, fragment, loadSqlTemplate, renderSql, type RenderedSql, type SqlTemplate } from '@northstar/sql';
import { maskedSelectList } from './masked-select-list';
import type { CsvReadBuffer } from './csv-read-buffer';
import type { ParquetColumn } from './parquet-column';
import { csvFieldName, readCsvColumns } from './read-csv-columns';
import { maskKeyPads } from './mask-value';

const sqlDir = path.resolve(__dirname, '../sql');
const templates = new Map<string, SqlTemplate>();

function template(name: string): SqlTemplate {
  let loaded = templates.get(name);
  if (!loaded) {
    loaded = loadSqlTemplate(path.join(sqlDir, `${name}.sql`));
    templates.set(name, loaded);
  }
  return loaded;
}

/** The statements ParquetWriter runs, all rendered from libs/parquet/sql. */
export const parquetStatements = {
  csvToParquet(csvPath: string, parquetPath: string, columns: readonly ParquetColumn[], buffer: CsvReadBuffer): RenderedSql {
    return renderSql(template('csv_to_parquet'), duckdbDialect, {
      params: { csv_path: csvPath, parquet_path: parquetPath, ...bufferParams(buffer) },
      fragments: { select_list: maskedSelectList(columns), csv_columns: readCsvColumns(columns) },
    });
  },
  /** The `keyColumns` of record number `record` (1-based) of a part, every field read as text. */
  csvRecordKey(csvPath: string, columns: readonly ParquetColumn[], buffer: CsvReadBuffer, keyColumns: readonly string[], record: number): RenderedSql {
    const keyList = keyColumns.map((name) => `${csvFieldName(columns.findIndex((c) => c.name === name))} as ${duckdbDialect.quoteIdent(name)}`);
    return renderSql(template('csv_record_key'), duckdbDialect, {
      params: { csv_path: csvPath, record_offset: String(record - 1), ...bufferParams(buffer) },
      fragments: { key_list: fragment(keyList.join(',\n  ')), csv_columns: readCsvColumns(columns, true) },
    });
  },
  sessionTimeZone(): RenderedSql {
    return renderSql(template('session_time_zone'), duckdbDialect);
  },
  setMaskKey(maskKey: string): RenderedSql {
    const pads = maskKeyPads(maskKey);
    return renderSql(template('set_mask_key'), duckdbDialect, { params: { inner_pad: pads.inner, outer_pad: pads.outer } });
  },
};

function bufferParams(buffer: CsvReadBuffer) {
  return { buffer_size: String(buffer.bufferSize), max_line_size: String(buffer.maxLineSize) };
}
