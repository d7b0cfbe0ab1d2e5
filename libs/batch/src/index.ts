export * from './batch-jobs';
export * from './aws-batch-jobs';
