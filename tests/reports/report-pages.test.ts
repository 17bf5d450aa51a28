import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.table.ts';
import { makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';
import { buildHistory, expectedFunnel } from './history.ts';
import { hrefOf, parseCsv, tableCells } from './tables.ts';

describe('report pages', () => {
  const ctx = useTestContext();
  let history: Awaited<ReturnType<typeof buildHistory>>;
  const browsers: Partial<Record<'manager' | 'comms' | 'officer' | 'admin', Browser>> = {};

  beforeAll(async () => {
    history = await buildHistory(ctx().deps.db, ctx().agencyId, ctx().baseUrl);
    for (const role of ['comms', 'officer', 'admin'] as const) {
      const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
      browsers[role] = new Browser(ctx().baseUrl);
      await browsers[role].signIn(user.email, user.password);
    }
    browsers.manager = new Browser(ctx().baseUrl);
    await browsers.manager.signIn(history.manager.email, history.manager.password);
  });
  const as = (role: keyof typeof browsers) => browsers[role]!;

  it('shows the committee table for a past year, and the CSV download has the same cells', async () => {
    const page = await as('manager').get(`/reports/funnel?year=${history.past}&compare=previous_year`);
    expect(page.status).toBe(200);
    const table = tableCells(page.body, 'committee-table');
    expect(table).toEqual(expectedFunnel(history.past));
    expect(page.body).toMatch(/Figures as at \d+ \w+ \d{4} at/);
    // The counting rules are stated, and the net change is spelled out for managers.
    expect(page.body).toContain('whatever month they applied');
    expect(page.body).toContain('1 approved + 1 transferred in − 2 left = 0');
    expect(tableCells(page.body, 'net-carers')).toContainEqual([
      'Left: approval ended: standards of care concerns',
      '1',
      '0',
    ]);

    const href = hrefOf(page.body, /href="(\/reports\/funnel\.csv\?[^"]+)"/);
    expect(href).toContain(`from=${history.past}-04-01`);
    const csv = await as('manager').get(href);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="committee-table-.+\.csv"$/,
    );
    expect(parseCsv(csv.body)).toEqual(table);
  });

  it('labels the current year "Total YTD" and compares like for like when asked', async () => {
    const page = await as('manager').get('/reports/funnel?compare=same_period');
    const [head, , enquiries] = tableCells(page.body, 'committee-table');
    expect(head!.at(-2)).toBe('Total YTD');
    expect(head![1]).toMatch(/^Apr( \d{4})?$/);
    expect(enquiries![0]).toBe('Enquiries');
    expect(enquiries!.at(-2)).toBe('1');
    expect(page.body).toMatch(/value="same_period" checked/);
  });

  it('counts mainstream by default, says what that means, and carries the route chosen to the CSV', async () => {
    const page = await as('manager').get(`/reports/funnel?year=${history.past}`);
    expect(page.body).toMatch(/value="mainstream" checked/);
    expect(page.body).toContain('Households counted: Mainstream fostering (what Ofsted counts).');
    expect(page.body).toContain('including those fostering to adopt');
    // The history has no family and friends household: every count is nought on that route.
    const family = await as('manager').get(`/reports/funnel?year=${history.past}&route=family_and_friends`);
    expect(family.body).toMatch(/value="family_and_friends" checked/);
    const rows = tableCells(family.body, 'committee-table').slice(1);
    expect(rows.every((row) => row.slice(1).every((cell) => cell === '0'))).toBe(true);
    const href = hrefOf(family.body, /href="(\/reports\/funnel\.csv\?[^"]+)"/);
    expect(href).toContain('route=family_and_friends');
    expect(parseCsv((await as('manager').get(href)).body).slice(1)).toEqual(rows);
    // A route nobody offers: the page shows the error; the CSV, read strictly, answers 422.
    const bogus = await as('manager').get(`/reports/net-carers?year=${history.past}&route=bogus`);
    expect(bogus.status).toBe(422);
    expect(bogus.body).toContain('Choose mainstream, family_and_friends or all');
    for (const path of ['funnel', 'net-carers', 'conversion', 'campaigns', 'ofsted']) {
      const csv = await as('manager').get(`/reports/${path}.csv?year=${history.past}&route=bogus`);
      expect(csv.status, path).toBe(422);
    }
    const campaigns = await as('manager').get(
      `/reports/campaigns?year=${history.past}&route=family_and_friends`,
    );
    expect(campaigns.body).toContain('Family and friends (connected person) households are never credited');
  });

  it('answers a bad period with 422, the error summary and what was typed', async () => {
    const backwards = await as('manager').get('/reports/funnel?from=2025-06-01&to=2025-05-01');
    expect(backwards.status).toBe(422);
    expect(backwards.body).toContain('There is a problem');
    expect(backwards.body).toContain('href="#to"');
    expect(backwards.body).toContain('The end date must be on or after the start date');
    expect(backwards.body).toContain('value="2025-06-01"');
    expect(backwards.body).toContain('value="2025-05-01"');
    expect(backwards.body).toMatch(/<title>Error: /);

    const notADate = await as('manager').get('/reports/net-carers?from=2025-02-30&to=');
    expect(notADate.status).toBe(422);
    expect(notADate.body).toContain('Enter the start date as a real date');
    expect(notADate.body).toContain('value="2025-02-30"');

    const year = await as('manager').get('/reports/ofsted?year=soon');
    expect(year.status).toBe(422);
    expect(year.body).toContain('Enter the year the financial year starts');

    expect((await as('manager').get('/reports/funnel.csv?from=nonsense')).status).toBe(422);
    expect((await as('comms').get('/reports/campaigns?compare=x&from=2026-01-01&to=2025-01-01')).status).toBe(
      422,
    );
  });

  it('shows net carers with a chart, its summary and the figures, and audits the view', async () => {
    const page = await as('manager').get(`/reports/net-carers?year=${history.past}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('1 approved + 1 transferred in − 2 left = 0');
    expect(tableCells(page.body, 'net-carers')).toContainEqual(['Approved at the end of the period', '2']);
    expect(page.body).toMatch(/<svg class="app-chart"[^>]*role="img" aria-labelledby="chart-summary"/);
    expect(page.body).toMatch(/id="chart-summary">Approved households went from \d+ at the end of April/);
    const months = tableCells(page.body, 'net-carers-months');
    expect(months).toHaveLength(13);
    expect(months.at(-1)).toEqual([`Mar ${history.past + 1}`, '2', '0']);

    const csv = await as('manager').get(`/reports/net-carers.csv?year=${history.past}`);
    expect(parseCsv(csv.body)).toEqual(tableCells(page.body, 'net-carers'));
  });

  it('shows conversion against benchmarks, time in stage, and the Ofsted return', async () => {
    const conversion = await as('manager').get(`/reports/conversion?year=${history.past}`);
    expect(tableCells(conversion.body, 'conversion-flow')).toContainEqual([
      'Enquiry → Initial visit',
      '3',
      '1',
      '75%',
    ]);
    expect(conversion.body).toContain('Councils in England, 2022/23');
    expect(tableCells(conversion.body, 'conversion-cohorts').at(-1)).toEqual([
      'All months',
      '4',
      '3',
      '3',
      '2',
      '2',
      '2',
    ]);

    const time = await as('manager').get(`/reports/time-in-stage?year=${history.past}`);
    expect(time.body).toContain('Median 82 days from application, 90% within 133 days');
    expect(tableCells(time.body, 'exits')).toContainEqual([
      'Household circumstances changed during the assessment (other than for financial reasons)',
      '0',
      '0',
      '1',
      '0',
      '0',
    ]);

    const ofsted = await as('manager').get(`/reports/ofsted?year=${history.past}`);
    const rows = tableCells(ofsted.body, 'ofsted-return');
    // Columns: figure, code, whether Ofsted asks for it, mainstream, family and friends (none here).
    expect(rows[0]).toEqual(['Figure', 'Code', 'Ofsted asks for it', 'Mainstream', 'Family and friends']);
    expect(rows).toContainEqual(['Initial enquiries received in the year', '', 'Yes', '4', '0']);
    expect(rows).toContainEqual([
      'Withdrew before consideration at panel: Household circumstances changed during the assessment (other than for financial reasons)',
      'AW3',
      'Yes',
      '1',
      '0',
    ]);
    expect(rows).toContainEqual(['Deregistered in the year, in total', '', 'Yes', '2', '0']);
    const csv = await as('manager').get(`/reports/ofsted.csv?year=${history.past}`);
    expect(csv.headers.get('content-disposition')).toContain(
      `ofsted-return-${history.label.replace('/', '-')}.csv`,
    );
    expect(parseCsv(csv.body)).toEqual(rows);
  });

  it('shows campaign impact: the league table, unattributed enquiries and unknown codes', async () => {
    const page = await as('comms').get(`/reports/campaigns?year=${history.past}`);
    expect(page.status).toBe(200);
    const league = tableCells(page.body, 'campaign-league');
    expect(league[1]!.slice(0, 9)).toEqual([
      'Bus shelters (BUS)',
      'Outdoor',
      '£1,000.00',
      '1',
      '1',
      '1',
      '£1,000.00',
      '£1,000.00',
      '£1,000.00',
    ]);
    expect(page.body).toContain('MYSTERY');
    expect(page.body).toContain('Households whose enquiry had no campaign code: 2 enquiries');
  });

  it('lets each role open only its reports', async () => {
    for (const path of ['/reports', '/reports/funnel', '/dashboard', '/reports/targets']) {
      expect((await as('officer').get(path)).status, path).toBe(403);
      expect((await as('admin').get(path)).status, path).toBe(403);
    }
    for (const path of [
      '/reports/net-carers',
      '/reports/ofsted',
      '/reports/conversion',
      '/reports/targets',
    ]) {
      expect((await as('comms').get(path)).status, path).toBe(403);
    }
    expect((await as('comms').get('/reports/net-carers.csv')).status).toBe(403);
    // Comms see the committee table without the leavers (safeguarding data).
    const funnel = await as('comms').get(`/reports/funnel?year=${history.past}`);
    expect(funnel.status).toBe(200);
    expect(funnel.body).not.toContain('standards of care');
    const index = await as('comms').get('/reports');
    expect(index.body).toContain('href="/reports/campaigns"');
    expect(index.body).not.toContain('href="/reports/net-carers"');
    expect(index.body).not.toContain('Recompute now');
    expect((await as('comms').post('/reports/recompute', {})).status).toBe(403);
  });

  it('records every view of the restricted reports in the audit log', async () => {
    const { db } = ctx().deps;
    const viewed = async (report: string) =>
      (
        await db
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.action, 'report.viewed'),
              eq(auditEvents.entityId, report),
              eq(auditEvents.actorUserId, history.manager.id),
            ),
          )
      ).length;
    const before = {
      net: await viewed('net-carers'),
      ofsted: await viewed('ofsted'),
      dash: await viewed('manager-dashboard'),
    };
    await as('manager').get('/reports/net-carers');
    await as('manager').get(`/reports/ofsted?year=${history.past}`);
    await as('manager').get('/dashboard');
    expect(await viewed('net-carers')).toBe(before.net + 1);
    expect(await viewed('ofsted')).toBe(before.ofsted + 1);
    expect(await viewed('manager-dashboard')).toBe(before.dash + 1);
  });

  it('shows the index with the figures status, and a manager can ask for a recompute', async () => {
    const index = await as('manager').get('/reports');
    for (const href of ['/reports/funnel', '/reports/net-carers', '/reports/ofsted', '/reports/targets']) {
      expect(index.body).toContain(`href="${href}"`);
    }
    expect(index.body).toMatch(/Figures as at/);
    const res = await as('manager').post('/reports/recompute', {});
    expect(res.status).toBe(303);
    expect(res.location).toBe('/reports');
    expect((await as('manager').get('/reports')).body).toContain('The figures are being worked out again');
  });

  it('shows each role its dashboard, with charts that have a summary and a table', async () => {
    const manager = await as('manager').get('/dashboard');
    expect(manager.status).toBe(200);
    expect(manager.body).toContain('The pipeline today');
    expect(manager.body).toMatch(/aria-labelledby="ytd-summary"/);
    expect(manager.body).toMatch(/id="ytd-summary">Enquiries so far this year are 1, /);
    expect(manager.body).toContain('href="/deadlines"');
    const comms = await as('comms').get('/dashboard');
    expect(comms.body).toContain('Campaign dashboard');
    expect(comms.body).toMatch(/aria-labelledby="weeks-summary"/);
    expect(tableCells(comms.body, 'weeks')).toHaveLength(53);
    for (const body of [manager.body, comms.body]) {
      const svgs = body.match(/<svg class="app-chart"[\s\S]*?<\/svg>/g) ?? [];
      expect(svgs.length).toBeGreaterThan(0);
      for (const svg of svgs) expect(svg).not.toMatch(/\sstyle=|<script/);
    }
  });

  it('sets, changes and removes a target, with errors shown against the fields', async () => {
    const browser = as('manager');
    await browser.get('/reports/targets');
    const bad = await browser.post('/reports/targets', { kind: 'financial', year: 'next', carers: '0' });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Enter the year, for example 2026');
    expect(bad.body).toContain('The target must be at least 1 carer');
    expect(bad.body).toContain('value="next"');
    expect(bad.body).toMatch(/value="financial" checked/);

    const year = String(history.past + 1);
    expect((await browser.post('/reports/targets', { kind: 'financial', year, carers: '20' })).status).toBe(
      303,
    );
    let page = await browser.get('/reports/targets');
    expect(page.body).toContain(`Target saved: 20 new foster carers in ${year}/`);
    expect(page.body).toContain('<strong>0 of 20</strong>');
    expect(page.body).toContain('Expected approvals by the stage households are at today');

    await browser.post('/reports/targets', { kind: 'financial', year, carers: '12' });
    page = await browser.get('/reports/targets');
    expect(page.body).toContain('<strong>0 of 12</strong>');
    expect(page.body).not.toContain('of 20</strong>');

    await browser.post('/reports/targets', { kind: 'financial', year: String(history.past), carers: '2' });
    page = await browser.get('/reports/targets');
    expect(page.body).toContain('<strong>2 of 2</strong>');

    const id = /action="\/reports\/targets\/([0-9a-f-]+)\/remove"/.exec(page.body)![1]!;
    expect((await browser.post(`/reports/targets/${id}/remove`, {})).status).toBe(303);
    page = await browser.get('/reports/targets');
    expect(page.body).toContain('Target removed.');
    expect(page.body).not.toContain(`/reports/targets/${id}/remove`);
    expect((await as('comms').post('/reports/targets', { kind: 'calendar', year, carers: '3' })).status).toBe(
      403,
    );
  });
});
