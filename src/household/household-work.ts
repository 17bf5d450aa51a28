import { approvalForHousehold } from '../approval-settings/household-approval.ts';
import { checksForHousehold } from '../assessment-checks/household-checks.ts';
import { householdDeadlines } from '../deadlines/deadlines.service.ts';
import type { AppDeps } from '../deps.ts';
import { surveysForHousehold } from '../exit-survey/exit-survey-answers.service.ts';
import { eventsForHousehold } from '../events/household-events.ts';
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
  const approval = await approvalForHousehold(deps.db, actor, enquiryId);
  return {
    events: await eventsForHousehold(deps.db, actor, enquiry),
    visits: await visitsForHousehold(deps.db, actor, enquiryId),
    panel: await panelForHousehold(deps.db, actor, enquiryId),
    deadlines: await householdDeadlines(deps.db, actor, enquiryId),
    booked: await bookedWork(deps.db, actor.agencyId, enquiryId),
    exitSurveys: await surveysForHousehold(deps.db, actor, enquiryId),
    retention: await householdRetention(deps.db, actor, enquiry.household.id),
    approval,
    handoff: await handoffForHousehold(deps.db, actor, enquiryId),
    checks: await checksForHousehold(deps.db, actor, enquiry, {
      applicationOn: approval.applicationOn,
      standardMonths: approval.standard.months,
    }),
  };
}
export type HouseholdWork = Awaited<ReturnType<typeof householdWork>>;
