export * from './fault-scenario';
export * from './fault-stage';
export * from './fault-proxy';
export * from './curated-comparison';
export * from './running-app';
export * from './app-command';
export * from './run-fault-scenario';
export * from './fault-scenarios';
