export * from './alert';
export * from './alert-state-store';
export * from './deduplicating-alerter';
export * from './file-alert-sink';
export * from './sns-alert-sink';
