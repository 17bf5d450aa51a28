import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { formatDate } from '../../src/shared/format.ts';
import { daysAgo, makeEnquiry, makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems } from '../helpers/overflow.ts';

async function fillDate(page: Page, id: string, iso: string) {
  const [year, month, day] = iso.split('-');
  await page.locator(`#${id}`).fill(String(Number(day)));
  await page.locator(`#${id}-month`).fill(String(Number(month)));
  await page.locator(`#${id}-year`).fill(year!);
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('assessment checks in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('an officer records a DBS result on the household page, with accessible pages at 1280 and 390 px', async () => {
    const { db } = ctx().deps;
    const officer = await makeUser(db, ctx().agencyId, 'officer', { name: 'Olu Officer' });
    const e = await makeEnquiry(db, ctx().agencyId, {
      receivedAt: daysAgo(40),
      applicants: [{ firstName: 'Dee', lastName: 'Checked', phone: '07700 900777' }],
    });
    for (const to of ['initial_visit', 'application', 'assessment'] as const) {
      await transition(db, systemActor(ctx().agencyId, 'test'), e.id, { to });
    }
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, officer.email, officer.password);

    await page.goto(`${ctx().baseUrl}/enquiries/${e.id}`);
    const section = page.locator('#assessment-checks');
    await expect.poll(() => section.isVisible()).toBe(true);
    expect(await page.locator('#checks-stage-1-due').textContent()).toContain(
      '2 months from the application',
    );
    await expectAccessible(page, 'household page with its checklist');
    expect(await overflowProblems(page)).toEqual([]);

    await page.getByRole('link', { name: 'Record Enhanced DBS check for Dee Checked' }).click();
    await expect.poll(() => heading(page)).toBe('Enhanced DBS check');
    await expectAccessible(page, 'record a check');

    // A date that does not exist is refused on the field, and nothing is written.
    const progress = page.locator('#record-progress');
    await progress.getByLabel('Received', { exact: true }).check();
    await fillDate(page, 'on', '2026-02-30');
    await progress.getByLabel('Clear', { exact: true }).check();
    await progress.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectAccessible(page, 'record a check with errors');

    const receivedOn = addDays(londonToday(), -2);
    await progress.getByLabel('Received', { exact: true }).check();
    await fillDate(page, 'on', receivedOn);
    await progress.getByLabel('Clear', { exact: true }).check();
    await progress.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Enhanced DBS check: recorded');
    const row = page.locator('.govuk-summary-list__row', { hasText: 'Enhanced DBS check' });
    expect(await row.textContent()).toContain(`received ${formatDate(receivedOn)}`);
    expect(await row.textContent()).toContain('Outcome: Clear');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await overflowProblems(page)).toEqual([]);
    await expectAccessible(page, 'household page at 390 px');
    await context.close();
  });
});
