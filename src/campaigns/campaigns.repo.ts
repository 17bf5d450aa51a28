import { and, asc, desc, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../users/users.table.ts';
import type { Rag } from './campaign-options.ts';
import { campaignCosts, campaigns, campaignUpdates } from './campaigns.table.ts';
import type { CostLine } from './campaigns.schema.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

const sameCode = (code: string) => sql`upper(${campaigns.code}) = upper(${code})`;

// bigint in SQL (many lines could pass the int range), a number in JS. The outer id is written
// out in full: Drizzle leaves columns unqualified in a single-table select, and a bare "id" here
// would be the cost line's own. The cost is NET of VAT, line by line as in campaign-costs.ts:
// "+ VAT" lines are net already, "VAT included" lines are gross ÷ 1.2 rounded to the penny
// (round() on numeric rounds halves away from zero, as Math.round does for these positive amounts).
const costPence = sql<number>`(select coalesce(sum(case c.vat
    when 'includes_vat' then round(c.amount_pence * 100 / 120.0) else c.amount_pence end), 0)::bigint
  from ${campaignCosts} c where c.campaign_id = ${campaigns}.id)`.mapWith(Number);

function isUniqueViolation(err: unknown): boolean {
  for (let e = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** The new campaign, or undefined when the agency already has a campaign with that code. */
export async function insertCampaign(db: Db, values: typeof campaigns.$inferInsert) {
  const [row] = await db.insert(campaigns).values(values).onConflictDoNothing().returning();
  return row;
}

/** The changed campaign; undefined when it is not in the agency; 'code_taken' when another has the code. */
export async function updateCampaign(
  db: Db,
  agencyId: string,
  id: string,
  values: Partial<typeof campaigns.$inferInsert>,
): Promise<CampaignRow | undefined | 'code_taken'> {
  try {
    const [row] = await db
      .update(campaigns)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(campaigns.agencyId, agencyId), eq(campaigns.id, id)))
      .returning();
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) return 'code_taken';
    throw err;
  }
}

export async function replaceCosts(db: Db, campaignId: string, costs: CostLine[]) {
  await db.delete(campaignCosts).where(eq(campaignCosts.campaignId, campaignId));
  if (costs.length)
    await db.insert(campaignCosts).values(costs.map((c, position) => ({ campaignId, position, ...c })));
}

/** A campaign with its owner's name. */
export async function findCampaign(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select({ ...getTableColumns(campaigns), ownerName: users.name })
    .from(campaigns)
    .leftJoin(users, eq(users.id, campaigns.ownerId))
    .where(and(eq(campaigns.agencyId, agencyId), eq(campaigns.id, id)));
  return row;
}

/** Locks the campaign so that concurrent progress notes set its rating one at a time. */
export async function lockCampaign(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.agencyId, agencyId), eq(campaigns.id, id)))
    .for('update');
  return row;
}

/** A campaign in the agency with this code, in any letter case, other than `exceptId`. */
export async function findCampaignByCode(db: Db, agencyId: string, code: string, exceptId?: string) {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.agencyId, agencyId),
        sameCode(code),
        exceptId ? ne(campaigns.id, exceptId) : undefined,
      ),
    );
  return row;
}

export async function costsOf(db: Db, campaignId: string): Promise<CostLine[]> {
  return db
    .select({
      description: campaignCosts.description,
      amountPence: campaignCosts.amountPence,
      vat: campaignCosts.vat,
    })
    .from(campaignCosts)
    .where(eq(campaignCosts.campaignId, campaignId))
    .orderBy(asc(campaignCosts.position));
}

export type CampaignSummary = Awaited<ReturnType<typeof listCampaigns>>[number];

/** The action plan: every campaign with its total cost net of VAT, owner and last progress note, latest first. */
export async function listCampaigns(db: Db, agencyId: string) {
  return db
    .select({
      id: campaigns.id,
      code: campaigns.code,
      name: campaigns.name,
      channel: campaigns.channel,
      startsOn: campaigns.startsOn,
      endsOn: campaigns.endsOn,
      reviewOn: campaigns.reviewOn,
      rag: campaigns.rag,
      ownerId: campaigns.ownerId,
      ownerName: users.name,
      costPence,
      lastNoteOn: sql<string | null>`(select to_char(max(u.at) at time zone 'Europe/London', 'YYYY-MM-DD')
        from ${campaignUpdates} u where u.campaign_id = ${campaigns}.id)`,
    })
    .from(campaigns)
    .leftJoin(users, eq(users.id, campaigns.ownerId))
    .where(eq(campaigns.agencyId, agencyId))
    .orderBy(desc(campaigns.startsOn), asc(campaigns.code));
}

/** Every campaign with what it cost net of VAT (see campaign-costs.ts), by start date: for the campaign report. */
export async function campaignsForReport(
  db: Db,
  agencyId: string,
): Promise<
  {
    id: string;
    code: string;
    name: string;
    channel: CampaignRow['channel'];
    startsOn: string;
    endsOn: string | null;
    costPence: number;
  }[]
> {
  return db
    .select({
      id: campaigns.id,
      code: campaigns.code,
      name: campaigns.name,
      channel: campaigns.channel,
      startsOn: campaigns.startsOn,
      endsOn: campaigns.endsOn,
      costPence,
    })
    .from(campaigns)
    .where(eq(campaigns.agencyId, agencyId))
    .orderBy(asc(campaigns.startsOn), asc(campaigns.code));
}

export async function insertCampaignUpdate(db: Db, values: typeof campaignUpdates.$inferInsert) {
  const [row] = await db.insert(campaignUpdates).values(values).returning();
  return row!;
}

export async function setRag(db: Db, id: string, rag: Rag) {
  await db.update(campaigns).set({ rag, updatedAt: new Date() }).where(eq(campaigns.id, id));
}

/** The progress notes, newest first, with who wrote them. */
export async function updatesOf(db: Db, campaignId: string) {
  return db
    .select({
      id: campaignUpdates.id,
      rag: campaignUpdates.rag,
      note: campaignUpdates.note,
      at: campaignUpdates.at,
      by: campaignUpdates.by,
      byName: users.name,
    })
    .from(campaignUpdates)
    .leftJoin(users, eq(users.id, campaignUpdates.by))
    .where(eq(campaignUpdates.campaignId, campaignId))
    .orderBy(desc(campaignUpdates.at), desc(campaignUpdates.id));
}
