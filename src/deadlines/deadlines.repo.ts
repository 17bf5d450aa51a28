import { and, asc, eq, gt, inArray, sql, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { contactAttempts } from '../enquiries/activity.table.ts';
import { temporaryApprovalExtensions } from '../connected-person/temporary-approval.table.ts';
import type { ContactOutcome, Route } from '../enquiries/enquiry-options.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { stageEvents } from '../pipeline/stage-events.table.ts';
import { people } from '../households/households.table.ts';
import { panelCases, panels } from '../panels/panels.table.ts';
import { activeStages } from '../pipeline/stages.ts';
import { users } from '../users/users.table.ts';
import { assessmentChecks, checkTypes } from '../assessment-checks/assessment-checks.table.ts';
import type { StageChecks } from '../assessment-checks/checklist.ts';
import type { HouseholdFacts, PanelCaseFacts } from './deadlines.ts';

const officers = alias(users, 'officer');

// Timestamps leave SQL as epoch milliseconds: the two drivers parse raw timestamps differently.
const epochMs = (column: SQLWrapper) => sql`(extract(epoch from ${column}) * 1000)::float8`;

/**
 * One row per household with everything its deadlines depend on, gathered by correlated subqueries
 * that each use an index on enquiry id (contact attempts, stage events, panel cases).
 */
const factColumns = {
  enquiryId: enquiries.id,
  stage: enquiries.stage,
  receivedAt: enquiries.receivedAt,
  firstContactedAt: enquiries.firstContactedAt,
  route: enquiries.route,
  placedOn: enquiries.placedOn,
  assignedOfficerId: enquiries.assignedOfficerId,
  assignedOfficerName: officers.name,
  applicantNames: sql<string | null>`(
    select string_agg(p.first_name || ' ' || p.last_name, ' and ' order by p.position)
    from ${people} p where p.household_id = ${enquiries.householdId} and p.kind = 'applicant'
  )`,
  attempts: sql<{ at: number; outcome: ContactOutcome }[] | null>`(
    select json_agg(json_build_object('at', ${epochMs(contactAttempts.at)}, 'outcome', ${contactAttempts.outcome})
      order by ${contactAttempts.at})
    from ${contactAttempts} where ${contactAttempts.enquiryId} = ${enquiries.id}
  )`,
  applicationAt: sql<number | null>`(
    select ${epochMs(sql`max(${stageEvents.at})`)} from ${stageEvents}
    where ${stageEvents.enquiryId} = ${enquiries.id} and ${stageEvents.stage} = 'application'
  )`,
  approvedAt: sql<number | null>`(
    select ${epochMs(sql`max(${stageEvents.at})`)} from ${stageEvents}
    where ${stageEvents.enquiryId} = ${enquiries.id} and ${stageEvents.stage} = 'approved'
  )`,
  extension: sql<{ weeks: number; agreedOn: string } | null>`(
    select json_build_object('weeks', ${temporaryApprovalExtensions.weeks}, 'agreedOn', ${temporaryApprovalExtensions.agreedOn})
    from ${temporaryApprovalExtensions} where ${temporaryApprovalExtensions.enquiryId} = ${enquiries.id}
  )`,
  closure: sql<{ at: number; reason: string | null } | null>`(
    select json_build_object('at', ${epochMs(stageEvents.at)}, 'reason', ${stageEvents.reason})
    from ${stageEvents}
    where ${stageEvents.enquiryId} = ${enquiries.id} and ${stageEvents.stage} = 'closed'
    order by ${stageEvents.at} desc, ${stageEvents.id} desc limit 1
  )`,
  checks: sql<StageChecks[] | null>`(
    select json_agg(json_build_object('stage', s.stage, 'total', s.total, 'outstanding', s.outstanding,
      'lastDoneOn', s.last_done_on))
    from (
      select ${checkTypes.stage} as stage, count(*)::int as total,
        (count(*) filter (where ${assessmentChecks.status} <> 'received'
          and ${assessmentChecks.outcome} is distinct from 'not_needed'))::int as outstanding,
        max(greatest(${assessmentChecks.receivedOn},
          case when ${assessmentChecks.outcome} = 'not_needed'
            then (${assessmentChecks.outcomeAt} at time zone 'Europe/London')::date end))::text as last_done_on
      from ${assessmentChecks} join ${checkTypes} on ${checkTypes.id} = ${assessmentChecks.checkTypeId}
      where ${assessmentChecks.enquiryId} = ${enquiries.id}
      group by ${checkTypes.stage}
    ) s
  )`,
  panelCases: sql<PanelCaseFacts[] | null>`(
    select json_agg(json_build_object(
      'meetsOn', ${panels.meetsOn}, 'papersSentOn', ${panelCases.papersSentOn},
      'recommendation', ${panelCases.recommendation}, 'minutesReceivedOn', ${panelCases.minutesReceivedOn},
      'decidedOn', ${panelCases.decidedOn}) order by ${panels.meetsOn})
    from ${panelCases} join ${panels} on ${panels.id} = ${panelCases.panelId}
    where ${panelCases.enquiryId} = ${enquiries.id} and ${panelCases.withdrawnAt} is null
  )`,
};

type FactRow = {
  enquiryId: string;
  stage: HouseholdFacts['stage'];
  receivedAt: Date;
  firstContactedAt: Date | null;
  route: Route;
  placedOn: string | null;
  approvedAt: number | null;
  extension: { weeks: number; agreedOn: string } | null;
  assignedOfficerId: string | null;
  assignedOfficerName: string | null;
  applicantNames: string | null;
  attempts: { at: number; outcome: ContactOutcome }[] | null;
  applicationAt: number | null;
  closure: { at: number; reason: string | null } | null;
  panelCases: PanelCaseFacts[] | null;
  checks: StageChecks[] | null;
};

export interface HouseholdDeadlineFacts {
  enquiryId: string;
  assignedOfficerId: string | null;
  assignedOfficerName: string | null;
  applicantNames: string;
  facts: HouseholdFacts;
}

function toFacts(row: FactRow): HouseholdDeadlineFacts {
  return {
    enquiryId: row.enquiryId,
    assignedOfficerId: row.assignedOfficerId,
    assignedOfficerName: row.assignedOfficerName,
    applicantNames: row.applicantNames ?? 'Household',
    facts: {
      stage: row.stage,
      receivedAt: row.receivedAt,
      firstContactedAt: row.firstContactedAt,
      contactAttempts: (row.attempts ?? []).map((a) => ({ at: new Date(a.at), outcome: a.outcome })),
      applicationAt: row.applicationAt === null ? null : new Date(Number(row.applicationAt)),
      approvedAt: row.approvedAt === null ? null : new Date(Number(row.approvedAt)),
      panelCases: row.panelCases ?? [],
      closure:
        row.stage === 'closed' && row.closure
          ? { at: new Date(Number(row.closure.at)), reason: row.closure.reason }
          : null,
      route: row.route,
      placedOn: row.placedOn,
      extension: row.extension,
      checks: row.checks ?? [],
    },
  };
}

const selectFacts = (db: Db) =>
  db.select(factColumns).from(enquiries).leftJoin(officers, eq(officers.id, enquiries.assignedOfficerId));

/** One household's facts, whatever its stage. */
export async function factsForEnquiry(db: Db, agencyId: string, enquiryId: string) {
  const [row] = await selectFacts(db).where(
    and(eq(enquiries.agencyId, agencyId), eq(enquiries.id, enquiryId)),
  );
  return row ? toFacts(row as FactRow) : undefined;
}

/**
 * Households moving through the pipeline (the only ones with deadlines at risk), in id order, a
 * batch at a time after `afterId`; or only one officer's.
 */
export async function factsForActiveHouseholds(
  db: Db,
  agencyId: string,
  options: { afterId?: string; limit?: number; officerId?: string } = {},
) {
  const rows = await selectFacts(db)
    .where(
      and(
        eq(enquiries.agencyId, agencyId),
        inArray(enquiries.stage, [...activeStages]),
        ...(options.afterId ? [gt(enquiries.id, options.afterId)] : []),
        ...(options.officerId ? [eq(enquiries.assignedOfficerId, options.officerId)] : []),
      ),
    )
    .orderBy(asc(enquiries.id))
    .limit(options.limit ?? 100_000);
  return (rows as FactRow[]).map(toFacts);
}
