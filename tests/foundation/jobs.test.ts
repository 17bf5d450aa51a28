import { describe, expect, it } from 'vitest';
import { enqueue } from '../../src/jobs/queues.ts';
import { latestWorkerCheck } from '../../src/system/system.repo.ts';
import { makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';
import { waitFor } from '../helpers/wait.ts';

describe('jobs', () => {
  const ctx = useTestContext();

  it('processes the worker check with a real BullMQ worker, end to end from the admin page', async () => {
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(admin.email, admin.password);
    await browser.get('/admin/system');
    const res = await browser.post('/admin/system/worker-check', {});
    expect(res.status).toBe(303);
    const pending = await latestWorkerCheck(ctx().deps.db, ctx().agencyId);
    expect(pending?.completedAt).toBeNull();

    const worker = ctx().startWorker();
    const done = await waitFor(
      async () => (await latestWorkerCheck(ctx().deps.db, ctx().agencyId))?.completedAt,
    );
    expect(done).toBeInstanceOf(Date);
    expect((await browser.get('/admin/system')).body).toContain('Worked: requested');
    await worker.close();
  });

  it('refuses to enqueue a payload that is not the job schema (no personal data can slip in)', async () => {
    await expect(
      enqueue(ctx().deps.queues, 'worker-check', { checkId: 'not-a-uuid' } as never),
    ).rejects.toThrow();
    await expect(
      enqueue(ctx().deps.queues, 'worker-check', { checkId: crypto.randomUUID(), email: 'a@b.c' } as never),
    ).resolves.toBeDefined();
    const [job] = await ctx()
      .deps.queues.get('default')
      .getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(Object.keys(job!.data)).toEqual(['checkId']);
  });
});
