import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFollowUpSettings } from '../../src/follow-ups/follow-up-settings.ts';
import { makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';

describe('follow-up email settings in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('a manager changes the timings, fixes a mistake and saves; every state is accessible', async () => {
    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, manager.email, manager.password);

    // Follow-up emails live under Email templates, so the navigation fits on one line.
    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Email templates' })
      .click();
    await page.getByRole('link', { name: 'Follow-up emails' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Follow-up emails');
    expect(await page.getByLabel('Second check-in').inputValue()).toBe('30');
    expect(await page.getByLabel('Send a welcome email').isChecked()).toBe(true);
    await expectAccessible(page, 'follow-up settings');

    // A mistake: the second check-in before the first. The error says so and the typing stays.
    await page.getByLabel('Send a welcome email').uncheck();
    await page.getByLabel('First check-in').fill('14');
    await page.getByLabel('Second check-in').fill('10');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'The second check-in must be more days after the enquiry than the first',
    );
    expect(await page.getByLabel('First check-in').inputValue()).toBe('14');
    expect(await page.getByLabel('Second check-in').inputValue()).toBe('10');
    expect(await page.getByLabel('Send a welcome email').isChecked()).toBe(false);
    expect(await page.title()).toMatch(/^Error: /);
    await expectAccessible(page, 'follow-up settings with errors');

    // The error summary link takes the keyboard to the field.
    await page.locator('.govuk-error-summary').getByRole('link').first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('nudgeDay2');

    await page.getByLabel('Second check-in').fill('28');
    await page.getByLabel('First reminder').fill('24');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Follow-up email settings saved.');
    expect(await page.getByLabel('Second check-in').inputValue()).toBe('28');
    expect(await page.getByLabel('Send a welcome email').isChecked()).toBe(false);
    await expectAccessible(page, 'follow-up settings saved');

    expect(await loadFollowUpSettings(ctx().deps.db, ctx().agencyId)).toMatchObject({
      welcome: false,
      nudgeDays: [14, 28, 90],
      firstReminderHours: 24,
      secondReminderHours: 2,
    });
    await context.close();
  });
});
