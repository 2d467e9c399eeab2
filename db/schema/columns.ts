import { uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** A required reference to another table's row by its uuid id (`… uuid not null references …`). */
export const requiredRef = (name: string, target: () => AnyPgColumn) => uuid(name).notNull().references(target);
