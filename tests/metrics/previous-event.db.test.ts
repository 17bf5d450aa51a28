import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';
import { commitImport } from '../../src/imports/import-commit.service.ts';
import { rollbackImport } from '../../src/imports/import-rollback.service.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry } from '../factories.ts';
import { useDbContext } from '../helpers/db-context.ts';
import { checkedBatch, household, newAgency } from '../imports/plans.ts';

/** Each event of the enquiry in history order: its stage and the previous event's time as stored. */
const history = (db: Db, enquiryId: string) =>
  rows<{ stage: string; at: string; previous: string | null }>(
    db,
    sql`select stage, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as at,
               to_char(previous_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as previous
        from stage_events where enquiry_id = ${enquiryId} order by at, id`,
  );

/** Events whose stored previous time differs from a recount over the whole table. */
const wrongEverywhere = async (db: Db) =>
  (
    await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from (
            select previous_at, lag(at) over (partition by enquiry_id order by at, id) as recount
            from stage_events) e
          where previous_at is distinct from recount`,
    )
  )[0]!.n;

const move = (to: string, at: string, reason?: string) => parse(Transition, { to, at, reason });

describe('each stage event knows when the event before it happened (previous_at)', () => {
  const ctx = useDbContext();

  it('is set on every move, including a closure and a reopening', async () => {
    const { db } = ctx().database;
    const actor = ctx().officer;
    const q = await makeEnquiry(db, actor.agencyId, { receivedAt: '2024-01-10T09:30:00Z' }, actor);
    await transition(db, actor, q.id, move('initial_visit', '2024-02-01T10:00:00Z'));
    await transition(db, actor, q.id, move('closed', '2024-03-01T11:00:00Z', 'AW1'));
    await transition(db, actor, q.id, move('enquiry', '2024-04-05T12:00:00Z'));
    expect(await history(db, q.id)).toEqual([
      { stage: 'enquiry', at: '2024-01-10T09:30', previous: null },
      { stage: 'initial_visit', at: '2024-02-01T10:00', previous: '2024-01-10T09:30' },
      { stage: 'closed', at: '2024-03-01T11:00', previous: '2024-02-01T10:00' },
      { stage: 'enquiry', at: '2024-04-05T12:00', previous: '2024-03-01T11:00' },
    ]);
    expect(await wrongEverywhere(db)).toBe(0);
  });

  it('repairs the events after one written inside a history, or removed from it, and marks their days', async () => {
    const { db } = ctx().database;
    const actor = ctx().officer;
    const q = await makeEnquiry(db, actor.agencyId, { receivedAt: '2024-05-01T09:00:00Z' }, actor);
    await transition(db, actor, q.id, move('initial_visit', '2024-06-20T09:00:00Z'));
    await db.execute(sql`delete from metric_dirty_days`);
    // A late entry dated between the two (as a data fix in SQL would write it).
    await db.execute(sql`insert into stage_events (agency_id, enquiry_id, from_stage, stage, at, recorded_by_label)
      values (${actor.agencyId}, ${q.id}, 'enquiry', 'enquiry', '2024-06-01T09:00:00Z', 'test')`);
    expect((await history(db, q.id)).map((e) => e.previous)).toEqual([
      null,
      '2024-05-01T09:00',
      '2024-06-01T09:00',
    ]);
    const dirty = await rows<{ day: string }>(
      db,
      sql`select distinct day::text as day from metric_dirty_days where agency_id = ${actor.agencyId} order by 1`,
    );
    expect(dirty.map((d) => d.day)).toContain('2024-06-20'); // the later event's time in stage changed

    // Removed again (erasure's escape): the later event goes back to the first as its previous.
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('crm.erasure', 'on', true)`);
      await tx.execute(
        sql`delete from stage_events where enquiry_id = ${q.id} and at = '2024-06-01T09:00:00Z'`,
      );
    });
    expect((await history(db, q.id)).map((e) => e.previous)).toEqual([null, '2024-05-01T09:00']);
    expect(await wrongEverywhere(db)).toBe(0);
  });

  it('stays append-only: previous_at cannot be edited by hand', async () => {
    const { db } = ctx().database;
    const failure = await db.execute(sql`update stage_events set previous_at = now()`).then(
      () => 'no error',
      (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
    );
    expect(failure).toContain('append-only');
  });

  it('is right for an imported history and after its rollback', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    const { batchId } = await checkedBatch(db, actor, [
      household(2, [
        ['enquiry', '2024-04-10'],
        ['initial_visit', '2024-05-01'],
        ['application', '2024-06-01'],
        ['closed', '2024-07-01', 'AW4'],
      ]),
      household(3, [['enquiry', '2025-01-06']]),
    ]);
    await commitImport(db, actor, batchId);
    const [imported] = await rows<{ id: string }>(
      db,
      sql`select id from enquiries where import_batch_id = ${batchId} and stage = 'closed'`,
    );
    const days = (
      await rows<{ stage: string; previous: string | null }>(
        db,
        sql`select stage, ((previous_at at time zone 'Europe/London')::date)::text as previous
            from stage_events where enquiry_id = ${imported!.id} order by at, id`,
      )
    ).map((e) => [e.stage, e.previous]);
    expect(days).toEqual([
      ['enquiry', null],
      ['initial_visit', '2024-04-10'],
      ['application', '2024-05-01'],
      ['closed', '2024-06-01'],
    ]);
    expect(await wrongEverywhere(db)).toBe(0);
    await rollbackImport(db, actor, batchId);
    expect(await history(db, imported!.id)).toEqual([]);
    expect(await wrongEverywhere(db)).toBe(0);
  });
});
