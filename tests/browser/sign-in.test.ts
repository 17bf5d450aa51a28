import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';

describe('signing in with Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('shows an accessible sign-in page with an error summary, signs in and shows an accessible home page', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'manager', { name: 'Maya Manager' });
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && cspErrors.push(m.text()));

    await page.goto(`${ctx().baseUrl}/sign-in`);
    await expectAccessible(page, 'sign-in');

    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(await page.title()).toMatch(/^Error: Sign in/);
    await expectAccessible(page, 'sign-in with errors');

    await signIn(page, ctx().baseUrl, user.email, user.password);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Hello, Maya Manager');
    await expectAccessible(page, 'home');
    await context.close();
  });

  it('loads every asset under the real Content Security Policy, with GOV.UK JavaScript running', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    await signIn(page, ctx().baseUrl, user.email, user.password);
    await page.goto(`${ctx().baseUrl}/admin/users`);
    expect(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).toBe(
      true,
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});
