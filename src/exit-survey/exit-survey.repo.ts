import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { stageEvents } from '../pipeline/stage-events.table.ts';
import type { Stage } from '../pipeline/stages.ts';
import { exitSurveys } from './exit-survey.table.ts';

export type ExitSurveyRow = typeof exitSurveys.$inferSelect;

/** The stage event that began the household's current spell: its enquiry, or its latest reopening. */
export async function openingEventId(db: Db, agencyId: string, enquiryId: string) {
  const [row] = await db
    .select({ id: sql<number | null>`max(${stageEvents.id})` })
    .from(stageEvents)
    .where(
      and(
        eq(stageEvents.agencyId, agencyId),
        eq(stageEvents.enquiryId, enquiryId),
        eq(stageEvents.stage, 'enquiry'),
      ),
    );
  return row?.id == null ? undefined : Number(row.id);
}

export async function findSurveyForSpell(db: Db, enquiryId: string, openedEventId: number) {
  const [row] = await db
    .select()
    .from(exitSurveys)
    .where(and(eq(exitSurveys.enquiryId, enquiryId), eq(exitSurveys.openedEventId, openedEventId)));
  return row;
}

/** Inserts the spell's survey unless it already has one (unique per spell); undefined if it had. */
export async function insertSurveyOnce(db: Db, values: typeof exitSurveys.$inferInsert) {
  const [row] = await db.insert(exitSurveys).values(values).onConflictDoNothing().returning();
  return row;
}

export async function setSurveyMessage(db: Db, id: string, messageId: string) {
  await db.update(exitSurveys).set({ messageId }).where(eq(exitSurveys.id, id));
}

/** A quiet spell's survey learns which closing ended the spell (only the first closing). */
export async function linkClosing(db: Db, id: string, closeEventId: number) {
  await db
    .update(exitSurveys)
    .set({ closeEventId })
    .where(and(eq(exitSurveys.id, id), isNull(exitSurveys.closeEventId)));
}

export async function findSurvey(db: Db, id: string) {
  const [row] = await db.select().from(exitSurveys).where(eq(exitSurveys.id, id));
  return row;
}

export interface QuietHousehold {
  enquiryId: string;
  agencyId: string;
  stage: Stage;
  openedEventId: number;
}

/**
 * Open households (at `stages`) whose last activity — their latest stage move, contact attempt,
 * place booked at a session (or that session's start), or initial visit arranged (or its date) —
 * is at least `quietDays` and less than `quietDays + windowDays` before `now`; that were not
 * emailed in the last `recentEmailDays` days; whose current spell has no survey yet. Demo and
 * imported households are left out. One set-based query for every agency.
 */
export async function quietHouseholds(
  db: Db,
  options: {
    now: Date;
    stages: readonly string[];
    excludedOrigins: readonly string[];
    quietDays: number;
    windowDays: number;
    recentEmailDays: number;
  },
) {
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const days = (n: number) => sql`make_interval(days => ${n}::int)`;
  return rows<QuietHousehold>(
    db,
    sql`with open_households as (
          select e.id, e.agency_id, e.stage,
                 greatest(
                   e.stage_since,
                   (select max(c.at) from contact_attempts c where c.enquiry_id = e.id),
                   (select max(greatest(b.booked_at, case when b.status <> 'cancelled' then ev.starts_at end))
                      from event_bookings b join events ev on ev.id = b.event_id where b.enquiry_id = e.id),
                   (select max(greatest(v.created_at, case when v.status <> 'cancelled' then v.scheduled_for end))
                      from visits v where v.enquiry_id = e.id)
                 ) as last_activity,
                 (select max(se.id) from stage_events se where se.enquiry_id = e.id and se.stage = 'enquiry') as opened
            from enquiries e
           where e.stage in (${sql.join(
             options.stages.map((s) => sql`${s}`),
             sql`, `,
           )})
             and e.created_via not in (${sql.join(
               options.excludedOrigins.map((s) => sql`${s}`),
               sql`, `,
             )})
        )
        select h.id as "enquiryId", h.agency_id as "agencyId", h.stage, h.opened::text as "openedEventId"
          from open_households h
         where h.opened is not null
           and h.last_activity <= ${now} - ${days(options.quietDays)}
           and h.last_activity > ${now} - ${days(options.quietDays + options.windowDays)}
           and not exists (select 1 from messages m
                            where m.enquiry_id = h.id and m.created_at <= ${now}
                              and m.created_at > ${now} - ${days(options.recentEmailDays)})
           and not exists (select 1 from exit_surveys s where s.enquiry_id = h.id and s.opened_event_id = h.opened)
         order by h.last_activity, h.id`,
  ).then((list) => list.map((r) => ({ ...r, openedEventId: Number(r.openedEventId) })));
}

/**
 * Stores an answer if the survey is still open: not answered and not expired at `now`. The guard
 * is in the write, so two submissions at once save one answer. Returns undefined if nothing was saved.
 */
