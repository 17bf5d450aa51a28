import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeApprovalRoute } from '../../src/approval-settings/approval-settings.service.ts';
import { addDays, londonDateTime, londonToday } from '../../src/calendar/dates.ts';
import { formatDate } from '../../src/shared/format.ts';
import { makeHousehold, toAssessment } from '../deadlines/households.ts';
import { makeUser } from '../factories.ts';
import { axeViolations, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems } from '../helpers/overflow.ts';

const viewports = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** Overflow and every axe finding (WCAG 2.2 A/AA, best practice) on the page now, at both widths. */
async function problemsAtBothWidths(page: Page, label: string) {
  const problems: string[] = [];
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    for (const p of await overflowProblems(page)) problems.push(`${viewport.width}px ${label}: ${p}`);
    for (const v of await axeViolations(page)) problems.push(`${viewport.width}px ${label}: ${v}`);
  }
  return problems;
}

describe('approval rules, with Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('lets an administrator schedule a change of route, accessibly at 1280 and 390 px, errors included', async () => {
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin', { name: 'Ada Admin' });
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, admin.email, admin.password);
    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Approval rules' })
      .click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Approval rules');
    const problems = await problemsAtBothWidths(page, '/admin/approval-rules');

    await page.setViewportSize(viewports[0]);
    await page.getByRole('button', { name: 'Change the approval route' }).click();
    await page.getByRole('button', { name: 'Save the approval route' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    problems.push(...(await problemsAtBothWidths(page, '/admin/approval-rules/route with errors')));

    await page.setViewportSize(viewports[0]);
    const from = addDays(londonToday(), 60);
    await page.getByLabel('Decision maker only').check();
    await page.getByLabel('Day').fill(String(Number(from.slice(8, 10))));
    await page.getByLabel('Month').fill(String(Number(from.slice(5, 7))));
    await page.getByLabel('Year').fill(from.slice(0, 4));
    await page.getByLabel('Why is it changing?').fill('DfE fostering plan: panels removed from approval');
    await page.getByRole('button', { name: 'Save the approval route' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Approval rules');
    const history = page.getByRole('table', { name: 'Changes to the approval route' });
    expect(await history.textContent()).toContain(
      'Panel recommendation then decision maker → Decision maker only',
    );
    expect(await history.textContent()).toContain(formatDate(from));
    problems.push(...(await problemsAtBothWidths(page, '/admin/approval-rules with a change')));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the household its route and standard, accessibly at 1280 and 390 px', async () => {
    const db = ctx().deps.db;
    const agencyId = ctx().agencyId;
    const admin = await makeUser(db, agencyId, 'admin');
    const manager = await makeUser(db, agencyId, 'manager');
    await changeApprovalRoute(
      db,
      { agencyId, userId: admin.id, role: 'admin' },
      { route: 'decision_maker_only', effectiveFrom: '2026-03-01', reason: 'Pilot without panels' },
      londonDateTime('2026-01-10', '12:00'),
    );
    const household = await makeHousehold(db, agencyId, {
      receivedOn: '2026-01-05',
      lastName: 'Nopanel',
      moves: toAssessment('2026-03-03', '2026-01-20', '2026-03-12'),
    });
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, manager.email, manager.password);
    await page.goto(`${ctx().baseUrl}/enquiries/${household.id}`);
    const route = await page.locator('#approval-route').textContent();
    expect(route!.replace(/\s+/g, ' ')).toContain('Decision maker only (rules from 1 March 2026)');
    const standard = await page.locator('#timeliness-standard').textContent();
    expect(standard!.replace(/\s+/g, ' ')).toContain(
      'Applied 3 March 2026: standard 8 months → 3 November 2026',
    );
    expect(await page.getByRole('button', { name: 'Book onto panel' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record approval' }).count()).toBe(1);
    const problems = await problemsAtBothWidths(page, 'household page');
    expect(problems).toEqual([]);
    await context.close();
  });
});
