import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { assessmentChecks, checkTypes } from '../assessment-checks/assessment-checks.table.ts';
import type { Db } from '../db/db-type.ts';
import { rows } from '../db/rows.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { people } from '../households/households.table.ts';

/** The columns the reference link and the household page need (no answers). */
const linkColumns = {
  id: assessmentChecks.id,
  agencyId: assessmentChecks.agencyId,
  enquiryId: assessmentChecks.enquiryId,
  refereeName: assessmentChecks.refereeName,
  refereeEmail: assessmentChecks.refereeEmail,
  refereeKind: assessmentChecks.refereeKind,
  status: assessmentChecks.status,
  requestedOn: assessmentChecks.requestedOn,
  receivedOn: assessmentChecks.receivedOn,
  outcome: assessmentChecks.outcome,
  tokenExpiresAt: assessmentChecks.tokenExpiresAt,
  linkSentAt: assessmentChecks.linkSentAt,
  firstReminderAt: assessmentChecks.firstReminderAt,
  secondReminderAt: assessmentChecks.secondReminderAt,
  submittedAt: assessmentChecks.submittedAt,
  enquiryStage: enquiries.stage,
  householdId: enquiries.householdId,
  typeLabel: checkTypes.label,
};
export type ReferenceLinkRow = Awaited<ReturnType<typeof findReferenceByTokenHash>>;

/** The item a link's token hash belongs to, whatever its state; undefined for an unknown hash. */
export async function findReferenceByTokenHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select(linkColumns)
    .from(assessmentChecks)
    .innerJoin(enquiries, eq(enquiries.id, assessmentChecks.enquiryId))
    .innerJoin(checkTypes, eq(checkTypes.id, assessmentChecks.checkTypeId))
    .where(eq(assessmentChecks.tokenHash, tokenHash));
  return row;
}

/** One referee item of the agency's enquiry, locked for the write that follows. */
export async function lockReferenceItem(db: Db, agencyId: string, enquiryId: string, checkId: string) {
  const [row] = await db
    .select()
    .from(assessmentChecks)
    .where(
      and(
        eq(assessmentChecks.agencyId, agencyId),
        eq(assessmentChecks.enquiryId, enquiryId),
        eq(assessmentChecks.id, checkId),
      ),
    )
    .for('update');
  return row;
}

/** The household's referee items, oldest first, with their type; no answers. */
export async function referenceItemsOf(db: Db, agencyId: string, enquiryId: string) {
  return db
    .select({ ...linkColumns, hasAnswers: sql<boolean>`${assessmentChecks.answers} is not null` })
    .from(assessmentChecks)
    .innerJoin(enquiries, eq(enquiries.id, assessmentChecks.enquiryId))
    .innerJoin(checkTypes, eq(checkTypes.id, assessmentChecks.checkTypeId))
    .where(
      and(
        eq(assessmentChecks.agencyId, agencyId),
        eq(assessmentChecks.enquiryId, enquiryId),
        isNotNull(assessmentChecks.refereeKind),
      ),
    )
    .orderBy(asc(checkTypes.sortOrder), asc(assessmentChecks.createdAt), asc(assessmentChecks.id));
}

/** One item's stored answers (restricted: the caller has checked who is asking). */
export async function referenceAnswersOf(db: Db, agencyId: string, enquiryId: string, checkId: string) {
  const [row] = await db
    .select({ ...linkColumns, answers: assessmentChecks.answers })
    .from(assessmentChecks)
    .innerJoin(enquiries, eq(enquiries.id, assessmentChecks.enquiryId))
    .innerJoin(checkTypes, eq(checkTypes.id, assessmentChecks.checkTypeId))
    .where(
      and(
        eq(assessmentChecks.agencyId, agencyId),
        eq(assessmentChecks.enquiryId, enquiryId),
        eq(assessmentChecks.id, checkId),
        isNotNull(assessmentChecks.refereeKind),
      ),
    );
  return row;
}

/** The applicants' names, in order: all a referee is told about the household. */
export async function applicantNamesOf(db: Db, agencyId: string, householdId: string) {
  return db
    .select({ firstName: people.firstName, lastName: people.lastName })
    .from(people)
    .where(
      and(eq(people.agencyId, agencyId), eq(people.householdId, householdId), eq(people.kind, 'applicant')),
    )
    .orderBy(asc(people.position));
}

