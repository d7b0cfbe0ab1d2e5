export * from './errors';
export * from './config';
export * from './logger';
export * from './time-window';
export * from './retry';
export * from './run-parameters';
export * from './run-main';
export * from './text-table';
