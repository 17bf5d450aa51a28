import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { caseworkers } from '../enquiries/activity.service.ts';
import { findEnquiry, lockEnquiry } from '../enquiries/enquiries.repo.ts';
import { transition } from '../pipeline/pipeline.service.ts';
import { stageLabels, type Stage } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { londonDate, londonToday, startOfLondonDay } from '../calendar/dates.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import { formatDate, formatDateTime } from '../shared/format.ts';
import {
  findVisitForUpdate,
  insertVisit,
  plannedVisits,
  scheduledVisitOf,
  updateScheduledVisit,
  visitsOfEnquiry,
  type VisitStatus,
} from './visits.repo.ts';
import type { VisitInputValue } from './visits.schema.ts';

/** The one wording of a visit's status, wherever it is shown. */
export const visitStatusLabels: Record<VisitStatus, string> = {
  scheduled: 'Arranged',
  completed: 'Done',
  cancelled: 'Cancelled',
};

/** An initial visit is arranged while the household is an enquiry, or re-arranged once it is at "Initial visit". */
export const visitStages: readonly Stage[] = ['enquiry', 'initial_visit'];

/** Stages at which the initial visit has already been recorded in the pipeline: completing a visit just marks it done. */
const visitedStages: readonly Stage[] = [
  'initial_visit',
  'application',
  'assessment',
  'panel',
  'approved',
  'deregistered',
];

async function requireEnquiry(db: Db, actor: Actor, enquiryId: string) {
  const enquiry = await findEnquiry(db, actor.agencyId, enquiryId);
  if (!enquiry) throw notFound('Enquiry');
  return enquiry;
}

async function requireCaseworker(db: Db, actor: Actor, officerId: string) {
  const staff = await caseworkers(db, actor.agencyId);
  const officer = staff.find((u) => u.id === officerId);
  if (!officer) throw fieldError('officerId', 'Select an officer from the list');
  return officer;
}

function checkNotBeforeEnquiry(input: VisitInputValue, receivedAt: Date) {
  if (input.scheduledFor < receivedAt) {
    throw fieldError(
      'scheduledOn',
      `The visit must be after the enquiry was received (${formatDateTime(receivedAt)})`,
    );
  }
}

/** Arranges the household's initial visit. One planned visit at a time: change that one instead. */
export async function arrangeVisit(db: Db, actor: Actor, enquiryId: string, input: VisitInputValue) {
  await requireCaseworker(db, actor, input.officerId);
  return db.transaction(async (tx) => {
    if (!(await lockEnquiry(tx, actor.agencyId, enquiryId))) throw notFound('Enquiry');
    const enquiry = await requireEnquiry(tx, actor, enquiryId);
    if (!visitStages.includes(enquiry.stage)) {
      throw new AppError(
        'invalid_transition',
        `Initial visits are arranged for households at "Enquiry" or "Initial visit"; this household is at "${stageLabels[enquiry.stage]}".`,
      );
    }
    const existing = await scheduledVisitOf(tx, actor.agencyId, enquiryId);
    if (existing) {
      throw new AppError(
        'conflict',
        `A visit is already arranged for ${formatDateTime(existing.scheduledFor)}. Change or cancel that visit instead.`,
        { details: { visitId: existing.id } },
      );
    }
    checkNotBeforeEnquiry(input, enquiry.receivedAt);
    const visit = await insertVisit(tx, {
      agencyId: actor.agencyId,
      enquiryId,
      scheduledFor: input.scheduledFor,
      officerId: input.officerId,
    });
    await recordAudit(tx, actor, {
      action: 'visit.arranged',
      entityType: 'visit',
      entityId: visit.id,
      changes: {
        enquiryId: { to: enquiryId },
        scheduledFor: { to: input.scheduledFor.toISOString() },
        officerId: { to: input.officerId },
      },
    });
    return visit;
  });
}

async function requirePlannedVisit(db: Db, actor: Actor, visitId: string) {
  const visit = await findVisitForUpdate(db, actor.agencyId, visitId);
  if (!visit) throw notFound('Visit');
  if (visit.status !== 'scheduled') {
    throw new AppError(
      'conflict',
      visit.status === 'completed'
        ? 'This visit has already been recorded as done.'
        : 'This visit was cancelled. Arrange a new one from the household page.',
    );
  }
  return visit;
}

/** Moves a planned visit to another time, or gives it to another officer. */
export async function rescheduleVisit(db: Db, actor: Actor, visitId: string, input: VisitInputValue) {
  await requireCaseworker(db, actor, input.officerId);
  return db.transaction(async (tx) => {
    const visit = await requirePlannedVisit(tx, actor, visitId);
    const enquiry = await requireEnquiry(tx, actor, visit.enquiryId);
    checkNotBeforeEnquiry(input, enquiry.receivedAt);
    const updated = await updateScheduledVisit(tx, actor.agencyId, visitId, {
      scheduledFor: input.scheduledFor,
      officerId: input.officerId,
    });
    await recordAudit(tx, actor, {
      action: 'visit.rescheduled',
      entityType: 'visit',
      entityId: visitId,
      changes: {
        scheduledFor: { from: visit.scheduledFor.toISOString(), to: input.scheduledFor.toISOString() },
        ...(visit.officerId !== input.officerId
          ? { officerId: { from: visit.officerId, to: input.officerId } }
          : {}),
      },
    });
    return updated!;
  });
}

