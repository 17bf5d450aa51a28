import { eq, like } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ProcessCache, RARELY_CHANGES_TTL_MS } from '../shared/process-cache.ts';
import { settings } from './settings.table.ts';

type SettingRow = Awaited<ReturnType<typeof getSetting>>;
const cache = new ProcessCache<SettingRow>(RARELY_CHANGES_TTL_MS);

export async function getSetting(db: Db, key: string) {
  const [row] = await db
    .select({ value: settings.value, updatedAt: settings.updatedAt })
    .from(settings)
    .where(eq(settings.key, key));
  return row;
}

/**
 * `getSetting` through the per-process cache (shared/process-cache.ts): for settings read on every
 * request (follow-up settings on each new enquiry). `putSetting` in this process clears it.
 */
export function getSettingCached(db: Db, key: string) {
  return cache.get(key, () => getSetting(db, key));
}

/** Drops a cached setting: after the transaction that changed it commits (see process-cache.ts). */
export const forgetCachedSetting = (key: string) => cache.forget(key);

/** Inserts or replaces a setting. Returns the value it replaced, if any (read under a row lock). */
export async function putSetting(db: Db, key: string, value: unknown) {
  cache.forget(key);
  const [before] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, key))
    .for('update');
  await db
    .insert(settings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  // Again once written: a reader between the first forget and now may have cached the old value.
  cache.forget(key);
  return before?.value;
}

/** Every setting whose key starts with `prefix` (for settings kept one per agency, like `follow_ups:`). */
export async function settingsStartingWith(db: Db, prefix: string) {
  return db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(like(settings.key, `${prefix.replace(/[\\%_]/g, '\\$&')}%`));
}
