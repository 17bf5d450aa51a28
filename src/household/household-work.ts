import { approvalForHousehold } from '../approval-settings/household-approval.ts';
import { checksForHousehold } from '../assessment-checks/household-checks.ts';
import { householdDeadlines } from '../deadlines/deadlines.service.ts';
import type { AppDeps } from '../deps.ts';
import { surveysForHousehold } from '../exit-survey/exit-survey-answers.service.ts';
import { eventsForHousehold } from '../events/household-events.ts';
import { trainingForHousehold } from '../events/household-training.ts';
import { referencesForHousehold } from '../references/household-references.ts';
import { handoffForHousehold } from '../handoffs/household-handoff.ts';
import { panelForHousehold } from '../panels/household-panel.ts';
import { bookedWork } from '../pipeline/move-rules.ts';
import { householdRetention } from '../retention/household-retention.service.ts';
import type { Stage } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { visitsForHousehold } from '../visits/visits.service.ts';

/**
 * What other features know about one household, for its page: sessions booked, visits, panel,
 * deadlines, records (retention and legal hold). Each feature contributes one field from its own service; `booked` is what decides
 * which moves are open now (move-rules.ts), read by the same function the moves themselves use.
 */
export async function householdWork(
  deps: AppDeps,
  actor: Actor,
  enquiry: { id: string; stage: Stage; sourceEventId: string | null; household: { id: string } },
) {
  const enquiryId = enquiry.id;
  const { db } = deps;
  // Independent reads, run together: on PostgreSQL each takes a connection of its own (issue 19's
  // busy day), and PGlite, with one connection, queues them. The checks need the approval rules.
  const approval = await approvalForHousehold(db, actor, enquiryId);
  const [
    events,
    visits,
    panel,
    deadlines,
    booked,
    exitSurveys,
    retention,
    handoff,
    checks,
    references,
    training,
  ] = await Promise.all([
    eventsForHousehold(db, actor, enquiry),
    visitsForHousehold(db, actor, enquiryId),
    panelForHousehold(db, actor, enquiryId),
    householdDeadlines(db, actor, enquiryId),
    bookedWork(db, actor.agencyId, enquiryId),
    surveysForHousehold(db, actor, enquiryId),
    householdRetention(db, actor, enquiry.household.id),
    handoffForHousehold(db, actor, enquiryId),
    checksForHousehold(db, actor, enquiry, {
      applicationOn: approval.applicationOn,
      standardMonths: approval.standard.months,
    }),
    referencesForHousehold(db, actor, enquiryId),
    trainingForHousehold(db, actor, enquiry),
  ]);
  return {
    events,
    visits,
    panel,
    deadlines,
    booked,
    exitSurveys,
    retention,
    approval,
    handoff,
    checks,
    references,
    training,
  };
}
export type HouseholdWork = Awaited<ReturnType<typeof householdWork>>;
