export * from './parquet-column';
export * from './parquet-writer';
export * from './mask-value';
export * from './file-digest';
