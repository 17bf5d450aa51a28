import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { assessmentChecks } from '../assessment-checks/assessment-checks.table.ts';
import type { Db } from '../db/db-type.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';

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
