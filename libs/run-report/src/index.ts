export * from './report-data';
export * from './report-html';
export * from './write-run-report';
export * from './run-summary';
