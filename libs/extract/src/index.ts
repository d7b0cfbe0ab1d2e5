export * from './raw-zone-layout';
export * from './run-manifest';
export * from './csv-part-splitter';
export * from './extract-to-raw-zone';
export * from './watermark-store';
export * from './raw-loader';
