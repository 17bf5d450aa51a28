import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { hubColumns, hubConditions, type HubFilters } from './hub-columns.repo.ts';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { households, people } from '../households/households.table.ts';
import type { Stage } from '../pipeline/stages.ts';
import type { Route } from './enquiry-options.ts';
import { compactPostcode, emailKey, looseNameKey } from '../shared/identity.ts';
import { memoRead } from '../shared/request-memo.ts';
import { users } from '../users/users.table.ts';
import { enquiries } from './enquiries.table.ts';

const officers = alias(users, 'officer');

/** Applicants' names as one string: "Sam Jones and Alex Jones". */
const applicantNames = sql<string>`(
  select string_agg(p.first_name || ' ' || p.last_name, ' and ' order by p.position)
  from ${people} p where p.household_id = ${enquiries.householdId} and p.kind = 'applicant'
)`.as('applicant_names');

const summaryColumns = {
  id: enquiries.id,
  householdId: enquiries.householdId,
  stage: enquiries.stage,
  stageSince: enquiries.stageSince,
  route: enquiries.route,
  channel: enquiries.channel,
  receivedAt: enquiries.receivedAt,
  campaignCode: enquiries.campaignCode,
  firstContactDueAt: enquiries.firstContactDueAt,
  firstContactedAt: enquiries.firstContactedAt,
  assignedOfficerId: enquiries.assignedOfficerId,
  assignedOfficerName: officers.name,
  postcode: households.postcode,
  applicantNames,
  ...hubColumns,
};
export type EnquirySummary = Awaited<ReturnType<typeof listEnquiries>>['items'][number];

export async function findEnquiry(db: Db, agencyId: string, id: string) {
  const [row] = await memoRead(db, `enquiry ${id}@${agencyId}`, () =>
    db
      .select({
        ...summaryColumns,
        placedOn: enquiries.placedOn,
        heardAbout: enquiries.heardAbout,
        sourceEventId: enquiries.sourceEventId,
        version: enquiries.version,
        possibleDuplicates: enquiries.possibleDuplicates,
        createdVia: enquiries.createdVia,
        createdAt: enquiries.createdAt,
        updatedAt: enquiries.updatedAt,
      })
      .from(enquiries)
      .innerJoin(households, eq(households.id, enquiries.householdId))
      .leftJoin(officers, eq(officers.id, enquiries.assignedOfficerId))
      .where(and(eq(enquiries.agencyId, agencyId), eq(enquiries.id, id))),
  );
  return row && { ...row };
}

export async function enquiriesOfHousehold(db: Db, agencyId: string, householdId: string) {
  return db
    .select({
      id: enquiries.id,
      stage: enquiries.stage,
      receivedAt: enquiries.receivedAt,
      stageSince: enquiries.stageSince,
    })
    .from(enquiries)
    .where(and(eq(enquiries.agencyId, agencyId), eq(enquiries.householdId, householdId)))
    .orderBy(desc(enquiries.receivedAt));
}

export async function setAssignedOfficer(db: Db, agencyId: string, id: string, officerId: string | null) {
  const [row] = await db
    .update(enquiries)
    .set({ assignedOfficerId: officerId, updatedAt: new Date() })
    .where(and(eq(enquiries.agencyId, agencyId), eq(enquiries.id, id)))
    .returning({ id: enquiries.id });
  return row;
}

export async function setFirstContacted(db: Db, agencyId: string, id: string, at: Date) {
  await db
    .update(enquiries)
    .set({
      firstContactedAt: sql`least(coalesce(${enquiries.firstContactedAt}, ${at}), ${at})`,
      updatedAt: new Date(),
    })
    .where(and(eq(enquiries.agencyId, agencyId), eq(enquiries.id, id)));
}

export async function clearPossibleDuplicates(db: Db, agencyId: string, id: string) {
  await db
    .update(enquiries)
    .set({ possibleDuplicates: [] })
    .where(and(eq(enquiries.agencyId, agencyId), eq(enquiries.id, id)));
}

