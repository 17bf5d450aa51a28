import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ProcessCache, RARELY_CHANGES_TTL_MS } from '../shared/process-cache.ts';
import { users } from '../users/users.table.ts';
import { emailTemplates, emailTemplateVersions } from './templates.table.ts';

export type TemplateRow = typeof emailTemplates.$inferSelect;
export type TemplateVersionRow = typeof emailTemplateVersions.$inferSelect;

/** The version in use for one template of an agency, if it has ever been saved. */
export async function findCurrentVersion(db: Db, agencyId: string, key: string) {
  const [row] = await db
    .select({
      id: emailTemplateVersions.id,
      version: emailTemplateVersions.version,
      subject: emailTemplateVersions.subject,
      body: emailTemplateVersions.body,
    })
    .from(emailTemplates)
    .innerJoin(emailTemplateVersions, eq(emailTemplateVersions.id, emailTemplates.currentVersionId))
    .where(and(eq(emailTemplates.agencyId, agencyId), eq(emailTemplates.key, key)));
  return row;
}

type CurrentVersion = Awaited<ReturnType<typeof findCurrentVersion>>;
const cache = new ProcessCache<CurrentVersion>(RARELY_CHANGES_TTL_MS);

/**
 * `findCurrentVersion` through the per-process cache (shared/process-cache.ts), for emails written
 * on every new enquiry. `setCurrentVersion` in this process clears it.
 */
export function findCurrentVersionCached(db: Db, agencyId: string, key: string) {
  return cache.get(`${agencyId}:${key}`, () => findCurrentVersion(db, agencyId, key));
}

/** Drops every cached template version: after the transaction that saved one commits. */
export const forgetCachedTemplates = () => cache.forget();

/** Every saved template of an agency with its current version number and who saved it. */
export async function listSavedTemplates(db: Db, agencyId: string) {
  return db
    .select({
      key: emailTemplates.key,
      updatedAt: emailTemplates.updatedAt,
      version: emailTemplateVersions.version,
      updatedBy: users.name,
    })
    .from(emailTemplates)
    .innerJoin(emailTemplateVersions, eq(emailTemplateVersions.id, emailTemplates.currentVersionId))
    .leftJoin(users, eq(users.id, emailTemplateVersions.createdBy))
    .where(eq(emailTemplates.agencyId, agencyId));
}

/** Newest first: every version of one template, with the name of whoever saved it. */
export async function listVersions(db: Db, agencyId: string, key: string) {
  return db
    .select({
      id: emailTemplateVersions.id,
      version: emailTemplateVersions.version,
      subject: emailTemplateVersions.subject,
      createdAt: emailTemplateVersions.createdAt,
      createdBy: users.name,
    })
    .from(emailTemplateVersions)
    .innerJoin(emailTemplates, eq(emailTemplates.id, emailTemplateVersions.templateId))
    .leftJoin(users, eq(users.id, emailTemplateVersions.createdBy))
    .where(and(eq(emailTemplates.agencyId, agencyId), eq(emailTemplates.key, key)))
    .orderBy(desc(emailTemplateVersions.version));
}

/**
 * The template row, created if this is its first save, and locked until the transaction ends so
 * two people saving at once get consecutive version numbers.
 */
export async function lockTemplate(
  db: Db,
  values: { agencyId: string; key: string; name: string; description: string },
) {
  await db.insert(emailTemplates).values(values).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.agencyId, values.agencyId), eq(emailTemplates.key, values.key)))
    .for('update');
  return row!;
}

export async function latestVersionNumber(db: Db, templateId: string) {
  const [row] = await db
    .select({ max: sql<number | null>`max(${emailTemplateVersions.version})` })
    .from(emailTemplateVersions)
    .where(eq(emailTemplateVersions.templateId, templateId));
  return Number(row?.max ?? 0);
}

export async function insertVersion(db: Db, values: typeof emailTemplateVersions.$inferInsert) {
  const [row] = await db.insert(emailTemplateVersions).values(values).returning();
  return row!;
}

export async function setCurrentVersion(db: Db, templateId: string, versionId: string, at: Date) {
  cache.forget();
  await db
    .update(emailTemplates)
    .set({ currentVersionId: versionId, updatedAt: at })
    .where(eq(emailTemplates.id, templateId));
  cache.forget();
}
