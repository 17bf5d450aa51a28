import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTemplate } from '../../src/templates/templates.service.ts';
import { makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';

describe('editing an email template in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('a manager edits, previews and saves a template; every state is accessible', async () => {
    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager', { name: 'Mina Manager' });
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, manager.email, manager.password);

    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Email templates' })
      .click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Email templates');
    await expectAccessible(page, 'templates list');

    await page.getByRole('link', { name: 'Checking in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Checking in');
    await expectAccessible(page, 'edit template');

    // A mistake first: an unknown placeholder is refused and the typed words stay.
    await page.getByLabel('Subject').fill('Still thinking about it, ((nickname))?');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      '((nickname)) is not a placeholder you can use',
    );
    expect(await page.getByLabel('Subject').inputValue()).toBe('Still thinking about it, ((nickname))?');
    await expectAccessible(page, 'edit template with errors');

    await page.getByLabel('Subject').fill('Still thinking about fostering, ((first_name))?');
    await page
      .getByLabel('Email', { exact: true })
      .fill(
        'Dear ((first_name)),\n\n((officer_name)) here. The next information session is on ((next_session_date)).\n\nRead more at https://fostering.example/sessions',
      );
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('preview');
    await expect.poll(() => preview.isVisible()).toBe(true);
    expect(await preview.textContent()).toContain('Still thinking about fostering, Sam?');
    expect(await preview.textContent()).toContain('Dear Sam,');
    expect(await preview.textContent()).toContain('Priya Shah here.');
    expect(await preview.getByRole('link', { name: 'https://fostering.example/sessions' }).count()).toBe(1);
    expect(await page.getByLabel('Subject').inputValue()).toBe(
      'Still thinking about fostering, ((first_name))?',
    );
    await expectAccessible(page, 'template preview');

    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Version 1 of this email is now in use.');
    expect(
      await page.getByRole('table', { name: 'Every saved version, newest first' }).textContent(),
    ).toContain('Mina Manager');
    await expectAccessible(page, 'template saved, with history');

    const current = await currentTemplate(ctx().deps.db, ctx().agencyId, 'nudge');
    expect(current).toMatchObject({ version: 1, subject: 'Still thinking about fostering, ((first_name))?' });

    // A household gone quiet for a week gets the new words, and the manager sees the email on its timeline.
    const { makeEnquiry, daysAgo } = await import('../factories.ts');
    const { queueNudges } = await import('../../src/follow-ups/follow-ups.service.ts');
    const quiet = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      receivedAt: daysAgo(8),
      applicants: [{ firstName: 'Nell', lastName: 'Nudged', email: 'nell@households.example' }],
    });
    const worker = ctx().startWorker();
    await queueNudges(ctx().deps);
    await page.goto(`${ctx().baseUrl}/enquiries/${quiet.id}`);
    const timeline = page.locator('.app-timeline');
    await expect
      .poll(async () => (await page.reload(), await timeline.textContent()), { timeout: 15_000 })
      // No SMTP_URL in this test: the email is kept, and the timeline says so (issue 12 §6: never "Sent").
      .toMatch(/Email: Still thinking about fostering, Nell\?\s*[\s\S]*Kept \(not sent\)/);
    await expectAccessible(page, 'household page with emails on the timeline');
    await worker.close();
    await context.close();
  });
});
