import { and, asc, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { people } from '../households/households.table.ts';
import { activeStages } from '../pipeline/stages.ts';
import { tasks } from './tasks.table.ts';

/** A task's identity (its unique key) and who it is for. */
export interface TaskRow {
  enquiryId: string;
  deadline: string;
  state: 'due_soon' | 'overdue';
  dueAt: Date;
  userId: string | null;
}

/** Adds the tasks that do not exist yet; an existing one (open or done) is left as it is. */
export async function insertTasks(db: Db, agencyId: string, rows: readonly TaskRow[]) {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(tasks)
    .values(rows.map((row) => ({ agencyId, ...row })))
    .onConflictDoNothing({ target: [tasks.enquiryId, tasks.deadline, tasks.state, tasks.dueAt] })
    .returning({ id: tasks.id });
  return inserted.length;
}

/**
 * Marks done the open tasks of these households that are not in `current`: the deadline was met,
 * no longer applies, moved (a panel rebooked), or went from due soon to overdue.
 */
export async function closeTasksExcept(
  db: Db,
  agencyId: string,
  enquiryIds: readonly string[],
  current: readonly TaskRow[],
  now: Date,
) {
  if (enquiryIds.length === 0) return 0;
  const keep = current.map(
    (t) =>
      sql`(${t.enquiryId}::uuid, ${t.deadline}::text, ${t.state}::text, ${t.dueAt.toISOString()}::timestamptz)`,
  );
  const closed = await db
    .update(tasks)
    .set({ doneAt: now })
    .where(
      and(
        eq(tasks.agencyId, agencyId),
        inArray(tasks.enquiryId, [...enquiryIds]),
        isNull(tasks.doneAt),
        ...(keep.length
          ? [
              sql`not exists (select 1 from (values ${sql.join(keep, sql`, `)}) as keep(enquiry_id, deadline, state, due_at)
                where keep.enquiry_id = ${tasks.enquiryId} and keep.deadline = ${tasks.deadline}
                  and keep.state = ${tasks.state} and keep.due_at = ${tasks.dueAt})`,
            ]
          : []),
      ),
    )
    .returning({ id: tasks.id });
  return closed.length;
}

/** Open tasks follow the household when it is given to another officer. */
export async function reassignOpenTasks(db: Db, agencyId: string, enquiryIds: readonly string[]) {
  if (enquiryIds.length === 0) return;
  await db.execute(sql`
    update ${tasks} set user_id = e.assigned_officer_id
    from ${enquiries} e
    where e.id = ${tasks.enquiryId} and ${tasks.agencyId} = ${agencyId} and ${tasks.doneAt} is null
      and ${inArray(tasks.enquiryId, [...enquiryIds])}
      and ${tasks.userId} is distinct from e.assigned_officer_id`);
}

/** Closes every open task of households no longer moving through the pipeline (closed, approved). */
export async function closeTasksOfInactiveHouseholds(db: Db, agencyId: string, now: Date) {
  const inactive = db
    .select({ id: enquiries.id })
    .from(enquiries)
    .where(and(eq(enquiries.agencyId, agencyId), notInArray(enquiries.stage, [...activeStages])));
  const closed = await db
    .update(tasks)
    .set({ doneAt: now })
    .where(and(eq(tasks.agencyId, agencyId), isNull(tasks.doneAt), inArray(tasks.enquiryId, inactive)))
    .returning({ id: tasks.id });
  return closed.length;
}

/** An officer's open tasks and the team's unassigned ones, soonest due first. */
export async function openTasksFor(db: Db, agencyId: string, userId: string, limit = 100) {
  return db
    .select({
      id: tasks.id,
      enquiryId: tasks.enquiryId,
      deadline: tasks.deadline,
      state: tasks.state,
      dueAt: tasks.dueAt,
      createdAt: tasks.createdAt,
      userId: tasks.userId,
      applicantNames: sql<string | null>`(
        select string_agg(p.first_name || ' ' || p.last_name, ' and ' order by p.position)
        from ${people} p where p.household_id = ${enquiries.householdId} and p.kind = 'applicant'
      )`,
    })
    .from(tasks)
    .innerJoin(enquiries, eq(enquiries.id, tasks.enquiryId))
    .where(
      and(
        eq(tasks.agencyId, agencyId),
        isNull(tasks.doneAt),
        or(eq(tasks.userId, userId), isNull(tasks.userId)),
      ),
    )
    .orderBy(asc(tasks.dueAt), asc(tasks.createdAt))
    .limit(limit);
}
