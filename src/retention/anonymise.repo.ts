import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/db-type.ts';
import { rows } from '../db/rows.ts';
import { uuidArray } from './retention.repo.ts';

/** What replaces a name, a subject or a body once destroyed. */
export const ANONYMISED = 'Anonymised';

/** Runs `with changed as (<write> returning 1) select count(*)`: the rows a write really changed. */
async function countOf(db: Db, write: SQL) {
  const [row] = await rows<{ n: number }>(
    db,
    sql`with changed as (${write} returning 1) select count(*)::int as n from changed`,
  );
  return row!.n;
}

export interface HouseholdIdentity {
  personIds: string[];
  enquiryIds: string[];
  people: {
    firstName: string;
    lastName: string;
    email: string | null;
    phone: string | null;
    phoneE164: string | null;
    postcode: string;
  }[];
}

/** The ids and the identifying values of the households, read before anything is destroyed. */
export async function householdIdentity(
  db: Db,
  agencyId: string,
  householdIds: readonly string[],
): Promise<HouseholdIdentity> {
  const ids = uuidArray(householdIds);
  const people = await rows<HouseholdIdentity['people'][number] & { id: string }>(
    db,
    sql`select p.id, p.first_name as "firstName", p.last_name as "lastName", p.email, p.phone,
          p.phone_e164 as "phoneE164", h.postcode
        from people p join households h on h.id = p.household_id
        where p.agency_id = ${agencyId} and p.household_id = any(${ids})`,
  );
  const enquiries = await rows<{ id: string }>(
    db,
    sql`select id from enquiries where agency_id = ${agencyId} and household_id = any(${ids})`,
  );
  return { personIds: people.map((p) => p.id), enquiryIds: enquiries.map((e) => e.id), people };
}

/** Address beyond the postcode district goes ("NR1 3QU" → "NR1", "BFPO 1234" → "BFPO"). */
export const anonymiseHouseholdRows = (
  db: Db,
  agencyId: string,
  householdIds: readonly string[],
  cause: string,
  at: Date,
) =>
  countOf(
    db,
    sql`update households set address_line1 = null, address_line2 = null, town = null,
          postcode = split_part(postcode, ' ', 1), preferences = '{}'::jsonb,
          anonymised_at = coalesce(anonymised_at, ${at}), anonymised_cause = coalesce(anonymised_cause, ${cause}),
          updated_at = ${at}
        where agency_id = ${agencyId} and id = any(${uuidArray(householdIds)})
          and (address_line1 is not null or address_line2 is not null or town is not null
               or postcode like '% %' or preferences <> '{}'::jsonb or anonymised_at is null)`,
  );

/** Names become the placeholder (with its own identity keys), contact details go, the birth date keeps its year. */
export const anonymisePeopleRows = (
  db: Db,
  agencyId: string,
  householdIds: readonly string[],
  keys: { lastNameKey: string; nameKey: string },
  at: Date,
) =>
  countOf(
    db,
    sql`update people set first_name = ${ANONYMISED}, last_name = ${ANONYMISED}, email = null, phone = null,
          email_key = null, phone_e164 = null, last_name_key = ${keys.lastNameKey}, name_key = ${keys.nameKey},
          birth_year = coalesce(birth_year, extract(year from date_of_birth)::smallint), date_of_birth = null,
          updated_at = ${at}
        where agency_id = ${agencyId} and household_id = any(${uuidArray(householdIds)})
          and (first_name <> ${ANONYMISED} or last_name <> ${ANONYMISED} or email is not null or phone is not null
               or email_key is not null or phone_e164 is not null or date_of_birth is not null
               or last_name_key is distinct from ${keys.lastNameKey} or name_key is distinct from ${keys.nameKey})`,
  );

/** Stage events are append-only; their counted facts stay and only the free-text note goes (crm.erasure, this transaction only). */
export async function clearStageEventNotes(db: Db, enquiryIds: readonly string[]) {
  await db.execute(sql`select set_config('crm.erasure', 'on', true)`);
  const n = await countOf(
    db,
    sql`update stage_events set note = null where enquiry_id = any(${uuidArray(enquiryIds)}) and note is not null`,
  );
  await db.execute(sql`select set_config('crm.erasure', 'off', true)`);
  return n;
}

