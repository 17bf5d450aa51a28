/** Households with a history, built through the real services (and panel rows as the panel pages store them). */
import type { Db } from '../../src/db/client.ts';
import { recordContactAttempt } from '../../src/enquiries/activity.service.ts';
import { ContactAttempt } from '../../src/enquiries/enquiries.schema.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import type { ContactOutcome } from '../../src/enquiries/enquiry-options.ts';
import { panelCases, panels } from '../../src/panels/panels.table.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import type { Stage } from '../../src/pipeline/stages.ts';
import { systemActor, type Actor } from '../../src/shared/actor.ts';
import type { IsoDate } from '../../src/calendar/dates.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry } from '../factories.ts';
import { withoutChecklist } from '../helpers/checks.ts';

export interface HouseholdPlan {
  receivedOn: IsoDate;
  officerId?: string;
  lastName?: string;
  contacts?: { on: IsoDate; outcome: ContactOutcome }[];
  /** Stage moves after the enquiry, in order, each on a date. */
  moves?: { to: Stage; on: IsoDate; reason?: string }[];
  /** Keep the assessment checklist made at application (its stage clocks then apply); dropped by default. */
  checklist?: boolean;
  panel?: {
    meetsOn: IsoDate;
    papersSentOn?: IsoDate;
    recommendation?: 'approve' | 'not_approve';
    minutesReceivedOn?: IsoDate;
    decidedOn?: IsoDate;
  };
}

export async function makeHousehold(db: Db, agencyId: string, plan: HouseholdPlan) {
  const actor: Actor = { ...systemActor(agencyId, 'test'), role: 'manager' };
  const enquiry = await makeEnquiry(db, agencyId, {
    receivedAt: plan.receivedOn,
    ...(plan.officerId ? { assignedOfficerId: plan.officerId } : {}),
    ...(plan.lastName
      ? {
          applicants: [
            {
              firstName: 'Sam',
              lastName: plan.lastName,
              email: `${plan.lastName.toLowerCase()}@example.com`,
            },
          ],
        }
      : {}),
  });
  for (const contact of plan.contacts ?? []) {
    await recordContactAttempt(
      db,
      actor,
      enquiry.id,
      parse(ContactAttempt, { method: 'phone', outcome: contact.outcome, at: contact.on }),
    );
  }
  for (const move of plan.moves ?? []) {
    await transition(
      db,
      actor,
      enquiry.id,
      parse(Transition, { to: move.to, at: move.on, reason: move.reason }),
    );
  }
  if (!plan.checklist) await withoutChecklist(db, enquiry.id);
  if (plan.panel) {
    const { meetsOn, ...outcome } = plan.panel;
    const [panel] = await db.insert(panels).values({ agencyId, meetsOn, chair: 'Chair' }).returning();
    await db.insert(panelCases).values({ agencyId, panelId: panel!.id, enquiryId: enquiry.id, ...outcome });
  }
  return enquiry;
}

/** The usual path to assessment, with the application received on `applicationOn`. */
export const toAssessment = (applicationOn: IsoDate, ivOn: IsoDate, assessmentOn: IsoDate) => [
  { to: 'initial_visit' as const, on: ivOn },
  { to: 'application' as const, on: applicationOn },
  { to: 'assessment' as const, on: assessmentOn },
];