export async function cancelVisit(db: Db, actor: Actor, visitId: string) {
  return db.transaction(async (tx) => {
    const visit = await requirePlannedVisit(tx, actor, visitId);
    await updateScheduledVisit(tx, actor.agencyId, visitId, { status: 'cancelled' });
    await recordAudit(tx, actor, {
      action: 'visit.cancelled',
      entityType: 'visit',
      entityId: visitId,
      changes: { status: { from: 'scheduled', to: 'cancelled' } },
    });
    return visit;
  });
}

/**
 * Records that the visit happened. On or after its day only; a household still at "Enquiry" moves to
 * "Initial visit", dated when the visit took place (never later than now), in the same transaction.
 */
export async function completeVisit(db: Db, actor: Actor, visitId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const visit = await requirePlannedVisit(tx, actor, visitId);
    if (londonDate(visit.scheduledFor) > londonToday(now)) {
      throw new AppError(
        'conflict',
        `This visit is planned for ${formatDate(visit.scheduledFor)}: record it on or after that day, or change its date.`,
      );
    }
    const enquiry = await requireEnquiry(tx, actor, visit.enquiryId);
    if (enquiry.stage !== 'enquiry' && !visitedStages.includes(enquiry.stage)) {
      throw new AppError(
        'invalid_transition',
        `This household is at "${stageLabels[enquiry.stage]}". Reopen it before recording the visit.`,
      );
    }
    // Done first: while a visit is arranged, the move to "Initial visit" goes through it (move-rules.ts).
    await updateScheduledVisit(tx, actor.agencyId, visitId, { status: 'completed' });
    let moved = false;
    if (enquiry.stage === 'enquiry') {
      const at = visit.scheduledFor < now ? visit.scheduledFor : now;
      if (at < enquiry.stageSince) {
        throw new AppError(
          'conflict',
          `The visit (${formatDateTime(at)}) is earlier than the household's last recorded step (${formatDateTime(enquiry.stageSince)}). Change the visit's date and time first.`,
        );
      }
      await transition(tx, actor, visit.enquiryId, {
        to: 'initial_visit',
        from: 'enquiry',
        at: { at, dateOnly: false },
      });
      moved = true;
    }
    await recordAudit(tx, actor, {
      action: 'visit.completed',
      entityType: 'visit',
      entityId: visitId,
      changes: { status: { from: 'scheduled', to: 'completed' } },
    });
    return { visit, moved };
  });
}

/**
 * Whether completeVisit would record this visit as done now: on or after its day, and while the
 * household is not closed (reopen it first). Pages offer "Record visit done" only then.
 */
export const canRecordDone = (scheduledFor: Date, stage: Stage, now = new Date()) =>
  londonDate(scheduledFor) <= londonToday(now) && (stage === 'enquiry' || visitedStages.includes(stage));

/** The visits part of the household page. */
export async function visitsForHousehold(db: Db, actor: Actor, enquiryId: string, now = new Date()) {
  const [enquiry, all] = await Promise.all([
    findEnquiry(db, actor.agencyId, enquiryId),
    visitsOfEnquiry(db, actor.agencyId, enquiryId),
  ]);
  const planned = all.find((v) => v.status === 'scheduled');
  return {
    planned: planned && {
      ...planned,
      canComplete: !!enquiry && canRecordDone(planned.scheduledFor, enquiry.stage, now),
    },
    past: all
      .filter((v) => v.status !== 'scheduled')
      .map((v) => ({ ...v, statusLabel: visitStatusLabels[v.status] })),
    canArrange: !!enquiry && visitStages.includes(enquiry.stage) && !planned,
  };
}

const LIST_LIMIT = 200;

/** Planned visits for one officer or the whole team: those waiting to be recorded, and those coming up. */
export async function visitsList(db: Db, actor: Actor, mine: boolean, now = new Date()) {
  const dayStart = startOfLondonDay(londonToday(now));
  const officerId = mine ? (actor.userId ?? undefined) : undefined;
  const [toRecord, upcoming] = await Promise.all([
    plannedVisits(db, actor.agencyId, { officerId, before: dayStart, limit: LIST_LIMIT }),
    plannedVisits(db, actor.agencyId, { officerId, from: dayStart, limit: LIST_LIMIT }),
  ]);
  return {
    toRecord: toRecord.map((v) => ({ ...v, canComplete: canRecordDone(v.scheduledFor, v.stage, now) })),
    upcoming: upcoming.map((v) => ({ ...v, canComplete: canRecordDone(v.scheduledFor, v.stage, now) })),
    limit: LIST_LIMIT,
  };
}
