import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { assessmentChecks } from '../assessment-checks/assessment-checks.table.ts';
import type { Db } from '../db/db-type.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';

/** Subject access, applicant side: the households' reference items, without the referee or their words. */
export async function referenceItemsOfEnquiries(db: Db, agencyId: string, enquiryIds: string[]) {
  if (enquiryIds.length === 0) return [];
  return db
    .select({
      id: assessmentChecks.id,
      enquiryId: assessmentChecks.enquiryId,
      refereeKind: assessmentChecks.refereeKind,
      status: assessmentChecks.status,
      requestedOn: assessmentChecks.requestedOn,
      receivedOn: assessmentChecks.receivedOn,
      submittedAt: assessmentChecks.submittedAt,
    })
    .from(assessmentChecks)
    .where(
      and(
        eq(assessmentChecks.agencyId, agencyId),
        inArray(assessmentChecks.enquiryId, enquiryIds),
        isNotNull(assessmentChecks.refereeKind),
      ),
    )
    .orderBy(asc(assessmentChecks.createdAt));
}

/** Subject access, referee side: the references a person gave (or was asked for), by their email key. */
export async function referencesGivenBy(db: Db, agencyId: string, emailKey: string) {
  return db
    .select({
      id: assessmentChecks.id,
      enquiryId: assessmentChecks.enquiryId,
      householdId: enquiries.householdId,
      refereeName: assessmentChecks.refereeName,
      refereeEmail: assessmentChecks.refereeEmail,
      refereeKind: assessmentChecks.refereeKind,
      requestedOn: assessmentChecks.requestedOn,
      linkSentAt: assessmentChecks.linkSentAt,
      firstReminderAt: assessmentChecks.firstReminderAt,
      secondReminderAt: assessmentChecks.secondReminderAt,
      submittedAt: assessmentChecks.submittedAt,
      answers: assessmentChecks.answers,
    })
    .from(assessmentChecks)
    .innerJoin(enquiries, eq(enquiries.id, assessmentChecks.enquiryId))
    .where(
      and(
        eq(assessmentChecks.agencyId, agencyId),
        isNotNull(assessmentChecks.refereeKind),
        sql`lower(trim(${assessmentChecks.refereeEmail})) = ${emailKey}`,
      ),
    )
    .orderBy(asc(assessmentChecks.createdAt));
}
