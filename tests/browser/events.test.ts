import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBookings, events } from '../../src/events/events.table.ts';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';

describe('running an information session in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

  it('creates a session, books a household, marks attendance; every events page is accessible', async () => {
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer', { name: 'Eve Events' });
    const household = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      applicants: [{ firstName: 'Harper', lastName: 'Household', email: 'harper@example.com' }],
    });
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, officer.email, officer.password);

    await page.goto(`${ctx().baseUrl}/events`);
    await expectAccessible(page, 'events list (empty)');
    await page.getByRole('button', { name: 'Add an event' }).click();
    await expectAccessible(page, 'new event form');

    // Submit with a mistake first: the error summary shows, and what was typed stays.
    await page.getByLabel('Information session').check();
    await page.getByLabel('Title').fill('Spring information evening');
    await page.getByLabel('Starts at').fill('teatime');
    await page.getByRole('button', { name: 'Add event' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(await page.getByLabel('Title').inputValue()).toBe('Spring information evening');
    await expectAccessible(page, 'new event form with errors');
    // The summary's link for a date goes to its Day box, which takes the focus.
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Enter the date, or say it is to be confirmed' })
      .click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
      .toBe('date[day]');

    const day = addDays(londonToday(), 10);
    const [year, month, date] = day.split('-');
    await page.getByLabel('Day').fill(String(Number(date)));
    await page.getByLabel('Month').fill(String(Number(month)));
    await page.getByLabel('Year').fill(year!);
    await page.getByLabel('Starts at').fill('6:30pm');
    await page.getByLabel('In person').check();
    await page.getByLabel('Venue (optional for online events)').fill('Riverside Library');
    await page.getByLabel('Places (optional)').fill('20');
    await page.getByLabel('Eve Events').check();
    await page.getByRole('button', { name: 'Add event' }).click();
    await expect.poll(() => heading(page)).toBe('Spring information evening');
    await expectAccessible(page, 'event page');
    const eventId = new URL(page.url()).pathname.split('/').pop()!;

    await page.getByRole('button', { name: 'Book a household' }).click();
    await page.getByLabel('Find the household').fill('Household');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectAccessible(page, 'book a household');
    await page.getByRole('button', { name: 'Book Harper Household' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Place booked.');

    await page.goto(`${ctx().baseUrl}/events/calendar?month=${day.slice(0, 7)}`);
    await expectAccessible(page, 'calendar');
    expect(await page.getByRole('link', { name: 'Spring information evening' }).count()).toBeGreaterThan(0);
    await page.goto(`${ctx().baseUrl}/events/${eventId}/edit`);
    await expectAccessible(page, 'edit event');
    await page.goto(`${ctx().baseUrl}/events/${eventId}/cancel`);
    await expectAccessible(page, 'cancel event');
    await page.goto(`${ctx().baseUrl}/enquiries/${household.id}`);
    await expectAccessible(page, 'household page with sessions');

    // The evening has happened.
    await ctx()
      .deps.db.update(events)
      .set({ startsAt: new Date(Date.now() - 2 * 3600_000) })
      .where(eq(events.id, eventId));
    await page.goto(`${ctx().baseUrl}/events/${eventId}`);
    await page.getByRole('button', { name: 'Take the register' }).click();
    await expectAccessible(page, 'register');
    await page.getByRole('group', { name: 'Harper Household' }).getByLabel('Came', { exact: true }).check();
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Attendance saved.');
    const [booking] = await ctx()
      .deps.db.select()
      .from(eventBookings)
      .where(eq(eventBookings.eventId, eventId));
    expect(booking).toMatchObject({ enquiryId: household.id, attended: true });

    await page.goto(`${ctx().baseUrl}/events?when=past`);
    await expectAccessible(page, 'past events');
    await context.close();
  });
});
