/**
 * Issue 12 §6, regression tests with the right values:
 * - approval without a panel: a household booked on a panel meeting is approved only through that
 *   panel's recommendation and decision, never dated before it met; the plain move stays otherwise;
 * - "Sent" when nothing was sent: with no SMTP_URL the household history says the email was kept;
 * - records made late: a panel that met last week, a visit and a session in the past can be recorded.
 */
import { describe, expect, it } from 'vitest';
import { bookHousehold } from '../../src/events/bookings.service.ts';
import { createEvent } from '../../src/events/events.service.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { addDays, londonDate, londonToday, startOfLondonDay } from '../../src/calendar/dates.ts';
import { daysAgo, makeApiToken, makeEnquiry, makeUser, onlineSessionDefaults } from '../factories.ts';
import { completeStageOne } from '../helpers/checks.ts';
import { useTestContext } from '../helpers/context.ts';
import { dateFields } from '../helpers/forms.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { waitFor } from '../helpers/wait.ts';

const caseIdIn = (html: string, enquiryId: string) => {
  const row = html.split('<tr class="govuk-table__row">').find((r) => r.includes(`/enquiries/${enquiryId}"`));
  return row && /\/cases\/([0-9a-f-]{36})\//.exec(row)?.[1];
};

describe('the rules the product states are the rules it enforces', () => {
  const ctx = useTestContext();

  async function signedIn() {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
    const actor: Actor = { agencyId: ctx().agencyId, userId: user.id, role: 'officer' };
    return { browser, api, actor, user };
  }

  /** A household in assessment since `daysBack` days ago (each earlier step a day before). */
  async function inAssessment(actor: Actor, daysBack: number) {
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: daysAgo(daysBack + 3) });
    for (const [i, to] of (['initial_visit', 'application', 'assessment'] as const).entries()) {
      const at = startOfLondonDay(daysAgo(daysBack + 2 - i));
      await transition(ctx().deps.db, actor, e.id, { to, at: { at, dateOnly: true } });
    }
    await completeStageOne(ctx().deps.db, e.id);
    return e.id;
  }

  async function newPanel(browser: Browser, meetsOn: string) {
    await browser.get('/panels/new');
    const res = await browser.post('/panels', {
      ...dateFields('meetsOn', meetsOn),
      chair: 'Pat Chair',
      capacity: '4',
      notes: '',
    });
    expect(res.status, res.body.slice(0, 200)).toBe(303);
    return res.location!.split('/').pop()!;
  }

  it('a household booked onto a future panel cannot be approved by a plain move, from the page or the API', async () => {
    const { browser, api, actor } = await signedIn();
    const id = await inAssessment(actor, 10);
    const panelId = await newPanel(browser, addDays(londonToday(), 14));
    await browser.get(`/enquiries/${id}/panel/book`);
    expect((await browser.post(`/enquiries/${id}/panel`, { panelId })).status).toBe(303);

    const page = await browser.get(`/enquiries/${id}`);
    expect(page.body).not.toContain('Record approval');
    expect(page.body).not.toContain(`/enquiries/${id}/move/approved`);

    const form = await browser.get(`/enquiries/${id}/move/approved`);
    expect(form.status).toBe(409);
    expect(form.body).toContain('booked for the panel on');
    const posted = await browser.post(`/enquiries/${id}/move/approved`, { from: 'panel' });
    expect(posted.status).toBe(409);
    // The page shown again (say, to someone who had the form open when the household was booked)
    // says why, and offers no button that can only fail.
    expect(posted.body).toContain('booked for the panel on');
    expect(posted.body).not.toContain('is not booked on a panel meeting');
    expect(posted.body).not.toContain(`action="/enquiries/${id}/move/approved"`);
    const viaApi = await api.post(`/enquiries/${id}/transitions`, { to: 'approved' });
    expect(viaApi.status).toBe(409);
    expect(viaApi.body.error.code).toBe('invalid_transition');
    const refused = await api.post(`/enquiries/${id}/transitions`, { to: 'closed', reason: 'refused' });
    expect(refused.status).toBe(409);
    // The household may still withdraw (an Ofsted withdrawal code).
    const closeForm = await browser.get(`/enquiries/${id}/move/closed`);
    expect(closeForm.body).toContain('value="AW1"');
    expect(closeForm.body).not.toContain('value="refused"');
    expect(closeForm.body).not.toContain('value="not_recommended"');
    expect((await api.get(`/enquiries/${id}`)).body.stage).toBe('panel');
  });

  it('the plain move to approved stays for a household on no panel meeting, and records the decision itself', async () => {
    const { browser, api, actor } = await signedIn();
    const id = await inAssessment(actor, 10);
    await transition(ctx().deps.db, actor, id, {
      to: 'panel',
      at: { at: startOfLondonDay(daysAgo(5)), dateOnly: true },
    });
    const form = await browser.get(`/enquiries/${id}/move/approved`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('records the decision maker’s decision to approve');
    const res = await api.post(`/enquiries/${id}/transitions`, { to: 'approved', at: daysAgo(2) });
    expect(res.status).toBe(200);
    const detail = (await api.get(`/enquiries/${id}`)).body;
    expect(detail.stage).toBe('approved');
    expect(londonDate(new Date(detail.history.at(-1).at))).toBe(daysAgo(2));
  });

  it('a panel that met last week is recorded late: booked, recommended and decided, never dated before it met', async () => {
    const { browser, api, actor } = await signedIn();
    const metOn = daysAgo(7);
    const panelId = await newPanel(browser, metOn); // was 422 "must be today or in the future"
    const id = await inAssessment(actor, 20);

    // A panel that met before the household's last recorded step cannot be chosen.
    const late = await inAssessment(actor, 3);
    await browser.get(`/enquiries/${late}/panel/book`);
    const tooEarly = await browser.post(`/enquiries/${late}/panel`, { panelId });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body).toContain('met before this household’s last recorded step');

    const bookPage = await browser.get(`/enquiries/${id}/panel/book`);
    expect(bookPage.body).toContain('(met)');
    expect((await browser.post(`/enquiries/${id}/panel`, { panelId })).status).toBe(303);
    let detail = (await api.get(`/enquiries/${id}`)).body;
    expect(detail.stage).toBe('panel');
    expect(londonDate(new Date(detail.history.at(-1).at))).toBe(metOn);

    const page = await browser.get(`/enquiries/${id}`);
    expect(page.body).toContain('Record the panel’s recommendation');
    const caseId = caseIdIn((await browser.get(`/panels/${panelId}`)).body, id)!;
    const base = `/panels/${panelId}/cases/${caseId}`;
    await browser.get(`${base}/recommendation`);
    const recommended = await browser.post(`${base}/recommendation`, {
      recommendation: 'approve',
      ...dateFields('minutesReceivedOn', daysAgo(6)),
    });
    expect(recommended.status).toBe(303);
    expect((await browser.get(`/enquiries/${id}`)).body).toContain('Record the decision');

    // The decision is an outcome: never before the panel met (nor the minutes), never in the future.
    await browser.get(`${base}/decision`);
    const beforePanel = await browser.post(`${base}/decision`, {
      decision: 'approved',
      ...dateFields('decidedOn', daysAgo(8)),
    });
    expect(beforePanel.status).toBe(422);
    const future = await browser.post(`${base}/decision`, {
      decision: 'approved',
      ...dateFields('decidedOn', addDays(londonToday(), 1)),
    });
    expect(future.status).toBe(422);
    const decided = await browser.post(`${base}/decision`, {
      decision: 'approved',
      ...dateFields('decidedOn', daysAgo(4)),
    });
    expect(decided.status).toBe(303);
    detail = (await api.get(`/enquiries/${id}`)).body;
    expect(detail.stage).toBe('approved');
    expect(londonDate(new Date(detail.history.at(-1).at))).toBe(daysAgo(4));
  });

  it('a visit and an information session that happened last week can be recorded late', async () => {
    const { browser, api, user } = await signedIn();
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: daysAgo(20) });

    // The visit: arranged after the fact, then recorded as done, dated when it happened.
    await browser.get(`/enquiries/${e.id}/visits/new`);
    const arranged = await browser.post(`/enquiries/${e.id}/visits`, {
      ...dateFields('scheduledOn', daysAgo(6)),
      time: '10:30',
      officerId: user.id,
    });
    expect(arranged.status).toBe(303);
    // While it is arranged, the move to "Initial visit" goes through the visit.
    expect((await api.post(`/enquiries/${e.id}/transitions`, { to: 'initial_visit' })).status).toBe(409);
    const page = await browser.get(`/enquiries/${e.id}`);
    expect(page.body).not.toContain(`/enquiries/${e.id}/move/initial_visit`);
    const visitId = /\/visits\/([0-9a-f-]{36})\/complete/.exec(page.body)![1]!;
    expect((await browser.post(`/visits/${visitId}/complete`, {})).status).toBe(303);
    const detail = (await api.get(`/enquiries/${e.id}`)).body;
    expect(detail.stage).toBe('initial_visit');
    expect(londonDate(new Date(detail.history.at(-1).at))).toBe(daysAgo(6));

    // The session: set up after it was held, and attendance recorded.
    await browser.get('/events/new');
    const created = await browser.post('/events', {
      kind: 'information_session',
      title: 'Evening we forgot to enter',
      ...dateFields('date', daysAgo(7)),
      startTime: '7pm',
      endTime: '',
      online: 'yes',
      venue: '',
      joiningLink: '',
      capacity: '',
      campaignCode: '',
      description: '',
    });
    expect(created.status).toBe(303);
    const eventId = created.location!.split('/').pop()!;
    const attended = await api.post(`/events/${eventId}/attendance`, { enquiryId: e.id, attended: true });
    expect(attended.status).toBe(200);
    // From the pages: someone who came, added to the session after it was held.
    const other = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: daysAgo(20) });
    const eventPage = await browser.get(`/events/${eventId}`);
    expect(eventPage.body).toContain('Add a household who came');
    const addPage = await browser.get(`/events/${eventId}/book`);
    expect(addPage.status).toBe(200);
    expect(addPage.body).toContain('recorded as having come');
    const added = await browser.post(`/events/${eventId}/bookings`, { enquiryId: other.id });
    expect(added.status).toBe(303);
    const household = await browser.get(`/enquiries/${other.id}`);
    expect(household.body).toMatch(/Evening we forgot to enter[\s\S]*?came/);
  });

  it('a closed household’s arranged visit is not offered as "Record visit done" anywhere, since it cannot be', async () => {
    const { browser, api, user } = await signedIn();
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: daysAgo(20) });
    await browser.get(`/enquiries/${e.id}/visits/new`);
    await browser.post(`/enquiries/${e.id}/visits`, {
      ...dateFields('scheduledOn', daysAgo(2)),
      time: '10:30',
      officerId: user.id,
    });
    const visitId = /\/visits\/([0-9a-f-]{36})\/edit/.exec(
      (await browser.get(`/enquiries/${e.id}`)).body,
    )![1]!;
    expect((await api.post(`/enquiries/${e.id}/transitions`, { to: 'closed', reason: 'AW1' })).status).toBe(
      200,
    );
    expect((await browser.get(`/enquiries/${e.id}`)).body).not.toContain(`/visits/${visitId}/complete`);
    expect((await browser.get('/visits?officer=all')).body).not.toContain(`/visits/${visitId}/complete`);
    expect((await browser.post(`/visits/${visitId}/complete`, {})).status).toBe(409);
  });

  it('with no SMTP_URL, the household history says the email was kept, not sent, as Outgoing mail does', async () => {
    const { browser, actor } = await signedIn();
    const event = await createEvent(ctx().deps.db, actor, {
      kind: 'information_session',
      title: 'Status check evening',
      startsAt: new Date(Date.now() + 86_400_000 * 3),
      ...onlineSessionDefaults,
    });
    const h = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      applicants: [{ firstName: 'Kit', lastName: 'Kept', email: 'kit.kept@example.com' }],
    });
    await bookHousehold(ctx().deps, actor, event.id, h.id, 'staff');
    const worker = ctx().startWorker();
    try {
      const page = await waitFor(async () => {
        const p = await browser.get(`/enquiries/${h.id}`);
        return p.body.includes('Kept (not sent)') ? p : null;
      });
      const history = page.body.slice(page.body.indexOf('id="timeline"'));
      expect(history).toContain('Kept (not sent): no mail server is set up');
      expect(history).not.toMatch(/>\s*Sent\s*</);
      expect(history).not.toContain('Sent automatically');
      // Cancelling the session says what happened to its email, not "everyone has been emailed".
      await browser.get(`/events/${event.id}/cancel`);
      const cancelled = await browser.post(`/events/${event.id}/cancel`, {});
      expect(cancelled.status).toBe(303);
      const after = await browser.get(cancelled.location!);
      expect(after.body).toContain('1 email written to the people booked: kept in Outgoing mail, not sent');
      expect(after.body).not.toContain('has been emailed');
    } finally {
      await worker.close();
    }
  });
});
