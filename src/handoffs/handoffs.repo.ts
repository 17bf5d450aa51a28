import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { agencies } from '../agencies/agencies.table.ts';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { households } from '../households/households.table.ts';
import { handoffs, type HandoffStatus } from './handoffs.table.ts';

/** The agency's kind and hub, to decide which side of a hand-off a user is on. */
export async function agencyKind(db: Db, agencyId: string) {
  const [row] = await db
    .select({ id: agencies.id, kind: agencies.kind, hubId: agencies.hubId, name: agencies.name })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  return row;
}

/** The hub's member councils, by name. */
export async function memberCouncils(db: Db, hubId: string) {
  return db
    .select({ id: agencies.id, name: agencies.name, code: agencies.slug })
    .from(agencies)
    .where(and(eq(agencies.hubId, hubId), eq(agencies.kind, 'council')))
    .orderBy(asc(agencies.name));
}

/** The hub's enquiry, locked for the offer (null when it is not the hub's). */
export async function enquiryAtHub(tx: Db, hubId: string, enquiryId: string) {
  const [row] = await tx
    .select({
      id: enquiries.id,
      stage: enquiries.stage,
      householdId: enquiries.householdId,
      preferredCouncilId: enquiries.preferredCouncilId,
      homeCouncilId: enquiries.homeCouncilId,
    })
    .from(enquiries)
    .where(and(eq(enquiries.id, enquiryId), eq(enquiries.agencyId, hubId)))
    .for('update');
  return row;
}

export async function openOfferFor(db: Db, enquiryId: string) {
  const [row] = await db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.enquiryId, enquiryId), eq(handoffs.status, 'offered')));
  return row;
}

export async function insertHandoff(tx: Db, values: typeof handoffs.$inferInsert) {
  const [row] = await tx.insert(handoffs).values(values).returning();
  return row!;
}

/** An open offer to this council, locked for its answer. */
export async function offerToCouncil(tx: Db, councilId: string, id: string) {
  const [row] = await tx
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.id, id), eq(handoffs.councilId, councilId)))
    .for('update');
  return row;
}

/** The enquiry's stage now, locked with its row (the accept must not race a closure at the hub). */
export async function enquiryStageForUpdate(tx: Db, enquiryId: string) {
  const [row] = await tx
    .select({ stage: enquiries.stage })
    .from(enquiries)
    .where(eq(enquiries.id, enquiryId))
    .for('update');
  return row?.stage;
}

/** Records the answer, only while the offer is still open; null when it was answered meanwhile. */
export async function decideHandoff(
  tx: Db,
  id: string,
  values: {
    status: Exclude<HandoffStatus, 'offered'>;
    decidedAt: Date;
    decidedBy: string | null;
    returnReason?: string;
  },
) {
  const [row] = await tx
    .update(handoffs)
    .set(values)
    .where(and(eq(handoffs.id, id), eq(handoffs.status, 'offered')))
    .returning();
  return row;
}

/** Every hand-off of one enquiry, newest first (the hub's household page). */
export async function handoffsOfEnquiry(db: Db, hubId: string, enquiryId: string) {
  return db
    .select({
      id: handoffs.id,
      status: handoffs.status,
      councilName: agencies.name,
      note: handoffs.note,
      returnReason: handoffs.returnReason,
      offeredAt: handoffs.offeredAt,
      dueAt: handoffs.dueAt,
      decidedAt: handoffs.decidedAt,
    })
    .from(handoffs)
    .innerJoin(agencies, eq(agencies.id, handoffs.councilId))
    .where(and(eq(handoffs.hubId, hubId), eq(handoffs.enquiryId, enquiryId)))
    .orderBy(desc(handoffs.offeredAt), desc(handoffs.createdAt));
}

/** Open offers whose answer was due before `before`, oldest first (for the time-out sweep). */
export async function overdueOffers(db: Db, before: Date) {
  return db
    .select({ id: handoffs.id, hubId: handoffs.hubId, councilId: handoffs.councilId, dueAt: handoffs.dueAt })
    .from(handoffs)
    .where(and(eq(handoffs.status, 'offered'), lt(handoffs.dueAt, before)))
    .orderBy(asc(handoffs.dueAt), asc(handoffs.id));
}

export interface HandoffListRow {
  id: string;
  enquiry_id: string;
  status: HandoffStatus;
  hub_name: string;
  council_name: string;
  council_code: string;
  offered_at: Date;
  due_at: Date;
  decided_at: Date | null;
  note: string | null;
  return_reason: string | null;
  /** Personal and casework fields: null unless this agency may see the household (see below). */
  names: string | null;
  postcode: string | null;
  stage: string | null;
  received_at: Date | null;
  campaign_code: string | null;
  contact_attempts: number | null;
  notes: number | null;
  initial_visit_at: Date | null;
}

