import { describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { listAuditEvents } from '../../src/audit/audit.repo.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { bankHolidaysEnglandAndWales, type BankHoliday } from '../../src/calendar/bank-holidays.ts';
import { addDays, londonDate, londonToday } from '../../src/calendar/dates.ts';
import { computedEnglandAndWalesHolidays, defaultCalendar } from '../../src/calendar/working-days.ts';
import { formatDate } from '../../src/shared/format.ts';
import { daysAgo, makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { completeStageOne } from '../helpers/checks.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { dateFields } from '../helpers/forms.ts';

const caseIdIn = (html: string, enquiryId: string) => {
  const row = html.split('<tr class="govuk-table__row">').find((r) => r.includes(`/enquiries/${enquiryId}"`));
  return row && /\/cases\/([0-9a-f-]{36})\//.exec(row)?.[1];
};

describe('fostering panels', () => {
  const ctx = useTestContext();

  async function signedIn(role: 'officer' | 'manager' | 'comms' = 'officer', agencyId = ctx().agencyId) {
    const user = await makeUser(ctx().deps.db, agencyId, role);
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, agencyId, user.id));
    return { browser, user, api };
  }

  /** A household moved through the pipeline, as far as `stage`. */
  async function householdAt(stage: 'enquiry' | 'assessment', agencyId = ctx().agencyId) {
    const e = await makeEnquiry(ctx().deps.db, agencyId, { receivedAt: daysAgo(60) });
    if (stage === 'assessment') {
      for (const to of ['initial_visit', 'application', 'assessment'] as const) {
        await transition(ctx().deps.db, systemActor(agencyId, 'test'), e.id, { to });
      }
      await completeStageOne(ctx().deps.db, e.id);
    }
    return e;
  }

  async function newPanel(
    browser: Browser,
    fields: { meetsOn?: string; capacity?: string; chair?: string } = {},
  ) {
    await browser.get('/panels/new');
    const res = await browser.post('/panels', {
      ...dateFields('meetsOn', fields.meetsOn ?? londonToday()),
      chair: fields.chair ?? 'Pat Chair',
      capacity: fields.capacity ?? '4',
      notes: '',
    });
    expect(res.status).toBe(303);
    return res.location!.split('/').pop()!;
  }

  async function book(browser: Browser, enquiryId: string, panelId: string) {
    await browser.get(`/enquiries/${enquiryId}/panel/book`);
    return browser.post(`/enquiries/${enquiryId}/panel`, { panelId });
  }

  it('sets up a panel meeting, keeping what was typed when something is wrong', async () => {
    const { browser } = await signedIn();
    const form = await browser.get('/panels/new');
    expect(form.status).toBe(200);
    // Issue 12: a past meeting may be recorded (see approval-rules.test.ts); too far ahead may not.
    const tooFar = addDays(londonToday(), 800);
    const bad = await browser.post('/panels', {
      ...dateFields('meetsOn', tooFar),
      chair: '',
      capacity: '0',
      notes: 'Room 4, County Hall',
    });
    expect(bad.status).toBe(422);
    for (const message of [
      'The panel date must be within the next 24 months',
      'Enter the name of the panel chair',
      'Enter a whole number of households, from 1 to 20',
    ]) {
      expect(bad.body).toContain(message);
    }
    expect(bad.body).toContain('value="0"');
    expect(bad.body).toContain('Room 4, County Hall');
    expect(bad.body).toContain(`value="${Number(tooFar.slice(8))}"`);

    const nextMonth = addDays(londonToday(), 30);
    const id = await newPanel(browser, { meetsOn: nextMonth, chair: 'Priya Chair', capacity: '3' });
    const page = await browser.get(`/panels/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Priya Chair');
    expect(page.body).toContain('0 of 3 places taken');
    const list = await browser.get('/panels');
    expect(list.body).toContain(`/panels/${id}`);
    expect((await browser.get('/panels?when=past')).body).not.toContain(`/panels/${id}`);
  });

  it('books a household in assessment onto a panel, moving it to "Panel"', async () => {
    const { browser, api } = await signedIn();
    const e = await householdAt('assessment');
    const panelId = await newPanel(browser, { meetsOn: addDays(londonToday(), 14) });
    const household = await browser.get(`/enquiries/${e.id}`);
    expect(household.body).toContain('Book onto panel');

    const before = Date.now();
    const res = await book(browser, e.id, panelId);
    expect(res.status).toBe(303);
    const page = await browser.get(`/enquiries/${e.id}`);
    expect(page.body).toContain('moved to Panel');
    expect(page.body).toContain(`href="/panels/${panelId}"`);
    expect(page.body).not.toContain('Book onto panel');

    const detail = (await api.get(`/enquiries/${e.id}`)).body;
    expect(detail.stage).toBe('panel');
    const event = detail.history.at(-1);
    expect(event.stage).toBe('panel');
    expect(new Date(event.at).getTime()).toBeGreaterThanOrEqual(before - 1000);

    // Booking again while booked is refused.
    const again = await book(browser, e.id, panelId);
    expect(again.status).toBe(409);
    expect(again.body).toContain('already booked');

    const panelPage = await browser.get(`/panels/${panelId}`);
    expect(panelPage.body).toContain('1 of 4 places taken');
    const caseId = caseIdIn(panelPage.body, e.id)!;
    const audit = await listAuditEvents(ctx().deps.db, ctx().agencyId, {
      entityType: 'panel_case',
      entityId: caseId,
      limit: 5,
    });
    expect(audit.map((a) => a.action)).toEqual(['panel.case_booked']);

    // A household still at "Enquiry" cannot be booked.
    const early = await householdAt('enquiry');
    expect((await browser.get(`/enquiries/${early.id}`)).body).not.toContain('Book onto panel');
    expect((await book(browser, early.id, panelId)).status).toBe(409);
  });

  /** An administrator saves the bundled list (the usual rules for later years) with a one-off holiday added. */
  async function addOneOffHoliday(date: string) {
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const adminBrowser = new Browser(ctx().baseUrl);
    await adminBrowser.signIn(admin.email, admin.password);
    const bundledYears = new Set(bankHolidaysEnglandAndWales.map((h) => Number(h.date.slice(0, 4))));
    const thisYear = Number(londonToday().slice(0, 4));
    const laterYears = [thisYear, thisYear + 1, thisYear + 2].filter((y) => !bundledYears.has(y));
    const holidays: BankHoliday[] = [
      ...bankHolidaysEnglandAndWales,
      ...laterYears.flatMap((y) => computedEnglandAndWalesHolidays(y)),
      { date, title: 'A one-off holiday' },
    ];
    await adminBrowser.get('/admin/bank-holidays');
    const saved = await adminBrowser.post('/admin/bank-holidays', {
      json: JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: holidays } }),
    });
    expect(saved.status).toBe(303);
  }

  it('moves the panel papers deadline when an administrator adds a one-off bank holiday', async () => {
    const { browser } = await signedIn('manager');
    const e = await householdAt('assessment');
    // A panel about four weeks ahead, and a working day between its papers deadline and the meeting.
    const meetsOn = defaultCalendar.addWorkingDays(addDays(londonToday(), 28), 0);
    const dueBefore = defaultCalendar.addWorkingDays(meetsOn, -5);
    const oneOff = defaultCalendar.addWorkingDays(meetsOn, -2);
    const dueAfter = defaultCalendar.addWorkingDays(dueBefore, -1);
    const panelId = await newPanel(browser, { meetsOn });
    expect((await book(browser, e.id, panelId)).status).toBe(303);
    expect((await browser.get(`/panels/${panelId}`)).body).toContain(
      `By ${formatDate(dueBefore)} (5 working days`,
    );
    expect((await browser.get(`/enquiries/${e.id}`)).body).toContain(`due by ${formatDate(dueBefore)}`);

    await addOneOffHoliday(oneOff);

    expect((await browser.get(`/panels/${panelId}`)).body).toContain(
      `By ${formatDate(dueAfter)} (5 working days`,
    );
    expect((await browser.get(`/enquiries/${e.id}`)).body).toContain(`due by ${formatDate(dueAfter)}`);
    const caseId = caseIdIn((await browser.get(`/panels/${panelId}`)).body, e.id)!;
    const papers = await browser.get(`/panels/${panelId}/cases/${caseId}/papers`);
    expect(papers.body).toContain(`, by ${formatDate(dueAfter)}.`);
  });

  it('moves the decision due date when an administrator adds a one-off bank holiday', async () => {
    const { browser } = await signedIn('manager');
    const e = await householdAt('assessment');
    const today = londonToday();
    const panelId = await newPanel(browser, { meetsOn: today });
    await book(browser, e.id, panelId);
    const caseId = caseIdIn((await browser.get(`/panels/${panelId}`)).body, e.id)!;
    const base = `/panels/${panelId}/cases/${caseId}`;
    await browser.get(`${base}/recommendation`);
    const recorded = await browser.post(`${base}/recommendation`, {
      recommendation: 'approve',
      ...dateFields('minutesReceivedOn', today),
    });
    expect(recorded.status).toBe(303);
    const dueBefore = defaultCalendar.addWorkingDays(today, 7);
    const dueAfter = defaultCalendar.addWorkingDays(dueBefore, 1);
    expect((await browser.get(`/panels/${panelId}`)).body).toContain(`Due by ${formatDate(dueBefore)}`);

    await addOneOffHoliday(defaultCalendar.addWorkingDays(today, 3));

    expect((await browser.get(`/panels/${panelId}`)).body).toContain(`Due by ${formatDate(dueAfter)}`);
    const decision = await browser.get(`${base}/decision`);
    expect(decision.body).toContain(`The decision is due by ${formatDate(dueAfter)}`);
  });

  it('refuses a booking when the panel is full, and takes it once a place is freed', async () => {
    const { browser, api } = await signedIn();
    const [first, second] = [await householdAt('assessment'), await householdAt('assessment')];
    const panelId = await newPanel(browser, { meetsOn: addDays(londonToday(), 7), capacity: '1' });
    expect((await book(browser, first.id, panelId)).status).toBe(303);

    const form = await browser.get(`/enquiries/${second.id}/panel/book`);
    expect(form.body).toContain('Full: 1 of 1 places taken');
    const full = await browser.post(`/enquiries/${second.id}/panel`, { panelId });
    expect(full.status).toBe(409);
    expect(full.body).toContain('is full (1 of 1 places taken)');
    expect(full.body).toContain('href="#panelId"');
    expect((await api.get(`/enquiries/${second.id}`)).body.stage).toBe('assessment');

    const viaApi = await api.post(`/panels/${panelId}/cases`, { enquiryId: second.id });
    expect(viaApi.status).toBe(409);
    expect(viaApi.body.error.code).toBe('conflict');

    // Withdrawing the first household frees the place; it stays at "Panel".
    const caseId = caseIdIn((await browser.get(`/panels/${panelId}`)).body, first.id)!;
    const withdrawn = await browser.post(`/panels/${panelId}/cases/${caseId}/withdraw`, {});
    expect(withdrawn.status).toBe(303);
    expect((await api.get(`/enquiries/${first.id}`)).body.stage).toBe('panel');
    expect((await book(browser, second.id, panelId)).status).toBe(303);
    const page = await browser.get(`/panels/${panelId}`);
    expect(page.body).toContain('Withdrawn from this panel');
    expect(page.body).toContain('1 of 1 places taken');
    // The withdrawn household can be booked again (here: the panel is full again).
    expect((await browser.get(`/enquiries/${first.id}`)).body).toContain('Book onto panel');
  });

  it('records papers, the recommendation and an approval, which moves the household to "Approved"', async () => {
    const { browser, api } = await signedIn('manager');
    const e = await householdAt('assessment');
    const panelId = await newPanel(browser);
    await book(browser, e.id, panelId);
    const caseId = caseIdIn((await browser.get(`/panels/${panelId}`)).body, e.id)!;
    const base = `/panels/${panelId}/cases/${caseId}`;

    await browser.get(`${base}/papers`);
    const future = await browser.post(
      `${base}/papers`,
      dateFields('papersSentOn', addDays(londonToday(), 1)),
    );
    expect(future.status).toBe(422);
    expect(future.body).toContain('must be today or in the past');
    expect((await browser.post(`${base}/papers`, dateFields('papersSentOn', londonToday()))).status).toBe(
      303,
    );
    const panelPage = await browser.get(`/panels/${panelId}`);
    expect(panelPage.body).toContain('Late'); // papers are due 5 working days before

    // The decision needs the recommendation first.
    expect((await browser.get(`${base}/decision`)).status).toBe(200);
    const tooSoon = await browser.post(`${base}/decision`, { decision: 'approved' });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body).toContain('Record the panel’s recommendation before the decision');

    await browser.get(`${base}/recommendation`);
    const noChoice = await browser.post(`${base}/recommendation`, {});
    expect(noChoice.status).toBe(422);
    expect(noChoice.body).toContain('Select what the panel recommended');
    expect((await browser.post(`${base}/recommendation`, { recommendation: 'approve' })).status).toBe(303);

    const noMinutes = await browser.post(`${base}/decision`, {
      decision: 'approved',
      note: 'Keep this note',
    });
    expect(noMinutes.status).toBe(422);
    expect(noMinutes.body).toContain('Enter the date the decision maker received the panel’s minutes');
    expect(noMinutes.body).toContain('Keep this note');
    expect(noMinutes.body).toMatch(/value="approved" checked/);

    const decided = await browser.post(`${base}/decision`, {
      decision: 'approved',
      ...dateFields('minutesReceivedOn', londonToday()),
    });
    expect(decided.status).toBe(303);
    expect(decided.location).toBe(`/enquiries/${e.id}`);

    const detail = (await api.get(`/enquiries/${e.id}`)).body;
    expect(detail.stage).toBe('approved');
    const approved = detail.history.at(-1);
    expect(approved.stage).toBe('approved');
    expect(londonDate(new Date(approved.at))).toBe(londonToday());
    const household = await browser.get(`/enquiries/${e.id}`);
    expect(household.body).toContain('Moved to Approved');
    expect(household.body).toContain('approved by the decision maker');

    const again = await browser.post(`${base}/decision`, { decision: 'refused' });
    expect(again.status).toBe(409);

    const audit = await listAuditEvents(ctx().deps.db, ctx().agencyId, {
      entityType: 'panel_case',
      entityId: caseId,
      limit: 10,
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      'panel.case_booked',
      'panel.decision_recorded',
      'panel.papers_sent',
      'panel.recommendation_recorded',
    ]);
  });

  it('closes a refused household: "refused" against a recommendation to approve, "not recommended" when the decision maker agrees with the panel', async () => {
    const { browser, api } = await signedIn();
    const panelId = await newPanel(browser);
    const outcomes: Record<string, string> = {};
    for (const recommendation of ['approve', 'not_approve'] as const) {
      const e = await householdAt('assessment');
      await book(browser, e.id, panelId);
      const caseId = caseIdIn((await browser.get(`/panels/${panelId}`)).body, e.id)!;
      const base = `/panels/${panelId}/cases/${caseId}`;
      await browser.get(`${base}/recommendation`);
      await browser.post(`${base}/recommendation`, {
        recommendation,
        ...dateFields('minutesReceivedOn', londonToday()),
      });
      const form = await browser.get(`${base}/decision`);
      expect(form.body).toContain(
        recommendation === 'approve' ? 'Refused by the decision maker' : 'Not recommended by panel',
      );
      const res = await browser.post(`${base}/decision`, { decision: 'refused' });
      expect(res.status).toBe(303);
      const detail = (await api.get(`/enquiries/${e.id}`)).body;
      expect(detail.stage).toBe('closed');
      outcomes[recommendation] = detail.history.at(-1).reason;
    }
    expect(outcomes).toEqual({ approve: 'refused', not_approve: 'not_recommended' });
  });

  it('refuses a recommendation before the panel has met, and a decision dated before the minutes', async () => {
    const { browser, api } = await signedIn();
    const later = await newPanel(browser, { meetsOn: addDays(londonToday(), 10) });
    const e = await householdAt('assessment');
    await book(browser, e.id, later);
    const caseId = caseIdIn((await browser.get(`/panels/${later}`)).body, e.id)!;
    expect((await browser.get(`/panels/${later}`)).body).not.toContain(`${caseId}/recommendation`);
    const early = await api.post(`/panels/${later}/cases/${caseId}/recommendation`, {
      recommendation: 'approve',
    });
    expect(early.status).toBe(409);

    // Papers cannot be dated after the panel, nor in the future.
    const papers = await api.post(`/panels/${later}/cases/${caseId}/papers`, {
      papersSentOn: addDays(londonToday(), 11),
    });
    expect(papers.status).toBe(422);

    const today = await newPanel(browser);
    const other = await householdAt('assessment');
    await book(browser, other.id, today);
    const otherCase = caseIdIn((await browser.get(`/panels/${today}`)).body, other.id)!;
    await api.post(`/panels/${today}/cases/${otherCase}/recommendation`, { recommendation: 'approve' });
    const backdated = await api.post(`/panels/${today}/cases/${otherCase}/decision`, {
      decision: 'approved',
      decidedOn: daysAgo(1),
      minutesReceivedOn: londonToday(),
    });
    expect(backdated.status).toBe(422);
    expect(backdated.body.error.issues[0].path).toBe('decidedOn');
    const minutesBeforePanel = await api.post(`/panels/${today}/cases/${otherCase}/decision`, {
      decision: 'approved',
      minutesReceivedOn: daysAgo(2),
    });
    expect(minutesBeforePanel.status).toBe(422);
    expect(minutesBeforePanel.body.error.issues[0].path).toBe('minutesReceivedOn');
    expect((await api.get(`/enquiries/${other.id}`)).body.stage).toBe('panel');
  });

  it('takes a household that withdrew after the recommendation off the agenda, but not one still at panel', async () => {
    const { browser, api, user } = await signedIn();
    const panelId = await newPanel(browser);
    const e = await householdAt('assessment');
    await book(browser, e.id, panelId);
    const caseId = caseIdIn((await browser.get(`/panels/${panelId}`)).body, e.id)!;
    await api.post(`/panels/${panelId}/cases/${caseId}/recommendation`, { recommendation: 'approve' });
    const stillAtPanel = await api.post(`/panels/${panelId}/cases/${caseId}/withdraw`);
    expect(stillAtPanel.status).toBe(409);
    expect((await browser.get(`/panels/${panelId}`)).body).not.toContain(`${caseId}/withdraw`);

    await transition(ctx().deps.db, { agencyId: ctx().agencyId, userId: user.id, role: 'officer' }, e.id, {
      to: 'closed',
      reason: 'AW3',
    });
    expect((await browser.get(`/panels/${panelId}`)).body).toContain(`${caseId}/withdraw`);
    const withdrawn = await api.post(`/panels/${panelId}/cases/${caseId}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawnAt).toBeTruthy();
    expect((await api.get(`/panels/${panelId}`)).body.booked).toBe(0);
  });

  it('lists and creates panels through the API, with field messages for bad input', async () => {
    const { api } = await signedIn('manager');
    const created = await api.post('/panels', {
      meetsOn: addDays(londonToday(), 21),
      chair: 'Api Chair',
      capacity: 5,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ chair: 'Api Chair', capacity: 5, booked: 0 });
    const list = await api.get('/panels');
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
    const one = await api.get(`/panels/${created.body.id}`);
    expect(one.body).toMatchObject({ id: created.body.id, cases: [] });

    const bad = await api.post('/panels', { meetsOn: '2026-02-30', capacity: 'lots', extra: true });
    expect(bad.status).toBe(422);
    const paths = (bad.body.error.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['capacity', 'chair', 'extra', 'meetsOn']);
    expect((await api.get('/panels?when=sometime')).status).toBe(422);
  });

  it('keeps comms staff out of panels, by page and by API', async () => {
    const { browser, api } = await signedIn('comms');
    expect((await browser.get('/panels')).status).toBe(403);
    expect((await browser.get('/panels/new')).status).toBe(403);
    expect((await browser.post('/panels', { chair: 'X' })).status).toBe(403);
    const e = await householdAt('assessment');
    expect((await browser.get(`/enquiries/${e.id}/panel/book`)).status).toBe(403);
    expect((await api.get('/panels')).status).toBe(403);
    expect((await api.post('/panels', { meetsOn: londonToday(), chair: 'X', capacity: 2 })).status).toBe(403);
  });

  it("keeps another agency's panels and households apart", async () => {
    const { db } = ctx().deps;
    const { browser: browserA } = await signedIn('officer');
    const panelA = await newPanel(browserA);
    const householdA = await householdAt('assessment');
    await book(browserA, householdA.id, panelA);
    const caseA = caseIdIn((await browserA.get(`/panels/${panelA}`)).body, householdA.id)!;

    const agencyB = await insertAgency(db, { name: 'Southvale', slug: `southvale-panels-${Date.now()}` });
    const { browser: browserB, api: apiB } = await signedIn('manager', agencyB.id);
    const panelB = await newPanel(browserB);
    const householdB = await householdAt('assessment', agencyB.id);

    expect((await browserB.get('/panels?when=all')).body).not.toContain(panelA);
    expect((await browserB.get(`/panels/${panelA}`)).status).toBe(404);
    expect((await apiB.get(`/panels/${panelA}`)).status).toBe(404);
    expect((await apiB.get('/panels?when=all')).body.items.map((p: { id: string }) => p.id)).toEqual([
      panelB,
    ]);
    // B's household onto A's panel, and A's household onto B's panel: neither exists for the other.
    const ontoA = await book(browserB, householdB.id, panelA);
    expect(ontoA.status).toBe(422);
    expect(ontoA.body).toContain('Choose a panel meeting from the list');
    expect((await apiB.post(`/panels/${panelB}/cases`, { enquiryId: householdA.id })).status).toBe(404);
    expect((await browserB.get(`/panels/${panelA}/cases/${caseA}/decision`)).status).toBe(404);
    expect((await apiB.post(`/panels/${panelA}/cases/${caseA}/withdraw`)).status).toBe(404);
    expect((await apiB.post(`/panels/${panelB}/cases/${caseA}/withdraw`)).status).toBe(404);
  });
});