export const clearContactNotes = (db: Db, enquiryIds: readonly string[]) =>
  countOf(
    db,
    sql`update contact_attempts set note = null where enquiry_id = any(${uuidArray(enquiryIds)}) and note is not null`,
  );

export const clearNoteBodies = (db: Db, enquiryIds: readonly string[]) =>
  countOf(
    db,
    sql`update notes set body = ${ANONYMISED} where enquiry_id = any(${uuidArray(enquiryIds)}) and body <> ${ANONYMISED}`,
  );

/** What applicants wrote in the exit survey is theirs and may name people: it goes; their choice (a code) stays. */
export const clearExitSurveyWords = (db: Db, enquiryIds: readonly string[]) =>
  countOf(
    db,
    sql`update exit_surveys set own_words = null where enquiry_id = any(${uuidArray(enquiryIds)}) and own_words is not null`,
  );

/** A connected person's temporary approval extension: why it was extended is free text about the household. */
export const clearExtensionReasons = (db: Db, enquiryIds: readonly string[]) =>
  countOf(
    db,
    sql`update temporary_approval_extensions set reason = ${ANONYMISED}
        where enquiry_id = any(${uuidArray(enquiryIds)}) and reason <> ${ANONYMISED}`,
  );

export const clearEqualityTokens = (db: Db, enquiryIds: readonly string[]) =>
  countOf(
    db,
    sql`update enquiries set equality_token_hash = null where id = any(${uuidArray(enquiryIds)}) and equality_token_hash is not null`,
  );

/** Outbox rows: the address, subject, bodies and any delivery error (it may echo the address) go; status and dates stay. */
export const anonymiseMessages = (
  db: Db,
  agencyId: string,
  enquiryIds: readonly string[],
  personIds: readonly string[],
) =>
  countOf(
    db,
    sql`update messages set to_address = ${ANONYMISED}, subject = ${ANONYMISED}, body_text = ${ANONYMISED},
          body_html = ${ANONYMISED}, last_error = null
        where agency_id = ${agencyId}
          and (enquiry_id = any(${uuidArray(enquiryIds)}) or person_id = any(${uuidArray(personIds)}))
          and (to_address <> ${ANONYMISED} or subject <> ${ANONYMISED} or body_text <> ${ANONYMISED}
               or body_html <> ${ANONYMISED} or last_error is not null)`,
  );

/**
 * The assessment checklist (issue 18): referees' names and emails, their online answers and the
 * link's secret, and notes on outcomes go; what was checked, when, and the outcome code stay. A
 * manager's reason for booking panel with checks outstanding is free text about the household too.
 */
export async function clearAssessmentCheckWords(db: Db, enquiryIds: readonly string[]) {
  const ids = uuidArray(enquiryIds);
  const checks = await countOf(
    db,
    sql`update assessment_checks set referee_name = null, referee_email = null, answers = null,
          token_hash = null, outcome_note = null
        where enquiry_id = any(${ids})
          and (referee_name is not null or referee_email is not null or answers is not null
               or token_hash is not null or outcome_note is not null)`,
  );
  const overrides = await countOf(
    db,
    sql`update panel_cases set checks_override_reason = ${ANONYMISED}
        where enquiry_id = any(${ids}) and checks_override_reason <> ${ANONYMISED}`,
  );
  return checks + overrides;
}

/** Equality answers are special category data (UK GDPR Art. 9) with no retention duty: deleted. */
export const deleteEqualityAnswers = (db: Db, personIds: readonly string[]) =>
  countOf(db, sql`delete from equality_monitoring where person_id = any(${uuidArray(personIds)})`);