/**
 * Hand-offs where `agencyId` is the hub or the council, newest first. The household's details
 * (names, postcode, stage and the hub-era summary) are filled in only where this agency may see the
 * household: it holds it (the hub before acceptance, the council after), or it is the council an
 * open offer is made to (it needs them to decide). Otherwise they are null: a council does not see a
 * household it returned or let time out, and the hub does not see one it handed off.
 */
export async function listHandoffs(
  db: Db,
  agencyId: string,
  filter: { status?: HandoffStatus; enquiryId?: string; limit: number },
): Promise<HandoffListRow[]> {
  const conditions: SQL[] = [sql`(h.hub_id = ${agencyId} or h.council_id = ${agencyId})`];
  if (filter.status) conditions.push(sql`h.status = ${filter.status}`);
  if (filter.enquiryId) conditions.push(sql`h.enquiry_id = ${filter.enquiryId}`);
  const visible = sql`(e.agency_id = ${agencyId} or (h.council_id = ${agencyId} and h.status = 'offered'))`;
  const shown = (expr: SQL) => sql`case when ${visible} then ${expr} end`;
  return rows<HandoffListRow>(
    db,
    sql`select h.id, h.enquiry_id, h.status, hub.name as hub_name, c.name as council_name, c.slug as council_code,
          h.offered_at, h.due_at, h.decided_at,
          ${shown(sql`h.note`)} as note, h.return_reason,
          ${shown(sql`(select string_agg(p.first_name || ' ' || p.last_name, ' and ' order by p.position)
                         from people p where p.household_id = e.household_id and p.kind = 'applicant')`)} as names,
          ${shown(sql`hh.postcode`)} as postcode,
          ${shown(sql`e.stage`)} as stage,
          ${shown(sql`e.received_at`)} as received_at,
          ${shown(sql`e.campaign_code`)} as campaign_code,
          ${shown(sql`(select count(*)::int from contact_attempts a where a.enquiry_id = e.id)`)} as contact_attempts,
          ${shown(sql`(select count(*)::int from notes n where n.enquiry_id = e.id)`)} as notes,
          ${shown(sql`(select max(s.at) from stage_events s where s.enquiry_id = e.id and s.stage = 'initial_visit')`)} as initial_visit_at
        from handoffs h
        join enquiries e on e.id = h.enquiry_id
        join ${households} hh on hh.id = e.household_id
        join agencies hub on hub.id = h.hub_id
        join agencies c on c.id = h.council_id
        where ${sql.join(conditions, sql` and `)}
        order by h.offered_at desc, h.id desc
        limit ${filter.limit}`,
  );
}

/**
 * Anonymisation (src/retention/): the hub's note and the council's return reason may name people,
 * so they go with the household's other free text. A returned offer must keep a reason (a check
 * constraint), so it becomes the placeholder. Returns the rows changed (0 on a second run).
 */
export async function clearHandoffTexts(tx: Db, enquiryIds: readonly string[], placeholder: string) {
  if (enquiryIds.length === 0) return 0;
  const changed = await tx
    .update(handoffs)
    .set({
      note: null,
      returnReason: sql`case when ${handoffs.returnReason} is null then null else ${placeholder} end`,
    })
    .where(
      and(
        inArray(handoffs.enquiryId, [...enquiryIds]),
        sql`(${handoffs.note} is not null or ${handoffs.returnReason} <> ${placeholder})`,
      ),
    )
    .returning({ id: handoffs.id });
  return changed.length;
}

/**
 * Subject access (src/subject-access/): the hand-offs of these enquiries that this agency took part
 * in (as hub or council), oldest first, with both agencies' names, the note and any return reason.
 */
export async function handoffsAbout(db: Db, agencyId: string, enquiryIds: readonly string[]) {
  if (enquiryIds.length === 0) return [];
  return rows<{
    id: string;
    enquiryId: string;
    status: HandoffStatus;
    hub: string;
    council: string;
    offeredAt: Date;
    decidedAt: Date | null;
    note: string | null;
    returnReason: string | null;
  }>(
    db,
    sql`select h.id, h.enquiry_id as "enquiryId", h.status, hub.name as hub, c.name as council,
          h.offered_at as "offeredAt", h.decided_at as "decidedAt", h.note, h.return_reason as "returnReason"
        from handoffs h join agencies hub on hub.id = h.hub_id join agencies c on c.id = h.council_id
        where (h.hub_id = ${agencyId} or h.council_id = ${agencyId})
          and h.enquiry_id in (${sql.join(
            enquiryIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
        order by h.offered_at, h.id`,
  );
}
