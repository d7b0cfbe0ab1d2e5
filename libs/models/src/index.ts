export * from './model-catalog';
export * from './model-runner';
export * from './raw-loader';
export * from './quality-checks';
