export * from './parquet-column';
export * from './parquet-writer';
export * from './mask-value';
export * from './file-digest';
export { CsvRecordError } from './csv-data-error';
