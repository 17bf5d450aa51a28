import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approvalSettingChanges } from '../../src/approval-settings/approval-settings.table.ts';
import { changeApprovalRoute } from '../../src/approval-settings/approval-settings.service.ts';
import { auditEvents } from '../../src/audit/audit.table.ts';
import { addDays, daysBetween, londonDateTime, londonToday } from '../../src/calendar/dates.ts';
import { formatDate } from '../../src/shared/format.ts';
import { makeHousehold, toAssessment } from '../deadlines/households.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

const dateParts = (iso: string) => ({
  'effectiveFrom[day]': String(Number(iso.slice(8, 10))),
  'effectiveFrom[month]': String(Number(iso.slice(5, 7))),
  'effectiveFrom[year]': iso.slice(0, 4),
});

/** Weeks in words as the page says them, from the days between two dates. */
const weeksOrDays = (days: number) => (days >= 14 ? `${Math.floor(days / 7)} weeks` : `${days} days`);

describe('the approval rules page, API and household page', () => {
  const ctx = useTestContext();

  it('lets an administrator change the route and the standard from a date, refusing bad input with field messages', async () => {
    const db = ctx().deps.db;
    const admin = await makeUser(db, ctx().agencyId, 'admin', { name: 'Ada Admin' });
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(admin.email, admin.password);

    const first = await browser.get('/admin/approval-rules');
    expect(first.status).toBe(200);
    expect(first.body).toContain('Panel recommendation then decision maker (national rules)');
    expect(first.body).toContain('8 months (national standard)');
    expect(first.body).toContain('No changes recorded');

    expect((await browser.get('/admin/approval-rules/route')).status).toBe(200);
    const bad = await browser.post('/admin/approval-rules/route', {
      'effectiveFrom[day]': '30',
      'effectiveFrom[month]': '2',
      'effectiveFrom[year]': '2027',
      reason: '',
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Choose “Panel recommendation then decision maker” or “Decision maker only”');
    expect(bad.body).toContain('The date the change takes effect must be a real date');
    expect(bad.body).toContain('Enter why the rule is changing');
    expect(bad.body).toMatch(/name="effectiveFrom\[day\]"[^>]*value="30"/);

    const sameAsToday = await browser.post('/admin/approval-rules/route', {
      route: 'panel_then_decision_maker',
      ...dateParts('2027-04-01'),
      reason: 'No change',
    });
    expect(sameAsToday.status).toBe(422);
    expect(sameAsToday.body).toContain(
      'Panel recommendation then decision maker is already the rule on 1 April 2027',
    );
    expect(await db.select().from(approvalSettingChanges)).toEqual([]);

    const future = addDays(londonToday(), 120);
    const good = await browser.post('/admin/approval-rules/route', {
      route: 'decision_maker_only',
      ...dateParts(future),
      reason: 'DfE fostering plan: panels removed',
    });
    expect(good.status).toBe(303);
    const after = await browser.get('/admin/approval-rules');
    expect(after.body).toContain(
      `Approval route: Decision maker only from ${formatDate(future)} (scheduled).`,
    );
    expect(after.body).toContain(`Decision maker only from ${formatDate(future)}`);
    expect(after.body).toContain('Panel recommendation then decision maker → Decision maker only');
    expect(after.body).toContain('Ada Admin');
    expect(after.body).toContain('DfE fostering plan: panels removed');

    const zero = await browser.post('/admin/approval-rules/standard', {
      months: '0',
      ...dateParts(future),
      reason: 'x',
    });
    expect(zero.status).toBe(422);
    expect(zero.body).toContain('Enter a whole number of months, from 1 to 24');
    const six = await browser.post('/admin/approval-rules/standard', {
      months: '6',
      ...dateParts(future),
      reason: 'New timeliness standard',
    });
    expect(six.status).toBe(303);
    expect((await browser.get('/admin/approval-rules')).body).toContain('8 months → 6 months');

    const audits = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.agencyId, ctx().agencyId), eq(auditEvents.action, 'approval_setting.changed')),
      );
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => a.changes)).toContainEqual({
      setting: { to: 'approval_route' },
      value: { from: 'panel_then_decision_maker', to: 'decision_maker_only' },
      effectiveFrom: { to: future },
    });

    const api = apiClient(ctx().baseUrl, await makeApiToken(db, ctx().agencyId, admin.id));
    const read = await api.get('/settings/approval-rules');
    expect(read.status).toBe(200);
    expect(read.body.approvalRoute.current).toEqual({
      value: 'panel_then_decision_maker',
      label: 'Panel recommendation then decision maker',
      since: null,
    });
    expect(read.body.approvalRoute.scheduled).toEqual([
      { value: 'decision_maker_only', label: 'Decision maker only', effectiveFrom: future },
    ]);
    expect(read.body.timelinessStandard.history[0]).toMatchObject({
      value: 6,
      previousValue: 8,
      recordedBy: 'Ada Admin',
    });
    expect((await api.get('/settings/approval-rules?x=1')).status).toBe(422);
  });

  it('shows each household its route and its standard, and offers no panel booking without a panel', async () => {
    const db = ctx().deps.db;
    const agencyId = ctx().agencyId;
    const admin = await makeUser(db, agencyId, 'admin');
    const manager = await makeUser(db, agencyId, 'manager');
    // Recorded in January, in advance: no panel for households applying from 1 March 2026.
    await changeApprovalRoute(
      db,
      { agencyId, userId: admin.id, role: 'admin' },
      { route: 'decision_maker_only', effectiveFrom: '2026-03-01', reason: 'Pilot without panels' },
      londonDateTime('2026-01-10', '12:00'),
    );
    const before = await makeHousehold(db, agencyId, {
      receivedOn: '2026-01-02',
      lastName: 'Panelroute',
      moves: toAssessment('2026-02-27', '2026-01-15', '2026-03-10'),
    });
    const after = await makeHousehold(db, agencyId, {
      receivedOn: '2026-01-05',
      lastName: 'Nopanel',
      moves: toAssessment('2026-03-03', '2026-01-20', '2026-03-12'),
    });
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(manager.email, manager.password);

    const page = (await browser.get(`/enquiries/${after.id}`)).body;
    expect(page).toContain('Decision maker only');
    expect(page).toContain('(rules from 1 March 2026)');
    const today = londonToday();
    const left = daysBetween(today, '2026-11-03');
    const expected =
      left > 0 ? `${weeksOrDays(left)} left` : left === 0 ? 'due today' : `${weeksOrDays(-left)} over`;
    expect(page.replace(/\s+/g, ' ')).toContain(
      `Applied 3 March 2026: standard 8 months → 3 November 2026; ${expected}`,
    );
    expect(page).toContain('panel booking is not offered');
    expect(page).not.toContain(`/enquiries/${after.id}/panel/book`);
    expect(page).toContain(`/enquiries/${after.id}/move/approved`);

    const panelPage = (await browser.get(`/enquiries/${before.id}`)).body;
    expect(panelPage).toContain('Panel recommendation then decision maker');
    expect(panelPage).toContain('national rules');
    expect(panelPage.replace(/\s+/g, ' ')).toContain(
      'Applied 27 February 2026: standard 8 months → 27 October 2026',
    );
    expect(panelPage).not.toContain(`/enquiries/${before.id}/move/approved`);
  });
});
