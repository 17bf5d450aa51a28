import { and, asc, count, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { households, people } from '../households/households.table.ts';
import { panelCases, panels } from './panels.table.ts';

export type PanelRow = typeof panels.$inferSelect;
export type PanelCaseRow = typeof panelCases.$inferSelect;

const applicantNames = sql<string>`(
  select string_agg(p.first_name || ' ' || p.last_name, ' and ' order by p.position)
  from ${people} p where p.household_id = ${enquiries.householdId} and p.kind = 'applicant'
)`;

// Spelled out: in a query on one table Drizzle leaves column names unqualified, and inside the
// subquery an unqualified "id" would be the case's own.
const panelIdColumn = sql`${sql.identifier('panels')}.${sql.identifier('id')}`;

/** Households on a panel's agenda: booked and not withdrawn. */
const bookedCount = sql<number>`(
  select count(*)::int from ${panelCases} c where c.panel_id = ${panelIdColumn} and c.withdrawn_at is null
)`;

/** Booked cases still waiting for the decision maker. */
const undecidedCount = sql<number>`(
  select count(*)::int from ${panelCases} c
  where c.panel_id = ${panelIdColumn} and c.withdrawn_at is null and c.decision is null
)`;

export async function insertPanel(db: Db, values: typeof panels.$inferInsert) {
  const [row] = await db.insert(panels).values(values).returning();
  return row!;
}

export async function findPanel(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select({
      id: panels.id,
      meetsOn: panels.meetsOn,
      chair: panels.chair,
      capacity: panels.capacity,
      notes: panels.notes,
      createdAt: panels.createdAt,
      booked: bookedCount,
    })
    .from(panels)
    .where(and(eq(panels.agencyId, agencyId), eq(panels.id, id)));
  return row;
}

/** Locks the panel for the rest of the transaction: bookings check the places left and then insert. */
export async function lockPanel(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(panels)
    .where(and(eq(panels.agencyId, agencyId), eq(panels.id, id)))
    .for('update');
  return row;
}

/** Panels meeting on or after `from` (soonest first), or before `before` (most recent first). */
export async function listPanels(
  db: Db,
  agencyId: string,
  options: { from?: string; before?: string; limit: number },
) {
  const conditions = [eq(panels.agencyId, agencyId)];
  if (options.from) conditions.push(gte(panels.meetsOn, options.from));
  if (options.before) conditions.push(lt(panels.meetsOn, options.before));
  return db
    .select({
      id: panels.id,
      meetsOn: panels.meetsOn,
      chair: panels.chair,
      capacity: panels.capacity,
      notes: panels.notes,
      booked: bookedCount,
      undecided: undecidedCount,
    })
    .from(panels)
    .where(and(...conditions))
    .orderBy(options.before ? desc(panels.meetsOn) : asc(panels.meetsOn), asc(panels.createdAt))
    .limit(options.limit);
}

export async function countBooked(db: Db, agencyId: string, panelId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(panelCases)
    .where(
      and(eq(panelCases.agencyId, agencyId), eq(panelCases.panelId, panelId), isNull(panelCases.withdrawnAt)),
    );
  return row?.n ?? 0;
}

const caseColumns = {
  id: panelCases.id,
  panelId: panelCases.panelId,
  enquiryId: panelCases.enquiryId,
  papersSentOn: panelCases.papersSentOn,
  recommendation: panelCases.recommendation,
  minutesReceivedOn: panelCases.minutesReceivedOn,
  decision: panelCases.decision,
  decidedOn: panelCases.decidedOn,
  withdrawnAt: panelCases.withdrawnAt,
  createdAt: panelCases.createdAt,
};

export async function casesOfPanel(db: Db, agencyId: string, panelId: string) {
  return db
    .select({
      ...caseColumns,
      applicantNames,
      postcode: households.postcode,
      stage: enquiries.stage,
    })
    .from(panelCases)
    .innerJoin(enquiries, eq(enquiries.id, panelCases.enquiryId))
    .innerJoin(households, eq(households.id, enquiries.householdId))
    .where(and(eq(panelCases.agencyId, agencyId), eq(panelCases.panelId, panelId)))
    .orderBy(asc(panelCases.createdAt), asc(panelCases.id));
}

/** A household's panel bookings, latest panel first. */
export async function casesOfEnquiry(db: Db, agencyId: string, enquiryId: string) {
  return db
    .select({ ...caseColumns, meetsOn: panels.meetsOn, chair: panels.chair })
    .from(panelCases)
    .innerJoin(panels, eq(panels.id, panelCases.panelId))
    .where(and(eq(panelCases.agencyId, agencyId), eq(panelCases.enquiryId, enquiryId)))
    .orderBy(desc(panels.meetsOn), desc(panelCases.createdAt));
}

/** One case with its panel's date, locked for the rest of the transaction. */
export async function findCaseForUpdate(db: Db, agencyId: string, panelId: string, caseId: string) {
  const [row] = await db
    .select({ ...caseColumns, meetsOn: panels.meetsOn })
    .from(panelCases)
    .innerJoin(panels, eq(panels.id, panelCases.panelId))
    .where(and(eq(panelCases.agencyId, agencyId), eq(panelCases.panelId, panelId), eq(panelCases.id, caseId)))
    .for('update', { of: panelCases });
  return row;
}

export async function findCase(db: Db, agencyId: string, panelId: string, caseId: string) {
  const [row] = await db
    .select({ ...caseColumns, applicantNames, stage: enquiries.stage, stageSince: enquiries.stageSince })
    .from(panelCases)
    .innerJoin(enquiries, eq(enquiries.id, panelCases.enquiryId))
    .where(
      and(eq(panelCases.agencyId, agencyId), eq(panelCases.panelId, panelId), eq(panelCases.id, caseId)),
    );
  return row;
}

export async function insertCase(db: Db, values: typeof panelCases.$inferInsert) {
  const [row] = await db.insert(panelCases).values(values).returning();
  return row!;
}

/** Changes a case; only while it is on the agenda (not withdrawn) and undecided, unless told otherwise. */
export async function updateOpenCase(
  db: Db,
  agencyId: string,
  caseId: string,
  values: Partial<
    Pick<
      typeof panelCases.$inferInsert,
      | 'papersSentOn'
      | 'recommendation'
      | 'minutesReceivedOn'
      | 'decision'
      | 'decidedOn'
      | 'withdrawnAt'
      | 'createdAt'
      | 'checksOverrideReason'
      | 'checksOverrideBy'
      | 'checksOverrideAt'
    >
  >,
  options: { includeWithdrawn?: boolean } = {},
) {
  const conditions = [
    eq(panelCases.agencyId, agencyId),
    eq(panelCases.id, caseId),
    isNull(panelCases.decision),
  ];
  if (!options.includeWithdrawn) conditions.push(isNull(panelCases.withdrawnAt));
  const [row] = await db
    .update(panelCases)
    .set(values)
    .where(and(...conditions))
    .returning();
  return row;
}

/** The open case (booked, not withdrawn, not decided) of each of these households that has one. */
export async function openCasesOf(db: Db, agencyId: string, enquiryIds: string[]) {
  if (enquiryIds.length === 0) return [];
  return db
    .select({
      enquiryId: panelCases.enquiryId,
      id: panelCases.id,
      panelId: panelCases.panelId,
      meetsOn: panels.meetsOn,
      recommendation: panelCases.recommendation,
    })
    .from(panelCases)
    .innerJoin(panels, eq(panels.id, panelCases.panelId))
    .where(
      and(
        eq(panelCases.agencyId, agencyId),
        inArray(panelCases.enquiryId, enquiryIds),
        isNull(panelCases.withdrawnAt),
        isNull(panelCases.decision),
      ),
    );
}
