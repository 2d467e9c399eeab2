export * from './users';
export * from './sessions';
export * from './audit';
export * from './settings';
export * from './log';
export * from './questions';
export * from './blueprints';
