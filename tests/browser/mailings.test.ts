import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnquiry, makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';

describe('mailings in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('comms staff write a mailing, see who it reaches and a preview; every page is accessible', async () => {
    await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      applicants: [{ firstName: 'Ola', lastName: 'Optin', email: 'ola@households.example' }],
      consent: { email: true, post: false, phone: false, sms: false },
    });
    const comms = await makeUser(ctx().deps.db, ctx().agencyId, 'comms', { name: 'Cai Comms' });
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, comms.email, comms.password);
    await page.locator('.govuk-service-navigation').getByRole('link', { name: 'Mailings' }).click();
    await expectAccessible(page, 'mailings list');
    await page.getByRole('button', { name: 'Start a mailing' }).click();
    await expectAccessible(page, 'new mailing');
    await page.getByLabel('Name (for you, not sent)').fill('Spring newsletter');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(await page.getByLabel('Name (for you, not sent)').inputValue()).toBe('Spring newsletter');
    await expectAccessible(page, 'new mailing with errors');
    await page.getByLabel('Subject').fill('Spring news for ((first_name))');
    await page.getByLabel('Email', { exact: true }).fill('Dear ((first_name)),\n\nHere is our spring news.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Spring newsletter');
    expect(await page.locator('main').textContent()).toContain('It would go to 1 people.');
    expect(await page.locator('main').textContent()).toContain('Spring news for Sam');
    await expectAccessible(page, 'mailing preview');
    await context.close();
  });
});
