import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/events/events.service.ts';
import { enqueue } from '../../src/jobs/queues.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { nurturePool } from '../../src/nurture/nurture.table.ts';
import { loadNurtureSettings } from '../../src/nurture/nurture-settings.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { makeApiToken, makeEnquiry, makeUser, onlineSessionDefaults } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { waitFor } from '../helpers/wait.ts';

describe('the nurture pool (issue 17 §6), on a real BullMQ worker', () => {
  const ctx = useTestContext();
  let officer: Browser;
  let manager: Browser;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    const db = ctx().deps.db;
    const o = await makeUser(db, ctx().agencyId, 'officer');
    const m = await makeUser(db, ctx().agencyId, 'manager');
    officer = new Browser(ctx().baseUrl);
    await officer.signIn(o.email, o.password);
    manager = new Browser(ctx().baseUrl);
    await manager.signIn(m.email, m.password);
    api = apiClient(ctx().baseUrl, await makeApiToken(db, ctx().agencyId, o.id));
    ctx().startWorker();
  });

  /** Runs the daily job through Redis and the worker, and waits for it to finish. */
  async function runNurtureJob() {
    const job = await enqueue(ctx().deps.queues, 'nurture', {});
    const queue = ctx().deps.queues.get('default');
    return waitFor(async () => (await queue.getJob(job.id!))?.returnvalue as string | undefined);
  }
  const nurtureEmails = (enquiryId: string) =>
    ctx()
      .deps.db.select({ subject: messages.subject, key: messages.idempotencyKey })
      .from(messages)
      .where(and(eq(messages.enquiryId, enquiryId), eq(messages.trigger, 'nurture')));
  /** The household joined the pool this many days ago. */
  const joinedDaysAgo = (enquiryId: string, days: number) =>
    ctx()
      .deps.db.update(nurturePool)
      .set({ joinedAt: new Date(Date.now() - days * 86_400_000 - 3_600_000) })
      .where(eq(nurturePool.enquiryId, enquiryId));

  it('managers set the steps; bad days are refused with a message and nothing saved', async () => {
    await manager.get('/follow-ups/nurture');
    const bad = await manager.post('/follow-ups/nurture', { enabled: 'yes', stepDays: '90, 30' });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Give the days in order, each later than the one before');
    expect(bad.body).toMatch(/name="stepDays"[^>]*value="90, 30"/);
    await manager.get('/follow-ups/nurture');
    const saved = await manager.post('/follow-ups/nurture', { enabled: 'yes', stepDays: '30, 90, 180' });
    expect(saved.status).toBe(303);
    expect(await loadNurtureSettings(ctx().deps.db, ctx().agencyId)).toEqual({
      enabled: true,
      stepDays: [30, 90, 180],
    });
  });

  it('sends the step that is due, once; stops when they book an information session', async () => {
    const enquiry = await makeEnquiry(ctx().deps.db, ctx().agencyId, { channel: 'web_form' });
    const page = await officer.get(`/enquiries/${enquiry.id}`);
    expect(page.body).toContain('Not ready yet – keep in touch');
    const joined = await officer.post(`/enquiries/${enquiry.id}/nurture`, {});
    expect(joined.status).toBe(303);
    const shown = await officer.get(`/enquiries/${enquiry.id}`);
    expect(shown.body).toContain('Not ready yet');
    expect(shown.body).toContain('Back to the active pipeline');
    expect((await officer.get('/enquiries?nurture=true')).body).toContain(`/enquiries/${enquiry.id}"`);
    // Still at the first stage: the pool is not a pipeline stage.
    expect((await api.get(`/enquiries/${enquiry.id}`)).body).toMatchObject({ stage: 'enquiry' });

    // Day 10: nothing due yet.
    await joinedDaysAgo(enquiry.id, 10);
    expect(await runNurtureJob()).toBe('queued 0');
    // Day 31: step 1, and only once however often the job runs.
    await joinedDaysAgo(enquiry.id, 31);
    expect(await runNurtureJob()).toBe('queued 1');
    expect(await runNurtureJob()).toBe('queued 0');
    expect(await nurtureEmails(enquiry.id)).toEqual([
      { subject: 'Still here when you are ready', key: expect.stringMatching(/:step-1$/) },
    ]);
    // Day 95: step 2.
    await joinedDaysAgo(enquiry.id, 95);
    expect(await runNurtureJob()).toBe('queued 1');
    expect((await nurtureEmails(enquiry.id)).map((m) => m.key.slice(-6))).toEqual(['step-1', 'step-2']);

    // They book a session: out of the pool, back in the active pipeline, no more emails.
    const event = await createEvent(ctx().deps.db, systemActor(ctx().agencyId, 'test'), {
      ...onlineSessionDefaults,
      kind: 'information_session',
      title: 'Evening session',
      startsAt: new Date(Date.now() + 5 * 86_400_000),
    });
    expect((await api.post(`/events/${event.id}/bookings`, { enquiryId: enquiry.id })).status).toBe(201);
    const [row] = await ctx().deps.db.select().from(nurturePool).where(eq(nurturePool.enquiryId, enquiry.id));
    expect(row).toMatchObject({ leftReason: 'booking', stepsSent: 2 });
    await joinedDaysAgo(enquiry.id, 185);
    expect(await runNurtureJob()).toBe('queued 0');
    expect(await nurtureEmails(enquiry.id)).toHaveLength(2);
    expect((await officer.get(`/enquiries/${enquiry.id}`)).body).not.toContain('Back to the active pipeline');
  });

  it('writes to nobody who did not agree to emails; a reply brings them back into the pipeline', async () => {
    const db = ctx().deps.db;
    const noConsent = await makeEnquiry(db, ctx().agencyId, {
      consent: { email: false, post: false, phone: false, sms: false },
    });
    const replies = await makeEnquiry(db, ctx().agencyId);
    for (const e of [noConsent, replies]) {
      await officer.get(`/enquiries/${e.id}`);
      expect((await officer.post(`/enquiries/${e.id}/nurture`, {})).status).toBe(303);
      await joinedDaysAgo(e.id, 31);
    }
    // An officer reaches the second household: it leaves the pool before the job runs.
    const contact = await api.post(`/enquiries/${replies.id}/contacts`, {
      method: 'phone',
      outcome: 'reached',
    });
    expect(contact.status).toBe(201);
    expect(await runNurtureJob()).toBe('queued 0');
    const [row] = await db.select().from(nurturePool).where(eq(nurturePool.enquiryId, replies.id));
    expect(row!.leftReason).toBe('reply');
    expect(await nurtureEmails(noConsent.id)).toEqual([]);
  });
});
