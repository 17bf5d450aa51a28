import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';

/**
 * The records an import writes (households, people, enquiries, stage events, consents, notes),
 * each tagged with its batch; the rollback that deletes them; and what blocks that rollback.
 */

/** Columns of each table an import writes, with their types (the JSON keys are the column names). */
const importColumns = {
  households: {
    id: 'uuid',
    agency_id: 'uuid',
    postcode: 'text',
    in_area: 'boolean',
    import_batch_id: 'uuid',
  },
  people: {
    id: 'uuid',
    agency_id: 'uuid',
    household_id: 'uuid',
    kind: 'text',
    position: 'smallint',
    first_name: 'text',
    last_name: 'text',
    email: 'text',
    phone: 'text',
    email_key: 'text',
    phone_e164: 'text',
    last_name_key: 'text',
    name_key: 'text',
    import_batch_id: 'uuid',
  },
  enquiries: {
    id: 'uuid',
    agency_id: 'uuid',
    household_id: 'uuid',
    received_at: 'timestamptz',
    channel: 'text',
    route: 'text',
    campaign_code: 'text',
    stage: 'text',
    stage_since: 'timestamptz',
    version: 'integer',
    first_contact_due_at: 'timestamptz',
    first_contacted_at: 'timestamptz',
    created_via: 'text',
    created_by: 'uuid',
    import_batch_id: 'uuid',
  },
  stage_events: {
    agency_id: 'uuid',
    enquiry_id: 'uuid',
    from_stage: 'text',
    stage: 'text',
    at: 'timestamptz',
    reason: 'text',
    note: 'text',
    recorded_by: 'uuid',
    import_batch_id: 'uuid',
  },
  consents: {
    agency_id: 'uuid',
    person_id: 'uuid',
    channel: 'text',
    granted: 'boolean',
    wording: 'text',
    source: 'text',
    recorded_by: 'uuid',
    import_batch_id: 'uuid',
  },
  notes: { agency_id: 'uuid', enquiry_id: 'uuid', body: 'text', author_id: 'uuid', import_batch_id: 'uuid' },
} as const;

type ImportTable = keyof typeof importColumns;
type RowOf<T extends ImportTable> = { [C in keyof (typeof importColumns)[T]]: unknown };

/** The rows one chunk of an import writes, keyed by column name; ids are made by the caller. */
export type ImportRecords = { [T in ImportTable]: RowOf<T>[] };

/**
 * One statement per table: the rows go as one JSON parameter, unpacked by jsonb_to_recordset.
 * Building thousands of bound parameters costs more than the insert itself (bench: 50,000 rows).
 */
async function insertRows<T extends ImportTable>(tx: Db, table: T, values: RowOf<T>[]) {
  if (values.length === 0) return;
  const columns = Object.entries(importColumns[table]);
  const names = sql.raw(columns.map(([name]) => `"${name}"`).join(', '));
  const types = sql.raw(columns.map(([name, type]) => `"${name}" ${type}`).join(', '));
  await tx.execute(sql`insert into ${sql.identifier(table)} (${names})
    select ${names} from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as r(${types})`);
}

/** Writes one chunk set-based, parents before children, in the caller's transaction. */
export async function insertImportRecords(tx: Db, records: ImportRecords) {
  for (const table of Object.keys(importColumns) as ImportTable[]) {
    await insertRows(tx, table, records[table] as RowOf<typeof table>[]);
  }
}

export interface RollbackCounts {
  households: number;
  people: number;
  enquiries: number;
  stageEvents: number;
  consents: number;
  notes: number;
  tasks: number;
}

const count = async (tx: Db, query: ReturnType<typeof sql>) =>
  (
    await rows<{ n: number }>(
      tx,
      sql`with gone as (${query} returning 1) select count(*)::int as n from gone`,
    )
  )[0]!.n;

/**
 * Deletes every record the batch wrote, children first, in the caller's transaction (which must
 * hold the batch row). Stage events are append-only: the trigger lets this transaction delete the
 * batch's own events only, through `crm.import_rollback` set for this transaction alone. Deadline
 * tasks the nightly sweep made for the batch's households go with them (they are derived, not work
 * anyone did). The metric triggers mark every day whose figures change.
 */
export async function deleteBatchRecords(tx: Db, batchId: string): Promise<RollbackCounts> {
  await tx.execute(sql`select set_config('crm.import_rollback', ${batchId}, true)`);
  const batchEnquiries = sql`select id from enquiries where import_batch_id = ${batchId}`;
  const tasks = await count(tx, sql`delete from tasks where enquiry_id in (${batchEnquiries})`);
  const notesGone = await count(tx, sql`delete from notes where import_batch_id = ${batchId}`);
  const stageEventsGone = await count(tx, sql`delete from stage_events where import_batch_id = ${batchId}`);
  // A later enquiry flagged as a possible duplicate of one of these no longer points at it.
  await tx.execute(sql`update enquiries q
    set possible_duplicates = (
      select coalesce(jsonb_agg(d), '[]'::jsonb) from jsonb_array_elements_text(q.possible_duplicates) d
      where d not in (select id::text from enquiries where import_batch_id = ${batchId}))
    where q.import_batch_id is distinct from ${batchId}
      and q.possible_duplicates ?| array(select id::text from enquiries where import_batch_id = ${batchId})`);
  const consentsGone = await count(tx, sql`delete from consents where import_batch_id = ${batchId}`);
  const enquiriesGone = await count(tx, sql`delete from enquiries where import_batch_id = ${batchId}`);
  const peopleGone = await count(tx, sql`delete from people where import_batch_id = ${batchId}`);
  const householdsGone = await count(tx, sql`delete from households where import_batch_id = ${batchId}`);
  await tx.execute(sql`select set_config('crm.import_rollback', '', true)`);
  return {
    households: householdsGone,
    people: peopleGone,
    enquiries: enquiriesGone,
    stageEvents: stageEventsGone,
    consents: consentsGone,
    notes: notesGone,
    tasks,
  };
}

