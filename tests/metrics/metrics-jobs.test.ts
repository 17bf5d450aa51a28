import { describe, expect, it } from 'vitest';
import { enqueue } from '../../src/jobs/queues.ts';
import { scheduleJobs } from '../../jobs/schedules.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { lockAgencyMetrics } from '../../src/metrics/metrics.repo.ts';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { parse } from '../../src/shared/validation.ts';
import { enquiryBody, makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';
import { waitFor } from '../helpers/wait.ts';
import { entries, recount, rolledUp } from './recount.ts';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe('metric jobs', () => {
  const ctx = useTestContext();

  async function manager() {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const actor: Actor = { agencyId: ctx().agencyId, userId: user.id, role: 'manager' };
    const api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
    return { actor, api };
  }

  /** Households moving through the pipeline over the last year, some of them closed. */
  async function someHistory(actor: Actor, count: number) {
    const { db } = ctx().deps;
    for (let i = 0; i < count; i++) {
      const { id } = await makeEnquiry(
        db,
        ctx().agencyId,
        { receivedAt: ago(300 - i * 7), campaignCode: i % 3 ? 'BUS' : undefined },
        actor,
      );
      const steps = ['initial_visit', 'application', 'assessment', 'panel', 'approved'].slice(0, i % 6);
      for (const [n, to] of steps.entries()) {
        await transition(db, actor, id, parse(Transition, { to, at: ago(290 - i * 7 - n * 5) }));
      }
      if (i % 4 === 1 && i % 6 < 5)
        await transition(db, actor, id, parse(Transition, { to: 'closed', reason: 'AW3' }));
    }
  }

  const matchesRecount = async () =>
    expect(entries(await rolledUp(ctx().deps.db, ctx().agencyId))).toEqual(
      entries(await recount(ctx().deps.db, ctx().agencyId)),
    );

  it('runs twice at once, and alongside changes, without counting anything twice', async () => {
    const { actor } = await manager();
    await someHistory(actor, 24);
    const { db } = ctx().deps;
    // Three refreshes of the same agency at once, on separate connections, with changes landing meanwhile.
    const changes = (async () => {
      for (let i = 0; i < 5; i++) {
        const { id } = await makeEnquiry(db, ctx().agencyId, { receivedAt: ago(40 + i) }, actor);
        await transition(db, actor, id, parse(Transition, { to: 'initial_visit', at: ago(30) }));
      }
    })();
    await Promise.all([
      refreshAgency(db, ctx().agencyId, { full: true }),
      refreshAgency(db, ctx().agencyId, { full: true }),
      refreshAgency(db, ctx().agencyId, { full: false }),
      changes,
    ]);
    await refreshAgency(db, ctx().agencyId, { full: false });
    await matchesRecount();

    // While one refresh holds the agency, others wait their turn rather than run alongside it.
    let settled = 0;
    let waiting: Promise<unknown> = Promise.resolve();
    await db.transaction(async (tx) => {
      await lockAgencyMetrics(tx, ctx().agencyId);
      waiting = Promise.all(
        [true, false].map((full) => refreshAgency(db, ctx().agencyId, { full }).then(() => (settled += 1))),
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(settled).toBe(0);
    });
    await waiting;
    expect(settled).toBe(2);
    await matchesRecount();

    // The same through real BullMQ workers: two workers, two recompute jobs added together.
    const workers = [ctx().startWorker(), ctx().startWorker()];
    const jobs = await Promise.all(
      ['a', 'b'].map((n) =>
        enqueue(
          ctx().deps.queues,
          'metrics-recompute',
          { agencyId: ctx().agencyId },
          { jobId: `twice-${n}` },
        ),
      ),
    );
    await waitFor(async () =>
      (await Promise.all(jobs.map((j) => j.getState()))).every((s) => s === 'completed'),
    );
    await matchesRecount();
    await Promise.all(workers.map((w) => w.close()));
  });

  it('recomputes on request through the API, and says when the figures were computed', async () => {
    const { api } = await manager();
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const officerApi = apiClient(
      ctx().baseUrl,
      await makeApiToken(ctx().deps.db, ctx().agencyId, officer.id),
    );
    expect((await officerApi.post('/metrics/refresh')).status).toBe(403);
    expect((await officerApi.get('/metrics/status')).status).toBe(403);

    const before = (await api.get('/metrics/status')).body;
    const asked = await api.post('/metrics/refresh');
    expect(asked.status).toBe(202);
    expect(asked.body.jobId).toEqual(expect.any(String));
    expect((await api.get('/metrics/status')).body.running).toBe(true);

    const worker = ctx().startWorker();
    const after = await waitFor(async () => {
      const status = (await api.get('/metrics/status')).body;
      return !status.running && status.fullComputedAt !== before.fullComputedAt ? status : undefined;
    });
    expect(new Date(after.computedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(after.pendingChanges).toBe(0);
    await worker.close();
  });

  it('brings the reports up to date within seconds of a change, with no one asking', async () => {
    const { api } = await manager();
    const worker = ctx().startWorker();
    const enquiriesInFunnel = async () =>
      (await api.get(`/reports/funnel?from=${ago(2).slice(0, 10)}&to=${ago(0).slice(0, 10)}`)).body.measures
        .enquiries.total as number;
    const start = await enquiriesInFunnel();
    const created = await api.post('/enquiries', enquiryBody({ receivedAt: ago(0) }));
    expect(created.status).toBe(201);
    await waitFor(async () => (await enquiriesInFunnel()) === start + 1, 10_000);
    await worker.close();
  });

  it('recomputes nightly and catches up every minute, on the metrics queue', async () => {
    await scheduleJobs(ctx().deps.queues);
    const schedulers = await ctx().deps.queues.get('metrics').getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern ?? s.every]).sort()).toEqual([
      ['metrics-catch-up', 60_000],
      ['metrics-recompute', '30 2 * * *'],
    ]);
  });
});
