import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordContactAttempt } from '../../src/enquiries/activity.service.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { getEnquiryDetail } from '../../src/household/household.service.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { canMove, nextStages, stages, type Stage } from '../../src/pipeline/stages.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { AppError } from '../../src/shared/errors.ts';
import { parse } from '../../src/shared/validation.ts';
import { daysAgo, makeEnquiry } from '../factories.ts';
import { testDbKind } from '../helpers/database.ts';
import { useDbContext } from '../helpers/db-context.ts';

/** Moves an enquiry with input as the API would receive it. */
const move = async (
  db: Parameters<typeof transition>[0],
  actor: Actor,
  id: string,
  body: Record<string, unknown>,
) => transition(db, actor, id, parse(Transition, body));

/** Drizzle wraps database errors; the database's own message is the cause. */
const databaseMessage = (e: unknown) =>
  String((e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message);

/** The path from a new enquiry to each stage, oldest event first, one day apart. */
const pathTo: Record<Stage, { to: Stage; reason?: string }[]> = {
  enquiry: [],
  initial_visit: [{ to: 'initial_visit' }],
  application: [{ to: 'initial_visit' }, { to: 'application' }],
  assessment: [{ to: 'initial_visit' }, { to: 'application' }, { to: 'assessment' }],
  panel: [{ to: 'initial_visit' }, { to: 'application' }, { to: 'assessment' }, { to: 'panel' }],
  approved: [
    { to: 'initial_visit' },
    { to: 'application' },
    { to: 'assessment' },
    { to: 'panel' },
    { to: 'approved' },
  ],
  deregistered: [
    { to: 'initial_visit' },
    { to: 'application' },
    { to: 'assessment' },
    { to: 'panel' },
    { to: 'approved' },
    { to: 'deregistered', reason: 'retired' },
  ],
  closed: [{ to: 'closed', reason: 'AW1' }],
};

const reasonFor = (to: Stage) => (to === 'closed' ? 'AW3' : to === 'deregistered' ? 'moved' : undefined);

describe(`the pipeline state machine on ${testDbKind()}`, () => {
  const ctx = useDbContext();

  async function enquiryAt(stage: Stage) {
    const { db } = ctx().database;
    const steps = pathTo[stage];
    const enquiry = await makeEnquiry(db, ctx().agencyId, { receivedAt: daysAgo(steps.length + 10) });
    for (const [i, step] of steps.entries()) {
      await move(db, ctx().manager, enquiry.id, { ...step, at: daysAgo(steps.length + 9 - i) });
    }
    return enquiry.id;
  }

  it.each(stages.flatMap((from) => (nextStages[from] as readonly Stage[]).map((to) => [from, to] as const)))(
    'allows %s → %s and records it as an event',
    async (from, to) => {
      const { db } = ctx().database;
      const id = await enquiryAt(from);
      await move(db, ctx().manager, id, { to, reason: reasonFor(to), at: londonToday() });
      const detail = await getEnquiryDetail(db, ctx().manager, id);
      expect(detail.stage).toBe(to);
      expect(detail.history.at(-1)).toMatchObject({ stage: to, from, reason: reasonFor(to) ?? null });
      expect(detail.history).toHaveLength(pathTo[from].length + 2);
    },
  );

  it.each(
    stages.flatMap((from) => stages.filter((to) => !canMove(from, to)).map((to) => [from, to] as const)),
  )('refuses %s → %s with invalid_transition and records nothing', async (from, to) => {
    const { db } = ctx().database;
    const id = await enquiryAt(from);
    const before = await getEnquiryDetail(db, ctx().manager, id);
    const error = await move(db, ctx().manager, id, { to, reason: reasonFor(to) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_transition');
    const after = await getEnquiryDetail(db, ctx().manager, id);
    expect(after.history).toHaveLength(before.history.length);
    expect(after.stage).toBe(from);
  });

  it('requires a reason to close or deregister, refuses one elsewhere, and checks it fits the stage', async () => {
    const { db } = ctx().database;
    const id = await enquiryAt('enquiry');
    const expectIssue = async (body: Record<string, unknown>, message: RegExp) => {
      const error = (await move(db, ctx().manager, id, body).catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe('validation');
      expect(error.issues[0]).toMatchObject({ path: 'reason', message: expect.stringMatching(message) });
    };
    await expectIssue({ to: 'closed' }, /Select why/);
    await expectIssue({ to: 'closed', reason: 'retired' }, /Choose one of/);
    await expectIssue({ to: 'closed', reason: 'not_recommended' }, /Choose one of/); // only at panel
    await expectIssue({ to: 'initial_visit', reason: 'AW1' }, /only recorded when closing/);
    await expectIssue({ to: 'closed', reason: 'no_response' }, /at least 2 times/);

    await recordContactAttempt(db, ctx().officer, id, { method: 'phone', outcome: 'no_answer' });
    await expectIssue({ to: 'closed', reason: 'no_response' }, /1 recorded so far/);
    await recordContactAttempt(db, ctx().officer, id, { method: 'email', outcome: 'sent' });
    await move(db, ctx().officer, id, { to: 'closed', reason: 'no_response' });
    expect((await getEnquiryDetail(db, ctx().officer, id)).stage).toBe('closed');
  });

  it('keeps standards-of-care deregistrations for managers, hidden from officers', async () => {
    const { db } = ctx().database;
    const id = await enquiryAt('approved');
    const refused = await move(db, ctx().officer, id, {
      to: 'deregistered',
      reason: 'standards_of_care',
    }).catch((e: unknown) => e);
    expect((refused as AppError).code).toBe('forbidden');
    await move(db, ctx().manager, id, {
      to: 'deregistered',
      reason: 'standards_of_care',
      note: 'Allegation upheld',
    });
    const asOfficer = await getEnquiryDetail(db, ctx().officer, id);
    expect(asOfficer.history.at(-1)).toMatchObject({ reason: 'restricted', note: null });
    const asManager = await getEnquiryDetail(db, ctx().manager, id);
    expect(asManager.history.at(-1)).toMatchObject({
      reason: 'standards_of_care',
      note: 'Allegation upheld',
    });
  });

  it('rejects dates in the future and dates before the previous event, with 422-style field errors', async () => {
    const { db } = ctx().database;
    const id = await enquiryAt('initial_visit'); // moved there 9 days ago... see pathTo
    const tomorrow = addDays(londonToday(), 1);
    const future = await move(db, ctx().officer, id, { to: 'application', at: tomorrow }).catch(
      (e: unknown) => e,
    );
    expect((future as AppError).code).toBe('validation');
    expect((future as AppError).issues[0]?.path).toBe('at');

    const futureTime = new Date(Date.now() + 3600_000).toISOString();
    const future2 = await move(db, ctx().officer, id, { to: 'application', at: futureTime }).catch(
      (e: unknown) => e,
    );
    expect((future2 as AppError).issues[0]).toMatchObject({
      path: 'at',
      message: expect.stringMatching(/future/),
    });

    const tooEarly = await move(db, ctx().officer, id, { to: 'application', at: daysAgo(30) }).catch(
      (e: unknown) => e,
    );
    expect((tooEarly as AppError).issues[0]).toMatchObject({
      path: 'at',
      message: expect.stringMatching(/on or after the last recorded step/),
    });

    // A backdated date between the previous event and today is fine, and is stored as that day.
    await move(db, ctx().officer, id, { to: 'application', at: daysAgo(3) });
    const detail = await getEnquiryDetail(db, ctx().officer, id);
    expect(
      detail.history.at(-1)!.at.toISOString() < new Date(Date.now() - 2 * 86_400_000).toISOString(),
    ).toBe(true);
  });

  it('records reopening as a new event, keeping the closure in the history', async () => {
    const { db } = ctx().database;
    const id = await enquiryAt('closed');
    await move(db, ctx().officer, id, { to: 'enquiry', note: 'Called back: circumstances changed' });
    const detail = await getEnquiryDetail(db, ctx().officer, id);
    expect(detail.history.map((e) => e.stage)).toEqual(['enquiry', 'closed', 'enquiry']);
  });

  it.each([
    ['the same move twice', { to: 'initial_visit' }, { to: 'initial_visit' }],
    [
      'two different moves from the stage both saw',
      { to: 'initial_visit', from: 'enquiry' },
      { to: 'closed', reason: 'AW0', from: 'enquiry' },
    ],
  ])('lets exactly one of two concurrent moves win: %s', async (_name, first, second) => {
    const { db } = ctx().database;
    const id = await enquiryAt('enquiry');
    const results = await Promise.allSettled([
      move(db, ctx().officer, id, first),
      move(db, ctx().manager, id, second),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failure.reason as AppError).code).toBe('invalid_transition');
    const detail = await getEnquiryDetail(db, ctx().officer, id);
    expect(detail.history).toHaveLength(2);
  });

  it('refuses to change or delete history in the database itself', async () => {
    const { db } = ctx().database;
    await enquiryAt('application');
    const update = await db.execute(sql`update stage_events set stage = 'approved'`).catch((e: unknown) => e);
    expect(databaseMessage(update)).toMatch(/append-only/);
    const remove = await db.execute(sql`delete from stage_events`).catch((e: unknown) => e);
    expect(databaseMessage(remove)).toMatch(/append-only/);
  });
});
