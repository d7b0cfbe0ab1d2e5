export * from './dialect';
export * from './sql-template';
export * from './render-sql';
