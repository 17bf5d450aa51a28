import { describe, expect, it } from 'vitest';
import { addDays, addMonths, londonToday } from '../../src/calendar/dates.ts';
import { enqueue } from '../../src/jobs/queues.ts';
import { approveDisposal } from '../../src/retention/disposal.service.ts';
import { placeLegalHold } from '../../src/retention/legal-holds.service.ts';
import { retentionOf } from '../../src/retention/retention.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { fictionalPhone, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';
import { waitFor } from '../helpers/wait.ts';
import { plantHistory, plantHousehold } from './history.ts';

describe('due for disposal, legal holds on the household page, the schedule, and the nightly job', () => {
  const ctx = useTestContext();

  async function signedIn(role: 'officer' | 'manager' | 'admin') {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const actor: Actor & { userId: string } = { agencyId: ctx().agencyId, userId: user.id, role };
    return { browser, actor };
  }

  it('lists households past their date or reaching it this month, and lets a manager exclude, approve and hold', async () => {
    const { browser, actor } = await signedIn('manager');
    const h = await plantHistory(ctx().deps.db, actor, 'pages', fictionalPhone);
    await placeLegalHold(ctx().deps.db, actor, h.held.householdId, { reason: 'Claim' });
    const page = await browser.get('/retention/due');
    expect(page.status).toBe(200);
    for (const p of [h.carer11, h.withdrawn4, h.enquiry4, h.held])
      expect(page.body, p.key).toContain(p.lastName);
    for (const p of [h.carer9, h.withdrawn2, h.enquiry1, h.open])
      expect(page.body, p.key).not.toContain(p.lastName);
    expect(page.body).toContain('reg. 32: 10 years from the end of approval');

    // Nothing selected: the form again with the message, nothing written.
    const none = await browser.post('/retention/due/approve', {});
    expect(none.status).toBe(422);
    expect(none.body).toContain('Select at least one household to dispose of');

    // Excluded with a reason: it stays, marked, and is not disposed of by approving everything else.
    expect(
      (await browser.post(`/retention/due/${h.enquiry4.householdId}/exclude`, { reason: '' })).status,
    ).toBe(422);
    const excluded = await browser.post(`/retention/due/${h.enquiry4.householdId}/exclude`, {
      reason: 'Asked us to keep in touch next year',
    });
    expect(excluded.status).toBe(303);
    expect((await browser.get('/retention/due')).body).toContain('Asked us to keep in touch next year');

    // A held household has no checkbox; approving it anyway is refused.
    expect(page.body).not.toContain(`value="${h.held.householdId}"`);
    expect((await browser.post('/retention/due/approve', { householdIds: h.held.householdId })).status).toBe(
      409,
    );

    const approved = await browser.post('/retention/due/approve', {
      householdIds: [h.carer11.householdId, h.withdrawn4.householdId],
    });
    expect(approved.status).toBe(303);
    const r = await retentionOf(ctx().deps.db, ctx().agencyId);
    expect(r.get(h.carer11.householdId)!.anonymisedAt).not.toBeNull();
    expect(r.get(h.withdrawn4.householdId)!.anonymisedAt).not.toBeNull();
    expect(r.get(h.enquiry4.householdId)!.anonymisedAt).toBeNull();
    const after = await browser.get('/retention/due');
    expect(after.body).not.toContain(h.carer11.lastName);
    expect(after.body).toContain(h.enquiry4.lastName);
  });

  it('places and lifts a legal hold from the household page (managers), shown to officers without the form', async () => {
    const { browser, actor } = await signedIn('manager');
    const p = await plantHousehold(
      ctx().deps.db,
      actor,
      'hold',
      'page',
      addDays(londonToday(), -30),
      [],
      fictionalPhone(),
    );
    const page = await browser.get(`/enquiries/${p.enquiryId}`);
    expect(page.body).toContain('id="records"');
    expect(page.body).toContain('kept while the case is active');
    expect((await browser.post(`/enquiries/${p.enquiryId}/legal-hold`, { reason: '' })).status).toBe(422);
    const placed = await browser.post(`/enquiries/${p.enquiryId}/legal-hold`, {
      reason: 'Subject of a complaint',
    });
    expect(placed.status).toBe(303);
    const held = await browser.get(`/enquiries/${p.enquiryId}`);
    expect(held.body).toContain('Subject of a complaint');
    expect(held.body).toContain('Lift legal hold');

    const officer = (await signedIn('officer')).browser;
    const seen = await officer.get(`/enquiries/${p.enquiryId}`);
    expect(seen.body).toContain('Legal hold');
    expect(seen.body).not.toContain('Lift legal hold');
    expect((await officer.post(`/enquiries/${p.enquiryId}/legal-hold/lift`, {})).status).toBe(403);

    expect(
      (await browser.post(`/enquiries/${p.enquiryId}/legal-hold/lift`, { reason: 'Closed' })).status,
    ).toBe(303);
    const lifted = await browser.get(`/enquiries/${p.enquiryId}`);
    expect(lifted.body).toContain('Place legal hold');
    expect(lifted.body).toContain('Earlier legal holds');
  });

  it('the nightly job anonymises a household approved before its date once the date has passed, and nothing else', async () => {
    const manager = (await signedIn('manager')).actor;
    const yesterday = addDays(londonToday(), -1);
    // Closed so that it must be kept until yesterday (3 years after the last contact).
    const closedOn = addMonths(yesterday, -36);
    const p = await plantHousehold(
      ctx().deps.db,
      manager,
      'job',
      'approved',
      addDays(closedOn, -20),
      [{ to: 'closed', on: closedOn, reason: 'AW0' }],
      fictionalPhone(),
    );
    const q = await plantHousehold(
      ctx().deps.db,
      manager,
      'job',
      'unreviewed',
      addDays(closedOn, -20),
      [{ to: 'closed', on: closedOn, reason: 'AW0' }],
      fictionalPhone(),
    );
    // Approved yesterday, when its date had not passed yet: nothing happens at once.
    const done = await approveDisposal(
      ctx().deps.db,
      manager,
      [p.householdId],
      new Date(`${yesterday}T12:00:00Z`),
    );
    expect(done).toEqual({ approved: 1, anonymised: 0, later: 1 });
    ctx().startWorker();
    const job = await enqueue(ctx().deps.queues, 'retention', { agencyId: ctx().agencyId });
    await waitFor(async () => (await job.isCompleted()) || undefined);
    const r = await retentionOf(ctx().deps.db, ctx().agencyId, [p.householdId, q.householdId]);
    expect(r.get(p.householdId)!.anonymisedAt).not.toBeNull();
    expect(r.get(q.householdId)!.anonymisedAt).toBeNull();
  });

  // Last: it changes the schedule the other tests count with.
  it('lets an administrator change the schedule with a reason, never below the law, and keeps the history', async () => {
    const { browser } = await signedIn('admin');
    const page = await browser.get('/admin/retention');
    expect(page.status).toBe(200);
    expect(page.body).toContain('regulation 32');
    expect(page.body).toContain('Article 5(1)(e)');
    const below = await browser.post('/admin/retention', {
      approvedCarerYears: '5',
      refusedOrWithdrawnYears: '3',
      enquiryOnlyYears: '3',
      reason: 'Shorter',
    });
    expect(below.status).toBe(422);
    expect(below.body).toContain('must be kept at least 10 years (reg. 32)');
    const saved = await browser.post('/admin/retention', {
      approvedCarerYears: '10',
      refusedOrWithdrawnYears: '3',
      enquiryOnlyYears: '2',
      reason: 'Information governance board, March minutes',
    });
    expect(saved.status).toBe(303);
    const history = await browser.get('/admin/retention');
    expect(history.body).toContain('Information governance board, March minutes');
    expect(history.body).toContain('3 → 2 years');
    expect(history.body).toContain('value="2"');
  });
});
