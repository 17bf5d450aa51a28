import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { financialYear, londonToday } from '../../src/calendar/dates.ts';
import type { Db } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';
import { addNote, assignOfficer, recordContactAttempt } from '../../src/enquiries/activity.service.ts';
import { ContactAttempt } from '../../src/enquiries/enquiries.schema.ts';
import { optOut, unsubscribeToken } from '../../src/messages/unsubscribe.service.ts';
import { commitImport } from '../../src/imports/import-commit.service.ts';
import { rollbackImport } from '../../src/imports/import-rollback.service.ts';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { conversionReport } from '../../src/reports/conversion.service.ts';
import { funnelReport } from '../../src/reports/funnel.service.ts';
import { netCarers } from '../../src/reports/net-carers.service.ts';
import { ofstedReturn } from '../../src/reports/ofsted.service.ts';
import { timeInStageReport } from '../../src/reports/time-in-stage.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { AppError } from '../../src/shared/errors.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry } from '../factories.ts';
import { useDbContext } from '../helpers/db-context.ts';
import { approvedHistory, checkedBatch, household, newAgency } from './plans.ts';

const batchRows = async (db: Db, batchId: string) =>
  rows<{ n: number }>(
    db,
    sql`select ((select count(*) from households where import_batch_id = ${batchId})
              + (select count(*) from people where import_batch_id = ${batchId})
              + (select count(*) from enquiries where import_batch_id = ${batchId})
              + (select count(*) from stage_events where import_batch_id = ${batchId})
              + (select count(*) from consents where import_batch_id = ${batchId})
              + (select count(*) from notes where import_batch_id = ${batchId}))::int as n`,
  ).then((r) => r[0]!.n);

const applicantOf = async (db: Db, enquiryId: string) =>
  (
    await rows<{ id: string }>(
      db,
      sql`select p.id from people p join enquiries q on q.household_id = p.household_id where q.id = ${enquiryId}`,
    )
  )[0]!;

const enquiryOfRow = async (db: Db, batchId: string, stage: string) =>
  (
    await rows<{ id: string }>(
      db,
      sql`select id from enquiries where import_batch_id = ${batchId} and stage = ${stage} limit 1`,
    )
  )[0]!.id;

/** Every report figure the committee and Ofsted see, without the "as at" times. */
async function allReports(db: Db, agencyId: string) {
  const today = londonToday();
  const years = [2022, 2023, 2024, 2025].map((y) => financialYear(y));
  const whole = { from: '2022-04-01', to: today };
  const strip = <T extends { computedAt: unknown }>({ computedAt: _, ...rest }: T) => rest;
  return {
    funnel: await Promise.all(
      years.map(async (y) =>
        strip(await funnelReport(db, agencyId, { from: y.start, to: y.end, compare: 'previous_year' })),
      ),
    ),
    ofsted: await Promise.all(
      years.map(async (y) => strip(await ofstedReturn(db, agencyId, y.startYear, today))),
    ),
    conversion: strip(await conversionReport(db, agencyId, whole)),
    timeInStage: strip(await timeInStageReport(db, agencyId, whole)),
    netCarers: strip(await netCarers(db, agencyId, whole)),
  };
}

/** Some history typed into the service before the import. */
async function existingHistory(db: Db, actor: Actor) {
  const a = await makeEnquiry(db, actor.agencyId, { receivedAt: '2023-06-05' }, actor);
  await transition(db, actor, a.id, parse(Transition, { to: 'initial_visit', at: '2023-06-20' }));
  await transition(db, actor, a.id, parse(Transition, { to: 'application', at: '2023-08-01' }));
  const b = await makeEnquiry(db, actor.agencyId, { receivedAt: '2024-09-02' }, actor);
  await transition(db, actor, b.id, parse(Transition, { to: 'closed', at: '2024-09-10', reason: 'AW1' }));
}

const plan = () => [
  household(
    2,
    approvedHistory(['2023-05-10', '2023-06-01', '2023-09-15', '2023-10-01', '2024-03-20', '2024-04-02']),
  ),
  household(3, [
    ['enquiry', '2024-04-10'],
    ['initial_visit', '2024-05-01'],
    ['application', '2024-06-01'],
    ['closed', '2024-07-01', 'AW4'],
  ]),
  household(4, [['enquiry', '2025-01-06']], { consent: { email: true }, notes: 'Call after six' }),
];

/** The database's own message for a failed statement (Drizzle wraps it as the cause). */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

async function rollbackRefusal(db: Db, actor: Actor, batchId: string) {
  const error = await rollbackImport(db, actor, batchId).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('conflict');
  return (error as AppError).details!.blockers as { kind: string; n: number; enquiryIds: string[] }[];
}

