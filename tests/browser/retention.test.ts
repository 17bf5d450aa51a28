import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeLegalHold } from '../../src/retention/legal-holds.service.ts';
import { fictionalPhone, makeUser } from '../factories.ts';
import { axeViolations, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems } from '../helpers/overflow.ts';
import { plantHistory, type History } from '../retention/history.ts';

const widths = [1280, 390] as const;

/** Fits the screen and axe (WCAG 2.2 AA and best practice) finds nothing, at a laptop's and a phone's width. */
async function checkBothWidths(page: Page, label: string) {
  const problems: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    for (const p of await overflowProblems(page)) problems.push(`${width}px ${label}: ${p}`);
    for (const v of await axeViolations(page, 'any')) problems.push(`${width}px ${label}: ${v}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(problems).toEqual([]);
}

describe('records and retention pages, with Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  let h: History;

  beforeAll(async () => {
    browser = await launchChromium();
    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const actor = { agencyId: ctx().agencyId, userId: manager.id, role: 'manager' as const };
    h = await plantHistory(ctx().deps.db, actor, 'browser', fictionalPhone);
    await placeLegalHold(ctx().deps.db, actor, h.held.householdId, {
      reason: 'Complaint under investigation',
    });
  }, 120_000);
  afterAll(() => browser?.close());

  it('a manager reviews the households due for disposal, excludes one with a reason and approves another', async () => {
    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, manager.email, manager.password);
    await page.goto(`${ctx().baseUrl}/deadlines`);
    await page.getByRole('link', { name: 'Due for disposal' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Due for disposal');
    const overdue = page.getByRole('table', { name: /Past their date/ });
    await expect.poll(() => overdue.getByRole('row').count()).toBe(5); // header + 4 households
    expect(await overdue.getByRole('row').filter({ hasText: h.held.lastName }).textContent()).toContain(
      'Legal hold',
    );
    await checkBothWidths(page, 'due for disposal');

    // Approving nothing: the error, accessibly.
    await page.getByRole('button', { name: 'Approve disposal of selected households' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Select at least one');
    await checkBothWidths(page, 'due for disposal with an error');

    await page.getByRole('link', { name: `Exclude ${h.enquiry4.firstName} ${h.enquiry4.lastName}` }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Exclude from disposal');
    await page.getByRole('button', { name: 'Exclude from disposal' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    await checkBothWidths(page, 'exclude with an error');
    await page.getByLabel('Why should it not be disposed of?').fill('Wants to hear from us next spring');
    await page.getByRole('button', { name: 'Exclude from disposal' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Due for disposal');

    await page.getByLabel(`Dispose of ${h.carer11.firstName} ${h.carer11.lastName}`).check();
    await page.getByRole('button', { name: 'Approve disposal of selected households' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('1 anonymised now');
    expect(await page.content()).not.toContain(h.carer11.lastName);
    expect(await page.getByRole('row').filter({ hasText: h.enquiry4.lastName }).textContent()).toContain(
      'Wants to hear from us next spring',
    );
    await checkBothWidths(page, 'due for disposal after approval');

    // The household page's records panel with its legal hold.
    await page.getByRole('link', { name: new RegExp(`Reference .* \\(${h.held.firstName}`) }).click();
    await expect.poll(() => page.locator('#records').count()).toBe(1);
    expect(await page.content()).toContain('Complaint under investigation');
    await checkBothWidths(page, 'household page under legal hold');
    await context.close();
  });

  it('an administrator changes the retention schedule, errors included', async () => {
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, admin.email, admin.password);
    await page.goto(`${ctx().baseUrl}/admin/system`);
    await page.getByRole('link', { name: 'Retention schedule' }).first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Retention schedule');
    await checkBothWidths(page, 'retention schedule');
    await page.getByLabel('Approved carers’ records: years after approval ends').fill('8');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('at least 10 years');
    await checkBothWidths(page, 'retention schedule with errors');
    await page.getByLabel('Approved carers’ records: years after approval ends').fill('12');
    await page.getByLabel('Why are you changing it?').fill('Council policy IG-7');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await expect.poll(() => page.getByRole('table').textContent()).toContain('10 → 12 years');
    await checkBothWidths(page, 'retention schedule with history');
    await context.close();
  });
});