export async function setEqualityTokenHash(db: Db, id: string, hash: string | null) {
  await db.update(enquiries).set({ equalityTokenHash: hash }).where(eq(enquiries.id, id));
}

export async function findByEqualityTokenHash(db: Db, hash: string) {
  const [row] = await db
    .select({
      id: enquiries.id,
      agencyId: enquiries.agencyId,
      householdId: enquiries.householdId,
      createdAt: enquiries.createdAt,
    })
    .from(enquiries)
    .where(eq(enquiries.equalityTokenHash, hash));
  return row;
}

export interface ListFilters extends HubFilters {
  stage?: Stage | 'active';
  q?: string;
  officerId?: string | 'none';
  channel?: string;
  route?: Route;
  receivedFrom?: Date;
  receivedBefore?: Date;
  overdueFirstContact?: { now: Date };
}

const likeEscape = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Matches a name, email, phone number or postcode, as typed into the search box, on the identity
 * keys of shared/identity.ts: "o’brien", "OBrien" and "O'Brien" find O'Brien; "lefevre" finds
 * Lefèvre; "016977 3456" and "+44 16977 3456" find the same number; "bfpo 12" finds BFPO 12.
 */
function searchCondition(q: string): SQL {
  const name = looseNameKey(q);
  const email = emailKey(q);
  const postcode = compactPostcode(q);
  // Phone: what was typed, as digits of the E.164 key (a leading trunk 0 is not in E.164).
  const digits = q.replace(/\D/g, '');
  const phoneDigits = q.trim().startsWith('+') ? digits : digits.replace(/^0/, '');
  const personMatches = [
    ...(name ? [sql`p.name_key like ${`%${likeEscape(name)}%`}`] : []),
    sql`p.email_key like ${`%${likeEscape(email)}%`}`,
    ...(digits.length >= 5 ? [sql`p.phone_e164 like ${`%${likeEscape(phoneDigits)}%`}`] : []),
  ];
  return or(
    sql`exists (select 1 from ${people} p where p.household_id = ${enquiries.householdId} and (${or(...personMatches)}))`,
    sql`replace(${households.postcode}, ' ', '') like ${`${likeEscape(postcode)}%`}`,
  )!;
}

function filterConditions(agencyId: string, f: ListFilters): SQL[] {
  const conditions: SQL[] = [eq(enquiries.agencyId, agencyId)];
  if (f.stage === 'active') {
    conditions.push(
      inArray(enquiries.stage, ['enquiry', 'initial_visit', 'application', 'assessment', 'panel']),
    );
  } else if (f.stage) conditions.push(eq(enquiries.stage, f.stage));
  if (f.officerId === 'none') conditions.push(isNull(enquiries.assignedOfficerId));
  else if (f.officerId) conditions.push(eq(enquiries.assignedOfficerId, f.officerId));
  if (f.channel) conditions.push(eq(enquiries.channel, f.channel as never));
  if (f.route) conditions.push(eq(enquiries.route, f.route));
  if (f.receivedFrom) conditions.push(sql`${enquiries.receivedAt} >= ${f.receivedFrom}`);
  if (f.receivedBefore) conditions.push(lt(enquiries.receivedAt, f.receivedBefore));
  if (f.overdueFirstContact) {
    conditions.push(
      isNull(enquiries.firstContactedAt),
      lt(enquiries.firstContactDueAt, f.overdueFirstContact.now),
    );
    conditions.push(eq(enquiries.stage, 'enquiry'));
  }
  if (f.q) conditions.push(searchCondition(f.q));
  return [...conditions, ...hubConditions(f)];
}

