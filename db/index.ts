export { createDb } from './client';
export type { Db, DbHandle, DbKind, Schema } from './client';
export * as schema from './schema/index';
