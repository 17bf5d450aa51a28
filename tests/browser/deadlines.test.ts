import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, londonToday } from '../../src/calendar/dates.ts';
import { formatDate } from '../../src/shared/format.ts';
import { makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { makeHousehold, toAssessment } from '../deadlines/households.ts';

describe('deadlines at risk, with Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('lists for the manager a household whose application was 9 months ago with no panel, and shows its deadlines', async () => {
    const db = ctx().deps.db;
    const manager = await makeUser(db, ctx().agencyId, 'manager', { name: 'Maya Manager' });
    const officer = await makeUser(db, ctx().agencyId, 'officer', { name: 'Omar Officer' });
    const applicationOn = addMonths(londonToday(), -9);
    const household = await makeHousehold(db, ctx().agencyId, {
      receivedOn: addDays(applicationOn, -41),
      officerId: officer.id,
      lastName: 'Ninemonths',
      contacts: [{ on: addDays(applicationOn, -40), outcome: 'reached' }],
      moves: toAssessment(applicationOn, addDays(applicationOn, -20), addDays(applicationOn, 10)),
    });

    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, manager.email, manager.password);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'At risk' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Deadlines at risk');

    const row = page.getByRole('row').filter({ hasText: 'Sam Ninemonths' });
    await expect.poll(() => row.count()).toBe(1);
    const text = await row.textContent();
    expect(text).toContain('Panel recommendation');
    expect(text).toContain('Omar Officer');
    expect(text).toContain(formatDate(addMonths(applicationOn, 8)));
    expect(text).toContain('Overdue');
    await expectAccessible(page, '/deadlines');

    await page.getByRole('link', { name: 'Officer (sort by this)' }).click();
    await expect.poll(() => page.url()).toContain('sort=officer');
    await expectAccessible(page, '/deadlines sorted by officer');

    await row.getByRole('link', { name: 'Sam Ninemonths' }).click();
    await expect.poll(() => page.url()).toContain(`/enquiries/${household.id}`);
    const deadlines = page.locator('#deadlines + ul');
    await expect.poll(() => deadlines.textContent()).toContain('Panel recommendation');
    expect(await deadlines.textContent()).toContain('Overdue');
    await expectAccessible(page, 'household page with deadlines');
    await context.close();
  });

  it('lets an administrator see and update the bank holidays, accessibly, errors included', async () => {
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, admin.email, admin.password);
    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Bank holidays' })
      .click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bank holidays');
    expect(await page.getByRole('table', { name: 'Coming up' }).getByRole('row').count()).toBeGreaterThan(1);
    await expectAccessible(page, '/admin/bank-holidays');

    await page.getByLabel('Contents of bank-holidays.json').fill('{"scotland": {}}');
    await page.getByRole('button', { name: 'Save bank holidays' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('england-and-wales');
    expect(await page.getByLabel('Contents of bank-holidays.json').inputValue()).toBe('{"scotland": {}}');
    await expectAccessible(page, '/admin/bank-holidays with an error');
    await context.close();
  });
});
