export * from './stripe-account';
export * from './stripe-api-server';
export * from './stripe-faults';
export * from './stripe-list-page';
export * from './stripe-sandbox-feed';
