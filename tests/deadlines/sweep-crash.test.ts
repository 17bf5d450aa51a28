import { spawn, type ChildProcess } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/jobs/queues.ts';
import { rows } from '../../src/db/rows.ts';
import { deadlinesAtRisk, sweepAgency } from '../../src/deadlines/deadlines.service.ts';
import { tasks } from '../../src/deadlines/tasks.table.ts';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { withDatabaseName } from '../helpers/database.ts';
import { useTestContext } from '../helpers/context.ts';
import { waitFor } from '../helpers/wait.ts';
import { makeHousehold } from './households.ts';

const HOUSEHOLDS = 20;
const BATCH = 4;

describe('a worker killed in the middle of a deadline sweep', () => {
  const ctx = useTestContext();
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  async function databaseUrl() {
    const [row] = await rows<{ name: string }>(ctx().deps.db, sql`select current_database() as name`);
    return withDatabaseName(process.env.TEST_DATABASE_URL!, row!.name);
  }

  /** `npm run worker`, in a child process on this test's queues. */
  async function startWorkerProcess(url: string) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/deadlines/sweep-worker.ts'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: url,
        REDIS_URL: process.env.TEST_REDIS_URL,
        QUEUE_PREFIX: ctx().deps.queues.prefix,
        DATA_DIR: ctx().dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await waitFor(() => output.includes('worker ready') || child.exitCode !== null, 60_000);
    if (!output.includes('worker ready')) throw new Error(`The worker did not start: ${output}`);
    return { child, exited };
  }

  const taskCount = async () =>
    (await ctx().deps.db.select().from(tasks).where(eq(tasks.agencyId, ctx().agencyId))).length;

  it('leaves no duplicate tasks once the job is retried by a restarted worker', async () => {
    const db = ctx().deps.db;
    // Households whose first contact is overdue: one task each.
    for (let i = 0; i < HOUSEHOLDS; i += 1) {
      await makeHousehold(db, ctx().agencyId, { receivedOn: addDays(londonToday(), -10) });
    }
    const atRisk = await deadlinesAtRisk(db, ctx().agencyId);
    expect(atRisk).toHaveLength(HOUSEHOLDS);
    const ordered = atRisk.map((i) => i.enquiryId).sort();

    // Hold a lock on the first household of the 4th batch: inserting its task checks its foreign
    // key (FOR KEY SHARE), which waits for our FOR UPDATE. Three batches commit; the fourth hangs.
    const url = await databaseUrl();
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('select id from enquiries where id = $1 for update', [ordered[3 * BATCH]]);

    const first = await startWorkerProcess(url);
    const job = await enqueue(
      ctx().deps.queues,
      'deadline-sweep',
      { agencyId: ctx().agencyId, batchSize: BATCH },
      { jobId: 'sweep-killed-half-way' },
    );
    await waitFor(async () => (await taskCount()) >= 3 * BATCH, 30_000);
    expect(await taskCount()).toBe(3 * BATCH);
    expect(await job.getState()).toBe('active');

    first.child.kill('SIGKILL');
    await first.exited;
    await blocker.query('rollback');
    await blocker.end();

    // A new worker finds the job stalled (its lock expired with the dead worker) and runs it again.
    await startWorkerProcess(url);
    const state = await waitFor(async () => {
      const s = await job.getState();
      return s === 'completed' || s === 'failed' ? s : undefined;
    }, 60_000);
    expect(state).toBe('completed');

    const all = await ctx().deps.db.select().from(tasks).where(eq(tasks.agencyId, ctx().agencyId));
    expect(all).toHaveLength(HOUSEHOLDS);
    expect(new Set(all.map((t) => t.enquiryId)).size).toBe(HOUSEHOLDS);
    expect(
      all.every((t) => t.deadline === 'first_contact' && t.state === 'overdue' && t.doneAt === null),
    ).toBe(true);
    // The same as a clean run: one more sweep finds nothing to do.
    expect(await sweepAgency(db, ctx().agencyId)).toMatchObject({
      households: HOUSEHOLDS,
      created: 0,
      closed: 0,
    });
    expect(await taskCount()).toBe(HOUSEHOLDS);
  }, 120_000);
});
