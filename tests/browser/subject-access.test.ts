import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnquiry, makeUser } from '../factories.ts';
import { axeViolations, expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems } from '../helpers/overflow.ts';

/** A subject access request, from logging it to the printable pack, and the Requests page, with Chromium. */
describe('subject access requests, with Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('logs a request, searches by email and shows the pack, accessibly at 1280 and 390 px', async () => {
    const { db } = ctx().deps;
    const manager = await makeUser(db, ctx().agencyId, 'manager');
    await makeEnquiry(db, ctx().agencyId, {
      receivedAt: '2024-06-10',
      household: { postcode: 'NR2 4AB', addressLine1: '12 Unthank Road', town: 'Norwich' },
      applicants: [
        {
          firstName: 'Philippa',
          lastName: 'Abernethy-Strachan',
          email: 'philippa.abernethy-strachan.longaddress@example.com',
          phone: '07700 900123',
        },
        { firstName: 'Robin', lastName: 'Abernethy-Strachan' },
      ],
      notes: 'Called back about evening information sessions',
    });

    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, manager.email, manager.password);
    await page.goto(`${ctx().baseUrl}/data-requests`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Requests');
    await expectAccessible(page, '/data-requests (empty)');

    await page.getByRole('button', { name: 'Log a subject access request' }).click();
    await page.getByLabel('Date the request was received').fill('31 January');
    await page.getByRole('button', { name: 'Log request' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectAccessible(page, '/data-requests/new with an error');
    await page.getByLabel('Date the request was received').fill('2025-01-31');
    await page
      .getByLabel('Email address (optional)')
      .fill('philippa.abernethy-strachan.longaddress@example.com');
    await page.getByRole('button', { name: 'Log request' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Subject access request');
    const summary = await page.locator('.govuk-summary-list').textContent();
    expect(summary).toContain('28 February 2025'); // one calendar month from 31 January
    expect(summary).toContain('Overdue');
    await expectAccessible(page, 'request page');

    await page.getByRole('button', { name: 'Search by email' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Information we hold about you');
    const pack = (await page.locator('main').textContent()) ?? '';
    expect(pack).toContain('Called back about evening information sessions');
    expect(pack).toContain('Robin Abernethy-Strachan Another person: review');
    expect(pack).toContain('Your rights');
    await expectAccessible(page, 'subject access pack');
    // Printed (or saved as PDF), the pack is for the person: no review box, no review tags.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#review').isVisible()).toBe(false);
    expect(await page.getByText('Another person: review').isVisible()).toBe(false);
    expect(await page.locator('#people-1').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await overflowProblems(page), `pack at ${width}px`).toEqual([]);
      expect(
        await axeViolations(page, 'serious', ['target-size', 'color-contrast']),
        `pack at ${width}px`,
      ).toEqual([]);
    }

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${ctx().baseUrl}/data-requests`);
    const row = page.getByRole('row').filter({ hasText: 'Subject access' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Overdue');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await overflowProblems(page), `requests at ${width}px`).toEqual([]);
      await expectAccessible(page, `/data-requests at ${width}px`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${ctx().baseUrl}/deadlines`);
    expect(await page.locator('#data-request-clocks').textContent()).toContain('1 overdue');
    await page.getByRole('link', { name: 'See the requests' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Requests');
    await context.close();
  });
});