/** What the batch wrote, by kind. */
export async function batchRecordCounts(db: Db, batchId: string) {
  const [counts] = await rows<Omit<RollbackCounts, 'tasks'>>(
    db,
    sql`select (select count(*)::int from households where import_batch_id = ${batchId}) as households,
               (select count(*)::int from people where import_batch_id = ${batchId}) as people,
               (select count(*)::int from enquiries where import_batch_id = ${batchId}) as enquiries,
               (select count(*)::int from stage_events where import_batch_id = ${batchId}) as "stageEvents",
               (select count(*)::int from consents where import_batch_id = ${batchId}) as consents,
               (select count(*)::int from notes where import_batch_id = ${batchId}) as notes`,
  );
  return counts!;
}

export const blockerKinds = [
  'stage_events',
  'notes',
  'contact_attempts',
  'event_bookings',
  'visits',
  'panel_cases',
  'messages',
  'consents',
  'equality_monitoring',
  'people_added',
  'enquiries_added',
  'households_changed',
  'people_changed',
  'enquiries_changed',
] as const;
export type BlockerKind = (typeof blockerKinds)[number];

export interface BlockerRow {
  kind: BlockerKind;
  n: number;
  /** Up to ten of the batch's enquiries concerned, to link to. */
  enquiryIds: string[];
}

/**
 * Anything done to the batch's records since it was imported, by kind: work recorded on its
 * households (stage moves, notes, contacts, bookings, visits, panels, emails, consents, equality
 * answers, people or enquiries added) and edits of the records themselves (a record's
 * `updated_at` later than its `created_at`; an import writes both in the same transaction).
 */
export async function batchBlockers(db: Db, agencyId: string, batchId: string) {
  return rows<BlockerRow>(
    db,
    sql`with be as (select id, household_id from enquiries where import_batch_id = ${batchId}),
        bp as (select p.id, p.household_id from people p where p.import_batch_id = ${batchId}),
        bh as (select id from households where import_batch_id = ${batchId}),
        found as (
          select 'stage_events' as kind, e.enquiry_id from stage_events e join be on be.id = e.enquiry_id
            where e.import_batch_id is distinct from ${batchId}
          union all select 'notes', n.enquiry_id from notes n join be on be.id = n.enquiry_id
            where n.import_batch_id is distinct from ${batchId}
          union all select 'contact_attempts', c.enquiry_id from contact_attempts c join be on be.id = c.enquiry_id
          union all select 'event_bookings', b.enquiry_id from event_bookings b join be on be.id = b.enquiry_id
            where b.agency_id = ${agencyId}
          union all select 'visits', v.enquiry_id from visits v join be on be.id = v.enquiry_id
          union all select 'panel_cases', pc.enquiry_id from panel_cases pc join be on be.id = pc.enquiry_id
          union all select 'messages', m.enquiry_id from messages m join be on be.id = m.enquiry_id
          union all select 'messages', (select be.id from be where be.household_id = bp.household_id limit 1)
            from messages m join bp on bp.id = m.person_id
            where m.agency_id = ${agencyId} and m.enquiry_id is null
          union all select 'consents', (select be.id from be where be.household_id = bp.household_id limit 1)
            from consents c join bp on bp.id = c.person_id where c.import_batch_id is distinct from ${batchId}
          union all select 'equality_monitoring', (select be.id from be where be.household_id = bp.household_id limit 1)
            from equality_monitoring q join bp on bp.id = q.person_id
          union all select 'people_added', (select be.id from be where be.household_id = p.household_id limit 1)
            from people p join bh on bh.id = p.household_id where p.import_batch_id is distinct from ${batchId}
          union all select 'enquiries_added', q.id from enquiries q join bh on bh.id = q.household_id
            where q.import_batch_id is distinct from ${batchId}
          union all select 'households_changed', (select be.id from be where be.household_id = h.id limit 1)
            from households h where h.import_batch_id = ${batchId} and h.updated_at <> h.created_at
          union all select 'people_changed', (select be.id from be where be.household_id = p.household_id limit 1)
            from people p where p.import_batch_id = ${batchId} and p.updated_at <> p.created_at
          union all select 'enquiries_changed', q.id from enquiries q
            where q.import_batch_id = ${batchId} and q.updated_at <> q.created_at
        )
        select kind, count(*)::int as n,
               coalesce((array_agg(distinct enquiry_id::text) filter (where enquiry_id is not null))[1:10], '{}') as "enquiryIds"
        from found group by kind order by kind`,
  );
}
