import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { buildHistory, expectedFunnel } from '../reports/history.ts';
import { parseCsv } from '../reports/tables.ts';

/** Every cell of a table on the page, as its text, header row first. */
const cellsOf = (page: Page, selector: string) =>
  page
    .locator(`${selector} tr`)
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('th, td')).map((cell) =>
          (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ),
      ),
    );

describe('reports in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  let history: Awaited<ReturnType<typeof buildHistory>>;
  beforeAll(async () => {
    browser = await launchChromium();
    history = await buildHistory(ctx().deps.db, ctx().agencyId, ctx().baseUrl);
  });
  afterAll(() => browser?.close());

  it('a manager opens last year’s committee table, downloads it, and the CSV matches the page', async () => {
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, history.manager.email, history.manager.password);

    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('link', { name: 'Committee table' }).click();
    await page.getByLabel('Financial year', { exact: true }).selectOption(String(history.past));
    await page.getByLabel('The previous full financial year').check();
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/year=/);
    await expect.poll(() => page.locator('#report-period').textContent()).toBe(history.label);

    const table = await cellsOf(page, '#committee-table');
    expect(table).toEqual(expectedFunnel(history.past));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^committee-table-.*\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(parseCsv(csv)).toEqual(table);
    await expectAccessible(page, 'committee table');
    await context.close();
  });

  it('every report page and both dashboards pass axe, including the targets form with an error', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, history.manager.email, history.manager.password);
    const year = `year=${history.past}`;
    for (const path of [
      '/reports',
      `/reports/funnel?${year}`,
      `/reports/net-carers?${year}`,
      `/reports/conversion?${year}`,
      `/reports/time-in-stage?${year}`,
      `/reports/campaigns?${year}`,
      `/reports/ofsted?${year}`,
      '/reports/funnel?from=2025-06-01&to=2025-05-01',
      '/dashboard',
      '/dashboard/comms',
    ]) {
      await page.goto(ctx().baseUrl + path);
      await expectAccessible(page, path);
    }

    await page.goto(`${ctx().baseUrl}/reports/targets`);
    await page.getByLabel('Financial year (April to March)').check();
    await page.getByLabel('Year', { exact: true }).fill(String(history.past + 1));
    await page.getByLabel('New carers to approve').fill('20');
    await page.getByRole('button', { name: 'Save target' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Target saved');
    await expectAccessible(page, 'targets with a target');

    await page.getByLabel('New carers to approve').fill('lots');
    await page.getByRole('button', { name: 'Save target' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(await page.getByLabel('New carers to approve').inputValue()).toBe('lots');
    await expectAccessible(page, 'targets with an error');

    const comms = await makeUser(ctx().deps.db, ctx().agencyId, 'comms');
    const commsContext = await browser.newContext({ bypassCSP: true });
    const commsPage = await commsContext.newPage();
    await signIn(commsPage, ctx().baseUrl, comms.email, comms.password);
    await commsPage.goto(`${ctx().baseUrl}/dashboard`);
    await expect
      .poll(() => commsPage.getByRole('heading', { level: 1 }).textContent())
      .toBe('Campaign dashboard');
    await expectAccessible(commsPage, 'comms dashboard');
    await commsContext.close();
    await context.close();
  });
});
