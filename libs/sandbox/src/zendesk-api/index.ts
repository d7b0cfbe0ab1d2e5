export * from './zendesk-api-server';
export * from './zendesk-data-faults';
export { decodeCursor, encodeCursor } from './export-paging';
