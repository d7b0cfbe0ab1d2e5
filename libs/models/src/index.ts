export * from './model-catalog';
export * from './model-runner';
export * from './quality-checks';
export * from './render-model';
export * from './full-refresh';
export * from './model-shape';
export * from './analytics-contract-gate';
export * from './pii-column-targets';