describe('tracker import: rollback', () => {
  const ctx = useDbContext();

  it('removes everything the batch wrote and every report figure is as it was before', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    await existingHistory(db, actor);
    const later = await makeEnquiry(db, actor.agencyId, { receivedAt: '2025-02-03' }, actor);
    await refreshAgency(db, actor.agencyId, { full: true });
    const before = await allReports(db, actor.agencyId);

    const { batchId } = await checkedBatch(db, actor, plan());
    await commitImport(db, actor, batchId);
    const during = await allReports(db, actor.agencyId);
    expect(during.funnel[1]!.measures.enquiries.total).toBe(before.funnel[1]!.measures.enquiries.total + 1);
    expect(during).not.toEqual(before);
    // An enquiry flagged as a possible duplicate of an imported one (and of another) is kept, unflagged.
    const imported = await enquiryOfRow(db, batchId, 'approved');
    await db.execute(
      sql`update enquiries set possible_duplicates = ${JSON.stringify([imported, later.id])}::jsonb where id = ${later.id}`,
    );

    const { rolledBack } = await rollbackImport(db, actor, batchId);
    expect(rolledBack).toEqual({
      households: 3,
      people: 3,
      enquiries: 3,
      stageEvents: 6 + 4 + 1,
      consents: 1,
      notes: 1,
      tasks: 0,
    });
    expect(await batchRows(db, batchId)).toBe(0);
    expect(await allReports(db, actor.agencyId)).toEqual(before);
    const [flags] = await rows<{ ids: string[] }>(
      db,
      sql`select possible_duplicates as ids from enquiries where id = ${later.id}`,
    );
    expect(flags!.ids).toEqual([later.id]);
    const [batch] = await rows<{ status: string; by: string }>(
      db,
      sql`select status, rolled_back_by::text as by from import_batches where id = ${batchId}`,
    );
    expect(batch).toEqual({ status: 'rolled_back', by: actor.userId });
    // Rolled back once; a second time is a conflict, not a second deletion.
    await expect(rollbackImport(db, actor, batchId)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('is refused, deleting nothing, once a note is added or a household moved on', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    const noted = await checkedBatch(db, actor, plan());
    await commitImport(db, actor, noted.batchId);
    const approved = await enquiryOfRow(db, noted.batchId, 'approved');
    await addNote(db, actor, approved, { body: 'Spoke to them about a review' });
    const written = await batchRows(db, noted.batchId);

    expect(await rollbackRefusal(db, actor, noted.batchId)).toEqual([
      expect.objectContaining({ kind: 'notes', n: 1, enquiryIds: [approved], label: 'Notes added' }),
    ]);
    expect(await batchRows(db, noted.batchId)).toBe(written);

    const moved = await checkedBatch(db, actor, plan());
    await commitImport(db, actor, moved.batchId);
    const open = await enquiryOfRow(db, moved.batchId, 'enquiry');
    await transition(db, actor, open, parse(Transition, { to: 'closed', at: '2025-01-20', reason: 'AW0' }));
    const blockers = await rollbackRefusal(db, actor, moved.batchId);
    expect(blockers.map((b) => b.kind)).toEqual(['enquiries_changed', 'stage_events']);
    expect(blockers.every((b) => b.enquiryIds.length === 1 && b.enquiryIds[0] === open)).toBe(true);
  });

  it('names every kind of later work: contacts, unsubscribes, assignments', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    const { batchId } = await checkedBatch(db, actor, plan());
    await commitImport(db, actor, batchId);
    const [open, approved, closed] = await Promise.all(
      ['enquiry', 'approved', 'closed'].map((stage) => enquiryOfRow(db, batchId, stage)),
    );
    await recordContactAttempt(
      db,
      actor,
      open!,
      parse(ContactAttempt, { method: 'phone', outcome: 'reached' }),
    );
    await optOut(db, await unsubscribeToken(db, (await applicantOf(db, approved!)).id));
    await assignOfficer(db, actor, closed!, { assignedOfficerId: actor.userId });

    const blockers = await rollbackRefusal(db, actor, batchId);
    const byKind = Object.fromEntries(blockers.map((b) => [b.kind, b.enquiryIds]));
    expect(byKind).toEqual({
      contact_attempts: [open],
      consents: [approved],
      people_changed: [approved],
      enquiries_changed: expect.arrayContaining([closed]),
    });
    expect(await batchRows(db, batchId)).toBeGreaterThan(0);
  });

  it('lets a rollback delete its own batch’s stage events and nothing else', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    const first = await checkedBatch(db, actor, plan());
    await commitImport(db, actor, first.batchId);
    const second = await checkedBatch(db, actor, [household(9, [['enquiry', '2025-03-03']])]);
    await commitImport(db, actor, second.batchId);

    const deleteEvents = (setting: string) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('crm.import_rollback', ${setting}, true)`);
        await tx.execute(sql`delete from stage_events where import_batch_id = ${first.batchId}`);
      });
    expect(await failure(deleteEvents(''))).toMatch(/append-only/);
    expect(await failure(deleteEvents(second.batchId))).toMatch(/append-only/);
    const update = db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('crm.import_rollback', ${first.batchId}, true)`);
      await tx.execute(sql`update stage_events set reason = 'AW0' where import_batch_id = ${first.batchId}`);
    });
    expect(await failure(update)).toMatch(/append-only/);
    // With its own batch's id it may delete (here undone by ending the transaction with an error).
    const undone = db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('crm.import_rollback', ${first.batchId}, true)`);
      await tx.execute(sql`delete from stage_events where import_batch_id = ${first.batchId}`);
      throw new Error('undo');
    });
    await expect(undone).rejects.toThrow('undo');
    expect(await batchRows(db, first.batchId)).toBeGreaterThan(0);
  });
});