/** Records a new link on the item (replacing any earlier one) and, if not yet asked for, the request. */
export async function recordLinkSent(
  db: Db,
  id: string,
  link: { tokenHash: string; sentAt: Date; expiresAt: Date; requestedOn: string | null },
) {
  const [row] = await db
    .update(assessmentChecks)
    .set({
      tokenHash: link.tokenHash,
      tokenExpiresAt: link.expiresAt,
      linkSentAt: link.sentAt,
      firstReminderAt: null,
      secondReminderAt: null,
      ...(link.requestedOn ? { status: 'requested' as const, requestedOn: link.requestedOn } : {}),
      updatedAt: link.sentAt,
    })
    .where(and(eq(assessmentChecks.id, id), isNull(assessmentChecks.submittedAt)))
    .returning({ id: assessmentChecks.id });
  return row;
}

/**
 * Stores a referee's answers if the link is still usable at `now`: the same token, not submitted,
 * not expired. The guard is in the write, so two submissions at once store one. The item becomes
 * received on `receivedOn` (the London date of `now`). Undefined when nothing was stored.
 */
export async function recordSubmission(
  db: Db,
  id: string,
  tokenHash: string,
  submission: { answers: unknown; now: Date; receivedOn: string },
) {
  const [row] = await db
    .update(assessmentChecks)
    .set({
      answers: submission.answers,
      submittedAt: submission.now,
      status: 'received',
      receivedOn: submission.receivedOn,
      updatedAt: submission.now,
    })
    .where(
      and(
        eq(assessmentChecks.id, id),
        eq(assessmentChecks.tokenHash, tokenHash),
        isNull(assessmentChecks.submittedAt),
        isNull(assessmentChecks.receivedOn),
        gt(assessmentChecks.tokenExpiresAt, submission.now),
      ),
    )
    .returning({ id: assessmentChecks.id });
  return row;
}

export interface ReminderCandidate {
  id: string;
  agencyId: string;
  enquiryId: string;
  linkSentAt: Date;
  firstSent: boolean;
  secondSent: boolean;
}

/**
 * Referee items whose link was sent at least `minDays` ago, is not expired, with no answer and
 * not recorded as received, of households still being assessed (`stages`), with a reminder left
 * to send. Every agency; one query.
 */
export async function reminderCandidates(db: Db, now: Date, minDays: number, stages: readonly string[]) {
  const found = await rows<Omit<ReminderCandidate, 'linkSentAt'> & { linkSentAt: string | Date }>(
    db,
    sql`select c.id, c.agency_id as "agencyId", c.enquiry_id as "enquiryId", c.link_sent_at as "linkSentAt",
               c.first_reminder_at is not null as "firstSent", c.second_reminder_at is not null as "secondSent"
          from assessment_checks c join enquiries e on e.id = c.enquiry_id
         where c.referee_kind is not null and c.referee_email is not null and c.token_hash is not null
           and c.link_sent_at <= ${now.toISOString()}::timestamptz - make_interval(days => ${minDays}::int)
           and c.token_expires_at > ${now.toISOString()}::timestamptz
           and c.submitted_at is null and c.received_on is null and c.status in ('requested', 'chased')
           and (c.outcome is null or c.outcome <> 'not_needed')
           and c.second_reminder_at is null
           and e.stage in (${sql.join(
             stages.map((s) => sql`${s}`),
             sql`, `,
           )})
         order by c.link_sent_at, c.id`,
  );
  return found.map((r) => ({ ...r, linkSentAt: new Date(r.linkSentAt) }));
}

/**
 * Marks reminder `n` sent, once: the guard (that reminder not yet sent, the same link) is in the
 * write, so a second sweep, or two at once, marks nothing. A reminder counts as a chase.
 */
export async function markReminderSent(
  db: Db,
  id: string,
  n: 1 | 2,
  at: { now: Date; today: string; linkSentAt: Date },
) {
  const column = n === 1 ? assessmentChecks.firstReminderAt : assessmentChecks.secondReminderAt;
  const [row] = await db
    .update(assessmentChecks)
    .set({
      ...(n === 1 ? { firstReminderAt: at.now } : { secondReminderAt: at.now }),
      status: 'chased',
      lastChasedOn: at.today,
      chaseCount: sql`${assessmentChecks.chaseCount} + 1`,
      updatedAt: at.now,
    })
    .where(
      and(
        eq(assessmentChecks.id, id),
        isNull(column),
        isNull(assessmentChecks.submittedAt),
        isNull(assessmentChecks.receivedOn),
        eq(assessmentChecks.linkSentAt, at.linkSentAt),
        inArray(assessmentChecks.status, ['requested', 'chased']),
      ),
    )
    .returning({
      id: assessmentChecks.id,
      refereeName: assessmentChecks.refereeName,
      refereeEmail: assessmentChecks.refereeEmail,
    });
  return row;
}
