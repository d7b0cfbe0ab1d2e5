export * from './warehouse';
export * from './duckdb-warehouse';
export * from './snowflake-warehouse';
export * from './snowflake-connection-options';
export * from './open-warehouse';
export * from './warehouse-schemas';
export * from './load-raw-file';
export * from './raw-table';
export { isTransientSnowflakeError } from './snowflake-errors';
