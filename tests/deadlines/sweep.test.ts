import type { Job } from 'bullmq';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobDefinition } from '../../jobs/define-job.ts';
import { enqueue } from '../../src/jobs/queues.ts';
import { jobs } from '../../jobs/registry.ts';
import { scheduleJobs } from '../../jobs/schedules.ts';
import { deadlinesAtRisk } from '../../src/deadlines/deadlines.service.ts';
import { tasks } from '../../src/deadlines/tasks.table.ts';
import { recordContactAttempt, assignOfficer } from '../../src/enquiries/activity.service.ts';
import { ContactAttempt } from '../../src/enquiries/enquiries.schema.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { addDays, addMonths, londonToday } from '../../src/calendar/dates.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { waitFor } from '../helpers/wait.ts';
import { makeHousehold, toAssessment } from './households.ts';

describe('the deadline sweep', () => {
  const ctx = useTestContext();
  const today = londonToday();
  const applicationOn = addMonths(today, -9);
  const ids: Record<string, string> = {};
  let officer: { id: string };

  beforeAll(async () => {
    const db = ctx().deps.db;
    officer = await makeUser(db, ctx().agencyId, 'officer');
    const reached = [{ on: addDays(applicationOn, -40), outcome: 'reached' as const }];
    ids.late = (
      await makeHousehold(db, ctx().agencyId, {
        receivedOn: addDays(applicationOn, -41),
        officerId: officer.id,
        contacts: reached,
        moves: toAssessment(applicationOn, addDays(applicationOn, -20), addDays(applicationOn, 10)),
      })
    ).id;
    // Not assigned to anyone: its task is the team's.
    ids.fresh = (await makeHousehold(db, ctx().agencyId, { receivedOn: today })).id;
    ids.uncalled = (
      await makeHousehold(db, ctx().agencyId, { receivedOn: addDays(today, -10), officerId: officer.id })
    ).id;
    // Nothing due: contacted, and moved on.
    await makeHousehold(db, ctx().agencyId, {
      receivedOn: addDays(today, -10),
      contacts: [{ on: addDays(today, -9), outcome: 'reached' }],
      moves: [{ to: 'initial_visit', on: addDays(today, -5) }],
    });
  });

  const allTasks = () => ctx().deps.db.select().from(tasks).where(eq(tasks.agencyId, ctx().agencyId));
  const openTasks = () =>
    ctx()
      .deps.db.select()
      .from(tasks)
      .where(and(eq(tasks.agencyId, ctx().agencyId), isNull(tasks.doneAt)));

  /** Enqueues a sweep and waits for a real worker to finish it; returns the job's outcome. */
  async function sweep(payload: { agencyId?: string } = { agencyId: ctx().agencyId }) {
    const job: Job = await enqueue(ctx().deps.queues, 'deadline-sweep', payload);
    const state = await waitFor(async () => {
      const s = await job.getState();
      return s === 'completed' || s === 'failed' ? s : undefined;
    });
    expect(state, job.failedReason).toBe('completed');
    return (await ctx().deps.queues.get('default').getJob(job.id!))!.returnvalue as string;
  }

  it('creates one task per deadline at risk, for the officer or the team, and nothing twice', async () => {
    ctx().startWorker();
    const expected = await deadlinesAtRisk(ctx().deps.db, ctx().agencyId);
    expect(expected.map((i) => [i.enquiryId, i.deadline.key]).sort()).toEqual(
      [
        [ids.late, 'panel_recommendation'],
        [ids.fresh, 'first_contact'],
        [ids.uncalled, 'first_contact'],
      ].sort(),
    );

    expect(await sweep()).toMatch(/3 tasks created/);
    const first = await allTasks();
    expect(first).toHaveLength(3);
    const byEnquiry = Object.fromEntries(first.map((t) => [t.enquiryId, t]));
    expect(byEnquiry[ids.late!]).toMatchObject({
      deadline: 'panel_recommendation',
      state: 'overdue',
      userId: officer.id,
    });
    expect(byEnquiry[ids.fresh!]).toMatchObject({
      deadline: 'first_contact',
      state: 'due_soon',
      userId: null,
    });
    expect(byEnquiry[ids.uncalled!]).toMatchObject({ state: 'overdue', userId: officer.id });

    // Twice more, one of them the scheduled run's empty payload (every agency): nothing new.
    const [again, scheduled] = await Promise.all([sweep(), sweep({})]);
    expect(again).toMatch(/0 tasks created, 0 done/);
    expect(scheduled).toMatch(/0 tasks created, 0 done/);
    expect((await allTasks()).map((t) => t.id).sort()).toEqual(first.map((t) => t.id).sort());
  });

  it('marks a task done once its deadline is met, and moves open tasks with the household', async () => {
    const db = ctx().deps.db;
    const actor = { ...systemActor(ctx().agencyId, 'test'), role: 'manager' as const };
    await recordContactAttempt(
      db,
      actor,
      ids.uncalled!,
      parse(ContactAttempt, { method: 'phone', outcome: 'reached' }),
    );
    const newOfficer = await makeUser(db, ctx().agencyId, 'officer');
    await assignOfficer(db, actor, ids.late!, { assignedOfficerId: newOfficer.id });

    expect(await sweep()).toMatch(/0 tasks created, 1 done/);
    const open = await openTasks();
    expect(open.map((t) => t.enquiryId).sort()).toEqual([ids.late, ids.fresh].sort());
    expect(open.find((t) => t.enquiryId === ids.late)!.userId).toBe(newOfficer.id);
    const done = (await allTasks()).find((t) => t.enquiryId === ids.uncalled)!;
    expect(done.doneAt).toBeInstanceOf(Date);
    expect(await sweep()).toMatch(/0 tasks created, 0 done/);
  });
});

