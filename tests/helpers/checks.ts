/**
 * Assessment checklists (issue 18) in the state tests of other features need. Every household that
 * reaches "Application" gets a checklist, and stage 1 outstanding blocks a panel booking; tests of
 * panels, deadlines and the household page start from a household whose stage 1 is done, or one
 * with no checklist at all (as households already in assessment before checklists existed).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { assessmentChecks, checkTypes } from '../../src/assessment-checks/assessment-checks.table.ts';
import { londonToday, type IsoDate } from '../../src/calendar/dates.ts';
import type { Db } from '../../src/db/client.ts';

/** Every stage 1 item of the household's checklist received and clear on `on` (default today). */
export async function completeStageOne(db: Db, enquiryId: string, on: IsoDate = londonToday()) {
  const stageOne = db.select({ id: checkTypes.id }).from(checkTypes).where(eq(checkTypes.stage, 1));
  await db
    .update(assessmentChecks)
    .set({ status: 'received', receivedOn: on, outcome: 'clear', outcomeAt: new Date() })
    .where(and(eq(assessmentChecks.enquiryId, enquiryId), inArray(assessmentChecks.checkTypeId, stageOne)));
}

/** The household with no checklist: its stage clocks do not apply and nothing holds up its panel. */
export async function withoutChecklist(db: Db, enquiryId: string) {
  await db.delete(assessmentChecks).where(eq(assessmentChecks.enquiryId, enquiryId));
}