/** Newest first, keyset-paginated on (received_at, id) by its index: page 100 costs what page 1 does. */
export async function listEnquiries(
  db: Db,
  agencyId: string,
  filters: ListFilters,
  page: { limit: number; after?: { receivedAt: Date; id: string } },
) {
  const conditions = filterConditions(agencyId, filters);
  if (page.after) {
    conditions.push(
      sql`(${enquiries.receivedAt}, ${enquiries.id}) < (${page.after.receivedAt}, ${page.after.id})`,
    );
  }
  const rows = await db
    .select(summaryColumns)
    .from(enquiries)
    .innerJoin(households, eq(households.id, enquiries.householdId))
    .leftJoin(officers, eq(officers.id, enquiries.assignedOfficerId))
    .where(and(...conditions))
    // As enquiries_agency_received_idx is built; DESC alone (NULLS FIRST) made every page sort them all.
    .orderBy(sql`${enquiries.receivedAt} desc nulls last`, sql`${enquiries.id} desc nulls last`)
    .limit(page.limit + 1);
  return { items: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}

export async function countEnquiries(db: Db, agencyId: string, filters: ListFilters) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enquiries)
    .innerJoin(households, eq(households.id, enquiries.householdId))
    .where(and(...filterConditions(agencyId, filters)));
  return row!.n;
}

/** The households that have waited longest in each of these stages, `perStage` each. */
export async function longestWaiting(
  db: Db,
  agencyId: string,
  stageList: readonly Stage[],
  perStage: number,
  officerId?: string,
) {
  const ranked = db
    .select({
      ...summaryColumns,
      rank: sql<number>`row_number() over (partition by ${enquiries.stage} order by ${enquiries.stageSince}, ${enquiries.id})`.as(
        'rank',
      ),
    })
    .from(enquiries)
    .innerJoin(households, eq(households.id, enquiries.householdId))
    .leftJoin(officers, eq(officers.id, enquiries.assignedOfficerId))
    .where(
      and(
        eq(enquiries.agencyId, agencyId),
        inArray(enquiries.stage, [...stageList]),
        ...(officerId ? [eq(enquiries.assignedOfficerId, officerId)] : []),
      ),
    )
    .as('ranked');
  return db
    .select()
    .from(ranked)
    .where(sql`${ranked.rank} <= ${perStage}`)
    .orderBy(ranked.stageSince);
}

/** New enquiries nobody has contacted yet, soonest due first: the officer's call-back list. */
export async function uncontacted(db: Db, agencyId: string, officerId: string | undefined, limit = 50) {
  return db
    .select(summaryColumns)
    .from(enquiries)
    .innerJoin(households, eq(households.id, enquiries.householdId))
    .leftJoin(officers, eq(officers.id, enquiries.assignedOfficerId))
    .where(
      and(
        eq(enquiries.agencyId, agencyId),
        eq(enquiries.stage, 'enquiry'),
        isNull(enquiries.firstContactedAt),
        ...(officerId
          ? [or(eq(enquiries.assignedOfficerId, officerId), isNull(enquiries.assignedOfficerId))!]
          : []),
      ),
    )
    .orderBy(asc(enquiries.firstContactDueAt))
    .limit(limit);
}

/** The name of the officer looking after an enquiry, for the ((officer_name)) placeholder. */
export async function assignedOfficerName(db: Db, agencyId: string, enquiryId: string) {
  const [row] = await db
    .select({ name: users.name })
    .from(enquiries)
    .innerJoin(users, eq(users.id, enquiries.assignedOfficerId))
    .where(and(eq(enquiries.agencyId, agencyId), eq(enquiries.id, enquiryId)));
  return row?.name;
}

/**
 * Locks the household's enquiry row: arranging a visit checks "none arranged yet" and then inserts,
 * and two officers doing that at once must not both succeed.
 */
export async function lockEnquiry(db: Db, agencyId: string, enquiryId: string) {
  const [row] = await db
    .select({ id: enquiries.id })
    .from(enquiries)
    .where(and(eq(enquiries.agencyId, agencyId), eq(enquiries.id, enquiryId)))
    .for('update');
  return row;
}

/** Enquiries credited to the campaign (first touch), however long ago. */
export async function countEnquiriesWithCode(db: Db, agencyId: string, code: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enquiries)
    .where(and(eq(enquiries.agencyId, agencyId), sql`upper(${enquiries.campaignCode}) = upper(${code})`));
  return row!.n;
}