describe('job schedulers', () => {
  const ctx = useTestContext();

  it('upserts one Europe/London scheduler per scheduled job, idempotently, and removes stale ones', async () => {
    const queue = ctx().deps.queues.get('default');
    // Left behind by an earlier release in which the worker check ran on a timetable.
    await queue.upsertJobScheduler('worker-check', { every: 60_000 }, { name: 'worker-check', data: {} });
    await scheduleJobs(ctx().deps.queues);
    await scheduleJobs(ctx().deps.queues);
    const schedulers = await queue.getJobSchedulers();
    const scheduled = jobs.filter((j) => j.schedule && j.queue === 'default').map((j) => j.name);
    expect(scheduled).toContain('deadline-sweep');
    expect(schedulers.map((s) => s.key).sort()).toEqual([...scheduled].sort());
    expect(schedulers.find((s) => s.key === 'deadline-sweep')).toMatchObject({
      name: 'deadline-sweep',
      pattern: '30 6 * * *',
      tz: 'Europe/London',
    });
    // The next run is at 06:30 London time.
    const next = new Date(schedulers.find((s) => s.key === 'deadline-sweep')!.next!);
    expect(next.toLocaleTimeString('en-GB', { timeZone: 'Europe/London' })).toBe('06:30:00');
  });

  it('refuses a schedule that is not one of pattern or every, or a payload a scheduled run cannot send', async () => {
    const base = { queue: 'default' as const, handle: async () => 'done' };
    const both: JobDefinition = {
      ...base,
      name: 'both',
      payload: z.object({}),
      schedule: { every: 1, pattern: '* * * * *' },
    };
    await expect(scheduleJobs(ctx().deps.queues, [both] as JobDefinition<never>[])).rejects.toThrow(
      /either a pattern or every/,
    );
    const needsId: JobDefinition = {
      ...base,
      name: 'needs-id',
      payload: z.object({ id: z.uuid() }),
      schedule: { every: 60_000 },
    };
    await expect(scheduleJobs(ctx().deps.queues, [needsId] as JobDefinition<never>[])).rejects.toThrow();
  });
});
