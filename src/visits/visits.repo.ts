import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { households, people } from '../households/households.table.ts';
import { users } from '../users/users.table.ts';
import { visits } from './visits.table.ts';

export type VisitStatus = (typeof visits.$inferSelect)['status'];

const applicantNames = sql<string>`(
  select string_agg(p.first_name || ' ' || p.last_name, ' and ' order by p.position)
  from ${people} p where p.household_id = ${enquiries.householdId} and p.kind = 'applicant'
)`;

const visitColumns = {
  id: visits.id,
  enquiryId: visits.enquiryId,
  scheduledFor: visits.scheduledFor,
  officerId: visits.officerId,
  officerName: users.name,
  status: visits.status,
  createdAt: visits.createdAt,
};

export async function insertVisit(db: Db, values: typeof visits.$inferInsert) {
  const [row] = await db.insert(visits).values(values).returning();
  return row!;
}

/** One visit, locked for the rest of the transaction so two changes to it happen one after the other. */
export async function findVisitForUpdate(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(visits)
    .where(and(eq(visits.agencyId, agencyId), eq(visits.id, id)))
    .for('update');
  return row;
}

export async function findVisit(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select({ ...visitColumns, applicantNames, stage: enquiries.stage })
    .from(visits)
    .innerJoin(enquiries, eq(enquiries.id, visits.enquiryId))
    .leftJoin(users, eq(users.id, visits.officerId))
    .where(and(eq(visits.agencyId, agencyId), eq(visits.id, id)));
  return row;
}

export async function scheduledVisitOf(db: Db, agencyId: string, enquiryId: string) {
  const [row] = await db
    .select({ id: visits.id, scheduledFor: visits.scheduledFor })
    .from(visits)
    .where(
      and(eq(visits.agencyId, agencyId), eq(visits.enquiryId, enquiryId), eq(visits.status, 'scheduled')),
    );
  return row;
}

export async function visitsOfEnquiry(db: Db, agencyId: string, enquiryId: string) {
  return db
    .select(visitColumns)
    .from(visits)
    .leftJoin(users, eq(users.id, visits.officerId))
    .where(and(eq(visits.agencyId, agencyId), eq(visits.enquiryId, enquiryId)))
    .orderBy(desc(visits.scheduledFor));
}

/** Changes a visit still planned; undefined if it has been recorded or cancelled meanwhile. */
export async function updateScheduledVisit(
  db: Db,
  agencyId: string,
  id: string,
  values: Partial<Pick<typeof visits.$inferInsert, 'scheduledFor' | 'officerId' | 'status'>>,
) {
  const [row] = await db
    .update(visits)
    .set(values)
    .where(and(eq(visits.agencyId, agencyId), eq(visits.id, id), eq(visits.status, 'scheduled')))
    .returning();
  return row;
}

/**
 * Visits still planned (not recorded, not cancelled), soonest first: those before `dayStart` are
 * waiting for someone to record them, the rest are coming up.
 */
export async function plannedVisits(
  db: Db,
  agencyId: string,
  options: { officerId?: string; before?: Date; from?: Date; limit: number },
) {
  const conditions = [eq(visits.agencyId, agencyId), eq(visits.status, 'scheduled')];
  if (options.officerId) conditions.push(eq(visits.officerId, options.officerId));
  if (options.before) conditions.push(lt(visits.scheduledFor, options.before));
  if (options.from) conditions.push(gte(visits.scheduledFor, options.from));
  return db
    .select({
      ...visitColumns,
      applicantNames,
      postcode: households.postcode,
      stage: enquiries.stage,
    })
    .from(visits)
    .innerJoin(enquiries, eq(enquiries.id, visits.enquiryId))
    .innerJoin(households, eq(households.id, enquiries.householdId))
    .leftJoin(users, eq(users.id, visits.officerId))
    .where(and(...conditions))
    .orderBy(asc(visits.scheduledFor), asc(visits.id))
    .limit(options.limit);
}

/** The visit still arranged (not done or cancelled) of each of these households that has one. */
export async function scheduledVisitsOf(db: Db, agencyId: string, enquiryIds: string[]) {
  if (enquiryIds.length === 0) return [];
  return db
    .select({ enquiryId: visits.enquiryId, id: visits.id, scheduledFor: visits.scheduledFor })
    .from(visits)
    .where(
      and(
        eq(visits.agencyId, agencyId),
        inArray(visits.enquiryId, enquiryIds),
        eq(visits.status, 'scheduled'),
      ),
    );
}