export async function recordAnswer(
  db: Db,
  id: string,
  answer: { choice: string | null; ownWords: string | null; contactAgain: boolean | null },
  now: Date,
) {
  const [row] = await db
    .update(exitSurveys)
    .set({ ...answer, answeredAt: now })
    .where(and(eq(exitSurveys.id, id), isNull(exitSurveys.answeredAt), gt(exitSurveys.expiresAt, now)))
    .returning({ id: exitSurveys.id });
  return row;
}

/** A household's surveys, newest first, each with the reason recorded at the closing of its spell. */
export async function householdSurveys(db: Db, agencyId: string, enquiryId: string) {
  return db
    .select({
      id: exitSurveys.id,
      trigger: exitSurveys.trigger,
      stage: exitSurveys.stage,
      createdAt: exitSurveys.createdAt,
      expiresAt: exitSurveys.expiresAt,
      answeredAt: exitSurveys.answeredAt,
      choice: exitSurveys.choice,
      ownWords: exitSurveys.ownWords,
      contactAgain: exitSurveys.contactAgain,
      acceptedCode: exitSurveys.acceptedCode,
      acceptedAt: exitSurveys.acceptedAt,
      closeEventId: exitSurveys.closeEventId,
      closeReason: stageEvents.reason,
      closedAt: stageEvents.at,
    })
    .from(exitSurveys)
    .leftJoin(stageEvents, eq(stageEvents.id, exitSurveys.closeEventId))
    .where(and(eq(exitSurveys.agencyId, agencyId), eq(exitSurveys.enquiryId, enquiryId)))
    .orderBy(desc(exitSurveys.createdAt));
}

/** Records the officer's accepted code once; undefined if it was already recorded (or not theirs). */
export async function acceptCode(
  db: Db,
  target: { agencyId: string; enquiryId: string; surveyId: string },
  decision: { code: string; userId: string | null; at: Date },
) {
  const [row] = await db
    .update(exitSurveys)
    .set({ acceptedCode: decision.code, acceptedBy: decision.userId, acceptedAt: decision.at })
    .where(
      and(
        eq(exitSurveys.id, target.surveyId),
        eq(exitSurveys.agencyId, target.agencyId),
        eq(exitSurveys.enquiryId, target.enquiryId),
        isNull(exitSurveys.acceptedCode),
      ),
    )
    .returning({ id: exitSurveys.id });
  return row;
}

export interface DueClosing {
  enquiryId: string;
  agencyId: string;
  stage: Stage;
  closeEventId: number;
  openedEventId: number;
}

/**
 * Closings to ask about: moves to `closed` for one of `reasons`, recorded since `recordedSince`
 * and within `lateDays` of the day they happened; the household is still closed by that event
 * (not reopened since); its spell has no survey yet; not demo or imported history.
 */
export async function dueClosings(
  db: Db,
  options: {
    recordedSince: Date;
    reasons: readonly string[];
    excludedOrigins: readonly string[];
    lateDays: number;
  },
) {
  const list = (values: readonly string[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
  const found = await rows<Omit<DueClosing, 'closeEventId' | 'openedEventId'> & Record<string, string>>(
    db,
    sql`select c.enquiry_id as "enquiryId", c.agency_id as "agencyId", c.from_stage as stage,
               c.id::text as "closeEventId", c.opened::text as "openedEventId"
          from (select se.*, (select max(o.id) from stage_events o
                               where o.enquiry_id = se.enquiry_id and o.stage = 'enquiry' and o.id < se.id) as opened
                  from stage_events se
                 where se.stage = 'closed'
                   and se.reason in (${list(options.reasons)})
                   and se.recorded_at >= ${options.recordedSince.toISOString()}::timestamptz
                   and se.at > se.recorded_at - make_interval(days => ${options.lateDays}::int)) c
          join enquiries e on e.id = c.enquiry_id
         where e.stage = 'closed'
           and e.created_via not in (${list(options.excludedOrigins)})
           and c.opened is not null
           and not exists (select 1 from stage_events later where later.enquiry_id = c.enquiry_id and later.id > c.id)
           and not exists (select 1 from exit_surveys s where s.enquiry_id = c.enquiry_id and s.opened_event_id = c.opened)
         order by c.id`,
  );
  return found.map((r) => ({
    enquiryId: r.enquiryId,
    agencyId: r.agencyId,
    stage: r.stage as Stage,
    closeEventId: Number(r.closeEventId),
    openedEventId: Number(r.openedEventId),
  }));
}

/**
 * Gives each quiet survey still waiting for its closing the first closing of its spell (any
 * reason: the officer's view of the answer needs to know what was recorded). Returns how many.
 */
export async function linkQuietSurveysToClosings(db: Db) {
  const linked = await rows<{ id: string }>(
    db,
    sql`update exit_surveys s
           set close_event_id = (select min(se.id) from stage_events se
                                  where se.enquiry_id = s.enquiry_id and se.stage = 'closed' and se.id > s.opened_event_id)
         where s.close_event_id is null
           and exists (select 1 from stage_events se
                        where se.enquiry_id = s.enquiry_id and se.stage = 'closed' and se.id > s.opened_event_id)
     returning s.id`,
  );
  return linked.length;
}
