import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { daysAgo, makeEnquiry, makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { completeStageOne } from '../helpers/checks.ts';
import { useTestContext } from '../helpers/context.ts';

async function fillDate(page: Page, id: string, iso: string) {
  const [year, month, day] = iso.split('-');
  await page.locator(`#${id}`).fill(String(Number(day))); // the Day box has the field's id
  await page.locator(`#${id}-month`).fill(String(Number(month)));
  await page.locator(`#${id}-year`).fill(year!);
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main menu' });
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('initial visits and panels in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('arranges an initial visit and lists it, with accessible pages', async () => {
    const { db } = ctx().deps;
    const officer = await makeUser(db, ctx().agencyId, 'officer', { name: 'Vic Visitor' });
    const e = await makeEnquiry(db, ctx().agencyId, {
      receivedAt: daysAgo(3),
      applicants: [{ firstName: 'Robin', lastName: 'Visited', phone: '07700 900321' }],
    });
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, officer.email, officer.password);

    await page.goto(`${ctx().baseUrl}/enquiries/${e.id}`);
    await page.getByRole('button', { name: 'Arrange initial visit' }).click();
    await expect.poll(() => heading(page)).toBe('Arrange an initial visit');
    await expectAccessible(page, 'visit form');

    await page.getByLabel('Time').fill('half ten');
    await page.getByRole('button', { name: 'Arrange visit' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectAccessible(page, 'visit form with errors');
    expect(await page.getByLabel('Time').inputValue()).toBe('half ten');

    await fillDate(page, 'scheduledOn', addDays(londonToday(), 2));
    await page.getByLabel('Time').fill('10:30');
    await page.getByLabel('Who is visiting?').selectOption({ label: 'Vic Visitor' });
    await page.getByRole('button', { name: 'Arrange visit' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Initial visit arranged');

    await nav(page).getByRole('link', { name: 'Visits', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Initial visits');
    expect(await page.locator('#upcoming').textContent()).toContain('Robin Visited');
    await expectAccessible(page, 'visits list');

    await page.getByRole('link', { name: /Change visit to Robin Visited/ }).click();
    await expect.poll(() => heading(page)).toBe('Change the initial visit');
    await expectAccessible(page, 'change visit form');
    await context.close();
  });

  it('sets up a panel, books a household, records the recommendation and the decision', async () => {
    const { db } = ctx().deps;
    const manager = await makeUser(db, ctx().agencyId, 'manager', { name: 'Mo Manager' });
    const e = await makeEnquiry(db, ctx().agencyId, {
      receivedAt: daysAgo(120),
      applicants: [{ firstName: 'Ash', lastName: 'Panelled', phone: '07700 900654' }],
    });
    for (const to of ['initial_visit', 'application', 'assessment'] as const) {
      await transition(db, systemActor(ctx().agencyId, 'test'), e.id, { to });
    }
    await completeStageOne(db, e.id);
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, manager.email, manager.password);

    await nav(page).getByRole('link', { name: 'Panels', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Fostering panels');
    await expectAccessible(page, 'panels list');

    await page.getByRole('button', { name: 'Set up a panel meeting' }).click();
    await expect.poll(() => heading(page)).toBe('Set up a panel meeting');
    await expectAccessible(page, 'panel form');
    await page.getByLabel('How many households can it hear?').fill('');
    await page.getByRole('button', { name: 'Set up panel meeting' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectAccessible(page, 'panel form with errors');

    // Today's panel, so that its recommendation can be recorded in this test.
    await fillDate(page, 'meetsOn', londonToday());
    await page.getByLabel('Chair').fill('Chris Chair');
    await page.getByLabel('How many households can it hear?').fill('2');
    await page.getByRole('button', { name: 'Set up panel meeting' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('set up');
    const panelUrl = page.url();
    await expectAccessible(page, 'panel page (empty)');

    await page.goto(`${ctx().baseUrl}/enquiries/${e.id}`);
    await page.getByRole('button', { name: 'Book onto panel' }).click();
    await expect.poll(() => heading(page)).toBe('Book onto a panel');
    await expectAccessible(page, 'book onto panel form');
    await page.getByLabel(/chaired by Chris Chair/).check();
    await page.getByRole('button', { name: 'Book onto panel' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('moved to Panel');

    await page.goto(panelUrl);
    expect(await page.locator('#cases').textContent()).toContain('Ash Panelled');
    await expectAccessible(page, 'panel page');

    await page.getByRole('link', { name: /Record papers sent for Ash Panelled/ }).click();
    await expectAccessible(page, 'papers form');
    await fillDate(page, 'papersSentOn', londonToday());
    await page.getByRole('button', { name: 'Save date' }).click();
    await expect.poll(() => page.url()).toBe(panelUrl);

    await page.getByRole('link', { name: /Record recommendation for Ash Panelled/ }).click();
    await expect.poll(() => heading(page)).toBe('Record the panel’s recommendation');
    await expectAccessible(page, 'recommendation form');
    await page.getByLabel('Approve', { exact: true }).check();
    await fillDate(page, 'minutesReceivedOn', londonToday());
    await page.getByRole('button', { name: 'Save recommendation' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('recommendation recorded');

    await page.getByRole('link', { name: /Record decision for Ash Panelled/ }).click();
    await expect.poll(() => heading(page)).toBe('Record the decision maker’s decision');
    await expectAccessible(page, 'decision form');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectAccessible(page, 'decision form with errors');
    await page.getByLabel('Approved as foster carers').check();
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Moved to Approved');
    expect(await heading(page)).toBe('Ash Panelled');
    expect(await page.locator('#timeline ~ ol').textContent()).toContain('Moved to Approved');
    await expectAccessible(page, 'household page after the decision');
    await context.close();
  });
});
