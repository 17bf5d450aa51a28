import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { formatDate } from '../../src/shared/format.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems } from '../helpers/overflow.ts';

const viewports = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

describe('a family and friends household’s temporary approval, with Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  /** axe, and nothing wider than the window, at 1280 and 390 px. */
  async function checkBothWidths(page: Page, label: string) {
    for (const viewport of viewports) {
      await page.setViewportSize(viewport);
      expect(await overflowProblems(page), `${label} at ${viewport.width}px`).toEqual([]);
      await expectAccessible(page, `${label} at ${viewport.width}px`);
    }
    await page.setViewportSize(viewports[0]!);
  }

  it('shows the clock and the extension form, records an extension, and changes the route', async () => {
    const db = ctx().deps.db;
    const officer = await makeUser(db, ctx().agencyId, 'officer');
    const today = londonToday();
    const e = await makeEnquiry(db, ctx().agencyId, {
      route: 'family_and_friends',
      placedOn: addDays(today, -77),
      applicants: [{ firstName: 'Gran', lastName: 'Connected', email: 'gran.connected@example.com' }],
    });
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, officer.email, officer.password);
    await page.goto(`${ctx().baseUrl}/enquiries/${e.id}`);

    const clock = page.locator('.app-temporary-approval');
    // Placed 11 weeks ago: 5 of the 16 weeks are left.
    await expect
      .poll(() => clock.textContent())
      .toContain(`ends on ${formatDate(addDays(today, 35))}, 5 weeks left`);
    await page.getByText('Record an extension').click();
    await expect.poll(() => page.getByLabel('Extended by how many weeks?').isVisible()).toBe(true);
    await checkBothWidths(page, 'household page with the clock and the extension form open');

    // Errors first: a 9-week extension and no name.
    await page.getByLabel('Extended by how many weeks?').fill('9');
    await page.getByLabel('Why it was extended').fill('Panel booked after the 16 weeks');
    await page.getByRole('button', { name: 'Record the extension' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('from 1 to 8');
    expect(await page.getByLabel('Why it was extended').inputValue()).toBe('Panel booked after the 16 weeks');
    await checkBothWidths(page, 'household page with extension errors');

    await page.getByLabel('Extended by how many weeks?').fill('8');
    const [year, month, day] = today.split('-');
    await page
      .getByRole('group', { name: 'Date the nominated officer agreed it' })
      .getByLabel('Day')
      .fill(String(Number(day)));
    await page
      .getByRole('group', { name: 'Date the nominated officer agreed it' })
      .getByLabel('Month')
      .fill(String(Number(month)));
    await page
      .getByRole('group', { name: 'Date the nominated officer agreed it' })
      .getByLabel('Year')
      .fill(year!);
    await page.getByLabel('Nominated officer who agreed it').fill('Dana Decider');
    await page.getByRole('button', { name: 'Record the extension' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Extension of the temporary approval recorded');
    // 5 weeks left + 8 weeks: 13 weeks.
    expect(await clock.textContent()).toContain(`ends on ${formatDate(addDays(today, 91))}, 13 weeks left`);
    expect(await page.getByText('Record an extension').count()).toBe(0);
    await checkBothWidths(page, 'household page with an extended temporary approval');

    await page.getByRole('link', { name: 'Change placement date' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('How are they coming to foster?');
    expect(await page.getByLabel('Family and friends (connected person)').isChecked()).toBe(true);
    await checkBothWidths(page, 'change route page');
    await context.close();
  });
});