/** Free text about a household elsewhere: hold reasons and disposal decisions' reasons. */
export async function clearHoldAndDecisionReasons(db: Db, agencyId: string, householdIds: readonly string[]) {
  const ids = uuidArray(householdIds);
  const holds = await countOf(
    db,
    sql`update legal_holds set reason = ${ANONYMISED}, lift_reason = null
        where agency_id = ${agencyId} and household_id = any(${ids}) and lifted_at is not null
          and (reason <> ${ANONYMISED} or lift_reason is not null)`,
  );
  const decisions = await countOf(
    db,
    sql`update disposal_decisions set reason = null
        where agency_id = ${agencyId} and household_id = any(${ids}) and reason is not null`,
  );
  return holds + decisions;
}

/** Stored API replays (24 hours) and form replays whose text names one of the ids. */
export async function deleteReplaysMentioning(db: Db, ids: readonly string[], patterns: readonly string[]) {
  const likeAny = sql`any(${`{${[...ids, ...patterns].map((p) => `"${likeEscape(p).replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[])`;
  const keys = await countOf(
    db,
    sql`delete from idempotency_keys where response_body is not null and response_body::text ilike ${likeAny}`,
  );
  const tokens = await countOf(db, sql`delete from submission_tokens where location ilike ${likeAny}`);
  return keys + tokens;
}

/** `%value%` for ILIKE, with LIKE's own wildcards in the value taken literally. */
const likeEscape = (value: string) => `%${value.replace(/[\\%_]/g, '\\$&')}%`;

/** Rows of a table whose text mentions any of the values (case-insensitive), for the caller to redact. */
export async function rowsMentioning(
  db: Db,
  table: 'audit_events' | 'panels' | 'saved_views' | 'held_submissions' | 'sessions',
  agencyId: string,
  values: readonly string[],
  alsoEntityIds: readonly string[] = [],
) {
  if (values.length === 0 && alsoEntityIds.length === 0) return [];
  const patterns = sql`any(${`{${values.map((v) => `"${likeEscape(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[])`;
  const agency =
    table === 'sessions'
      ? sql`user_id in (select id from users where agency_id = ${agencyId})`
      : sql`agency_id = ${agencyId}`;
  const [key, text] = {
    audit_events: [sql`id::text`, sql`coalesce(changes::text, '') || ' ' || entity_id`],
    panels: [sql`id::text`, sql`coalesce(notes, '')`],
    saved_views: [sql`id::text`, sql`name || ' ' || query`],
    held_submissions: [sql`id::text`, sql`input::text`],
    sessions: [sql`id_hash`, sql`coalesce(flash::text, '')`],
  }[table];
  const entity =
    table === 'audit_events' && alsoEntityIds.length
      ? sql`or entity_id = any(${`{${alsoEntityIds.join(',')}}`}::text[])`
      : sql``;
  return rows<{ key: string; text: string }>(
    db,
    sql`select ${key} as key, ${text} as text from ${sql.identifier(table)}
        where ${agency} and (${text} ilike ${patterns} ${entity})`,
  );
}

export async function updateAuditChanges(db: Db, id: string, changes: unknown) {
  await db.execute(
    sql`update audit_events set changes = ${JSON.stringify(changes)}::jsonb where id = ${id}::bigint`,
  );
}

export async function auditChanges(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return rows<{ id: string; entityId: string; changes: unknown }>(
    db,
    sql`select id::text as id, entity_id as "entityId", changes from audit_events
        where id = any(${`{${ids.join(',')}}`}::bigint[])`,
  );
}

export const setPanelNotes = (db: Db, id: string, notes: string) =>
  db.execute(sql`update panels set notes = ${notes} where id = ${id}::uuid`);

export const deleteSavedViews = (db: Db, ids: readonly string[]) =>
  countOf(db, sql`delete from saved_views where id = any(${uuidArray(ids)})`);

export const deleteHeldSubmissions = (db: Db, ids: readonly string[]) =>
  countOf(db, sql`delete from held_submissions where id = any(${uuidArray(ids)})`);

export const clearSessionFlash = (db: Db, idHashes: readonly string[]) =>
  countOf(
    db,
    sql`update sessions set flash = null where id_hash = any(${`{${idHashes.join(',')}}`}::text[])`,
  );
