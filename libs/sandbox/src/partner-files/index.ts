export * from './partner-drop-writer';
