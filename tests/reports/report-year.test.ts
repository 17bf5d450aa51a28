import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { upsertEqualityAnswers } from '../../src/privacy/equality.repo.ts';
import { londonToday } from '../../src/calendar/dates.ts';
import { makeApiToken } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { buildHistory } from './history.ts';
import { tableCells } from './tables.ts';

const periodReports = ['funnel', 'net-carers', 'campaigns', 'conversion', 'time-in-stage'];

describe('year=YYYY on every report, strictly (issue 12 §3)', () => {
  const ctx = useTestContext();
  let history: Awaited<ReturnType<typeof buildHistory>>;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;

  beforeAll(async () => {
    history = await buildHistory(ctx().deps.db, ctx().agencyId, ctx().baseUrl);
    api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, history.manager.id));
    browser = new Browser(ctx().baseUrl);
    await browser.signIn(history.manager.email, history.manager.password);
  });

  it('GET /reports/funnel?year=2025 covers 1 April 2025 to 31 March 2026, not the current year', async () => {
    const res = await api.get('/reports/funnel?year=2025');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2025-04-01', to: '2026-03-31' });
    expect(res.body.months[0]).toBe('2025-04');
    expect(res.body.months.at(-1)).toBe('2026-03');
    expect(res.body.months).toHaveLength(12);
    const withCompare = await api.get('/reports/funnel?year=2025&compare=same_period');
    expect(withCompare.body.comparison).toMatchObject({ from: '2024-04-01', to: '2025-03-31' });
  });

  it.each(periodReports)(
    '%s: year=YYYY is the same report as from/to over that financial year',
    async (report) => {
      const y = history.past;
      const byYear = await api.get(`/reports/${report}?year=${y}`);
      const byDates = await api.get(`/reports/${report}?from=${y}-04-01&to=${y + 1}-03-31`);
      expect(byYear.status, JSON.stringify(byYear.body)).toBe(200);
      expect(byYear.body).toEqual(byDates.body);
      const current = await api.get(`/reports/${report}`);
      expect(current.status).toBe(200);
      if (report === 'funnel') expect(byYear.body.measures).not.toEqual(current.body.measures);
    },
  );

  it.each([...periodReports, 'ofsted'])(
    '%s: refuses a bad year, or a year and dates together, with a 422 on year',
    async (report) => {
      for (const query of ['year=twenty', 'year=25', 'year=2025.0', 'year=1999', 'year=2025&year=2026']) {
        const res = await api.get(`/reports/${report}?${query}`);
        expect(res.status, `${report}?${query}`).toBe(422);
        expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['year']);
      }
      const both = await api.get(`/reports/${report}?year=2025&from=2025-04-01`);
      expect(both.status).toBe(422);
      expect(both.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
        report === 'ofsted' ? 'from' : 'year',
      ]);
    },
  );

  it('report CSVs take year= too, and refuse unknown parameters or a year with dates', async () => {
    const y = history.past;
    const byYear = await browser.get(`/reports/funnel.csv?year=${y}`);
    const byDates = await browser.get(`/reports/funnel.csv?from=${y}-04-01&to=${y + 1}-03-31`);
    expect(byYear.status).toBe(200);
    expect(byYear.body).toBe(byDates.body);
    expect((await browser.get(`/reports/net-carers.csv?year=${y}`)).status).toBe(200);
    expect((await browser.get(`/reports/funnel.csv?year=${y}&from=${y}-04-01`)).status).toBe(422);
    expect((await browser.get(`/reports/funnel.csv?year=${y}&bogus=1`)).status).toBe(422);
    expect((await browser.get(`/reports/ofsted.csv?year=${y}&bogus=1`)).status).toBe(422);
  });

  it('report pages read year=, and ignore tracking tags on a link', async () => {
    const y = history.past;
    const page = await browser.get(`/reports/funnel?year=${y}&utm_source=newsletter`);
    expect(page.status).toBe(200);
    expect(tableCells(page.body, 'committee-table')[0]![1]).toBe(`Apr ${y}`);
    // The page's own form sends the year select and the exact dates: typed dates replace the year.
    const dated = await browser.get(`/reports/funnel?year=${y}&from=${y}-05-01&to=${y}-06-30`);
    expect(dated.status).toBe(200);
    expect(tableCells(dated.body, 'committee-table')[0]![1]).toMatch(/^May/);
    expect((await browser.get('/reports/funnel?year=2025-02-30')).status).toBe(422);
    expect((await browser.get('/reports/funnel?from=2025-02-29')).status).toBe(422);
  });

  it('the equality report takes year= or from/to (answers recorded in it), all answers without', async () => {
    const [person] = await rows<{ id: string }>(
      ctx().deps.db,
      sql`select id from people where agency_id = ${ctx().agencyId} limit 1`,
    );
    await upsertEqualityAnswers(ctx().deps.db, ctx().agencyId, person!.id, {});
    const responses = (html: string) => /Answers from (\d+) (?:person|people)/.exec(html)?.[1];
    const all = await browser.get('/reports/equality');
    expect(all.status).toBe(200);
    expect(responses(all.body)).toBe('1');
    const old = await browser.get('/reports/equality?year=2020&utm_source=x');
    expect(old.status).toBe(200);
    expect(old.body).toContain('Answers recorded from 1 April 2020 to 31 March 2021');
    expect(responses(old.body)).toBe('0');
    const now = await browser.get(`/reports/equality?from=${londonToday()}&to=${londonToday()}`);
    expect(responses(now.body)).toBe('1');
    expect((await browser.get('/reports/equality?year=2025&from=2025-04-01')).status).toBe(422);
    expect((await browser.get('/reports/equality?from=2025-02-29')).status).toBe(422);
  });
});
