import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/db-type.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { people } from '../households/households.table.ts';
import { stageEvents } from '../pipeline/stage-events.table.ts';
import { assessmentChecks, checkTypes } from './assessment-checks.table.ts';

export type CheckTypeRow = typeof checkTypes.$inferSelect;
export type NewCheckType = typeof checkTypes.$inferInsert;
export type NewCheck = typeof assessmentChecks.$inferInsert;

/** The service's list, in the order it is shown: stage, then the service's order, then label. */
export async function checkTypesOf(db: Db, agencyId: string) {
  return db
    .select()
    .from(checkTypes)
    .where(eq(checkTypes.agencyId, agencyId))
    .orderBy(asc(checkTypes.stage), asc(checkTypes.sortOrder), asc(checkTypes.label));
}

/** Inserts types the service lacks; a key already there is left as the service has it. */
export async function insertCheckTypes(db: Db, rows: NewCheckType[]) {
  if (rows.length === 0) return [];
  return db.insert(checkTypes).values(rows).onConflictDoNothing().returning();
}

export async function findCheckType(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(checkTypes)
    .where(and(eq(checkTypes.agencyId, agencyId), eq(checkTypes.id, id)));
  return row;
}

export async function findCheckTypeByKey(db: Db, agencyId: string, key: string) {
  const [row] = await db
    .select()
    .from(checkTypes)
    .where(and(eq(checkTypes.agencyId, agencyId), eq(checkTypes.key, key)));
  return row;
}

export async function updateCheckType(
  db: Db,
  agencyId: string,
  id: string,
  values: Partial<Omit<NewCheckType, 'id' | 'agencyId' | 'key'>>,
) {
  const [row] = await db
    .update(checkTypes)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(checkTypes.agencyId, agencyId), eq(checkTypes.id, id)))
    .returning();
  return row;
}

/** Every item of one enquiry's checklist with its type and, for a person's item, the person's name. */
export async function checksOfEnquiry(db: Db, agencyId: string, enquiryId: string) {
  return db
    .select({
      check: assessmentChecks,
      type: {
        key: checkTypes.key,
        label: checkTypes.label,
        stage: checkTypes.stage,
        appliesTo: checkTypes.appliesTo,
        expectedTurnaroundDays: checkTypes.expectedTurnaroundDays,
        sortOrder: checkTypes.sortOrder,
      },
      person: { firstName: people.firstName, lastName: people.lastName, kind: people.kind },
    })
    .from(assessmentChecks)
    .innerJoin(checkTypes, eq(checkTypes.id, assessmentChecks.checkTypeId))
    .leftJoin(people, eq(people.id, assessmentChecks.personId))
    .where(and(eq(assessmentChecks.agencyId, agencyId), eq(assessmentChecks.enquiryId, enquiryId)))
    .orderBy(
      asc(checkTypes.stage),
      asc(checkTypes.sortOrder),
      asc(checkTypes.label),
      asc(people.kind),
      asc(people.position),
      asc(assessmentChecks.createdAt),
    );
}
export type CheckListRow = Awaited<ReturnType<typeof checksOfEnquiry>>[number];

/** Inserts items; one the unique keys already hold (the same type and person, or household) is skipped. */
export async function insertChecks(db: Db, rows: NewCheck[]) {
  if (rows.length === 0) return [];
  return db.insert(assessmentChecks).values(rows).onConflictDoNothing().returning();
}

/** One item, locked for the update that follows. */
export async function lockCheck(db: Db, agencyId: string, enquiryId: string, id: string) {
  const [row] = await db
    .select()
    .from(assessmentChecks)
    .where(
      and(
        eq(assessmentChecks.agencyId, agencyId),
        eq(assessmentChecks.enquiryId, enquiryId),
        eq(assessmentChecks.id, id),
      ),
    )
    .for('update');
  return row;
}

/** Writes an item's new state, guarded on the status it was read with (none written when it moved). */
export async function updateCheck(
  db: Db,
  id: string,
  fromStatus: string,
  values: Partial<Omit<NewCheck, 'id' | 'agencyId' | 'enquiryId' | 'checkTypeId'>>,
) {
  const [row] = await db
    .update(assessmentChecks)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(assessmentChecks.id, id), eq(assessmentChecks.status, fromStatus as 'requested')))
    .returning();
  return row;
}

/** A referee of that kind with that email (case-insensitive) already named for the enquiry. */
export async function refereeNamed(db: Db, enquiryId: string, kind: string, email: string) {
  const [row] = await db
    .select({ id: assessmentChecks.id })
    .from(assessmentChecks)
    .where(
      and(
        eq(assessmentChecks.enquiryId, enquiryId),
        eq(assessmentChecks.refereeKind, kind as 'personal'),
        sql`lower(${assessmentChecks.refereeEmail}) = ${email.toLowerCase()}`,
      ),
    )
    .limit(1);
  return row;
}

/** The household's people, as the checklist rules need them. */
export async function peopleForChecklist(db: Db, agencyId: string, householdId: string) {
  return db
    .select({
      id: people.id,
      kind: people.kind,
      relationship: people.relationship,
      dateOfBirth: people.dateOfBirth,
    })
    .from(people)
    .where(and(eq(people.agencyId, agencyId), eq(people.householdId, householdId)))
    .orderBy(asc(people.kind), asc(people.position));
}

/** Households between application and decision, with the day their application was received (latest). */
export async function enquiriesInAssessment(db: Db, agencyId: string) {
  return db
    .select({
      id: enquiries.id,
      appliedAt: sql<string>`(select max(${stageEvents.at}) from ${stageEvents}
        where ${stageEvents.enquiryId} = ${enquiries.id} and ${stageEvents.stage} = 'application')::text`,
    })
    .from(enquiries)
    .where(
      and(eq(enquiries.agencyId, agencyId), inArray(enquiries.stage, ['application', 'assessment', 'panel'])),
    )
    .orderBy(asc(enquiries.receivedAt));
}
