import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ProcessCache, RARELY_CHANGES_TTL_MS } from '../shared/process-cache.ts';
import { agencies, type AgencyKind } from './agencies.table.ts';

const cache = new ProcessCache<typeof agencies.$inferSelect | undefined>(RARELY_CHANGES_TTL_MS);

export const DEFAULT_AGENCY_SLUG = 'default';

export async function findAgencyBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(agencies).where(eq(agencies.slug, slug));
  return row;
}

export async function insertAgency(db: Db, values: { name: string; slug: string }) {
  const [row] = await db.insert(agencies).values(values).onConflictDoNothing().returning();
  return row ?? (await findAgencyBySlug(db, values.slug))!;
}

export async function firstAgency(db: Db) {
  const [row] = await db.select().from(agencies).orderBy(asc(agencies.createdAt)).limit(1);
  return row;
}

export async function getAgency(db: Db, id: string) {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
  return row;
}

/**
 * `getAgency` through the per-process cache (shared/process-cache.ts), for the intake path (in-area
 * check, the welcome email's agency name). `updateAgencyArea` in this process clears it.
 */
export async function getAgencyCached(db: Db, id: string) {
  const agency = await cache.get(id, () => getAgency(db, id));
  if (!agency) cache.forget(id); // not kept: it may be created in a moment
  return agency;
}

export async function updateAgencyArea(
  db: Db,
  id: string,
  values: { name?: string; areaPostcodePrefixes: string[] },
) {
  cache.forget(id);
  await db.update(agencies).set(values).where(eq(agencies.id, id));
  cache.forget(id);
}

/** Every agency's id, in a stable order (the scheduled sweeps and recomputes visit them all). */
export async function agencyIds(db: Db) {
  const rows = await db.select({ id: agencies.id }).from(agencies).orderBy(asc(agencies.id));
  return rows.map((r) => r.id);
}

export type Agency = typeof agencies.$inferSelect;

/** A new agency with all its settings; undefined when the code is taken (the unique index decides). */
export async function insertAgencyRow(
  db: Db,
  values: {
    name: string;
    slug: string;
    kind: AgencyKind;
    hubId: string | null;
    population: number | null;
    areaPostcodePrefixes: string[];
  },
) {
  const [row] = await db.insert(agencies).values(values).onConflictDoNothing().returning();
  return row;
}

/** A hub's member councils, by name. */
export async function membersOfHub(db: Db, hubId: string) {
  return db.select().from(agencies).where(eq(agencies.hubId, hubId)).orderBy(asc(agencies.name));
}

/** One member council of a hub by its code; undefined if that code is not a member of this hub. */
export async function findMember(db: Db, hubId: string, code: string) {
  const [row] = await db
    .select()
    .from(agencies)
    .where(and(eq(agencies.hubId, hubId), eq(agencies.slug, code)));
  return row;
}

/** A member council's name, population and postcode areas, changed by its hub's administrator. */
export async function updateMemberRow(
  db: Db,
  hubId: string,
  memberId: string,
  values: { name: string; population: number | null; areaPostcodePrefixes: string[] },
) {
  cache.forget(memberId);
  const [row] = await db
    .update(agencies)
    .set(values)
    .where(and(eq(agencies.id, memberId), eq(agencies.hubId, hubId)))
    .returning();
  cache.forget(memberId);
  return row;
}

/** Makes a council a member of a hub (the demo's own service joins its demo hub). */
export async function setHubOf(
  db: Db,
  councilId: string,
  values: { hubId: string; population: number | null; areaPostcodePrefixes: string[] },
) {
  cache.forget(councilId);
  await db
    .update(agencies)
    .set(values)
    .where(and(eq(agencies.id, councilId), eq(agencies.kind, 'council')));
  cache.forget(councilId);
}
