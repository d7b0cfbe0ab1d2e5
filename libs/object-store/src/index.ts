export * from './object-store';
export * from './object-store-errors';
export * from './assert-object-key';
export * from './local-object-store';
export * from './s3-object-store';
export * from './open-object-store';
