// Column definitions that differ between engines, chosen once here so that each migration reads the same on both.
import type { ColumnDefinitionBuilder } from 'kysely';
import type { Engine } from '../engine.js';

type Column = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/**
 * An integer id the database assigns. SQLite: AUTOINCREMENT, so an id is never reused after a row is deleted (a post's
 * permanent link must never point at another post). PostgreSQL: an identity column, 32-bit so that pg returns a number
 * (64-bit integers come back as text); two billion posts is past anything this forum will see.
 */
export function generatedId(engine: Engine): Column {
  return engine === 'postgres' ? (column) => column.primaryKey().generatedByDefaultAsIdentity() : (column) => column.primaryKey().autoIncrement();
}

/** A required ISO-8601 UTC time as text, in both engines (see IsoTime in schema.ts). */
export const requiredTime: Column = (column) => column.notNull();
