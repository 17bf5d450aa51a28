import { eq, like } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { settings } from './settings.table.ts';

export async function getSetting(db: Db, key: string) {
  const [row] = await db
    .select({ value: settings.value, updatedAt: settings.updatedAt })
    .from(settings)
    .where(eq(settings.key, key));
  return row;
}

/** Inserts or replaces a setting. Returns the value it replaced, if any (read under a row lock). */
export async function putSetting(db: Db, key: string, value: unknown) {
  const [before] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, key))
    .for('update');
  await db
    .insert(settings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  return before?.value;
}

/** Every setting whose key starts with `prefix` (for settings kept one per agency, like `follow_ups:`). */
export async function settingsStartingWith(db: Db, prefix: string) {
  return db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(like(settings.key, `${prefix.replace(/[\\%_]/g, '\\$&')}%`));
}
