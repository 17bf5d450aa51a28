import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicEnquiry } from '../../src/public/public-enquiry.schema.ts';
import { submitPublicEnquiry } from '../../src/public/public-enquiry.service.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';

/** Presses Tab until the focused element matches `selector`, as a keyboard user would. */
async function tabTo(page: Page, selector: string, maxPresses = 250) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} cannot be reached with the Tab key`);
}

/** The focused element shows a focus indicator (GOV.UK's yellow outline or box shadow). */
const focusIsVisible = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    return (
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
    );
  });

const errorSummary = (page: Page) => page.locator('.govuk-error-summary');

/** Every link in the error summary leads to something on the page. */
async function expectErrorLinksResolve(page: Page) {
  const missing = await page.$$eval('.govuk-error-summary a', (links) =>
    links
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => !href.startsWith('#') || !document.getElementById(href.slice(1))),
  );
  expect(missing, 'error summary links without a target').toEqual([]);
}

describe('enquiries and the pipeline in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  async function officerPage(role: 'officer' | 'manager' = 'officer', name = 'Olu Officer') {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, role, { name });
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, user.email, user.password);
    return { user, context, page };
  }

  it('logs a phone enquiry, finds it by postcode and moves it to initial visit with the keyboard only', async () => {
    const { user, context, page } = await officerPage();
    const base = ctx().baseUrl;
    // Some other households, so the list, search and board have more than one row to tell apart.
    await makeEnquiry(ctx().deps.db, ctx().agencyId, { household: { postcode: 'NR2 4AB' } });
    await makeEnquiry(ctx().deps.db, ctx().agencyId, { household: { postcode: 'NR5 8QQ' } });

    await page.goto(`${base}/enquiries`);
    await expectAccessible(page, 'enquiries list');
    await page.getByRole('button', { name: 'Log a new enquiry' }).click();
    await page.waitForURL(`${base}/enquiries/new`);
    await expectAccessible(page, 'new enquiry form');
    // A phone call is the default, and the officer taking it is responsible unless they choose otherwise.
    expect(await page.getByLabel('Phone', { exact: true }).isChecked()).toBe(true);
    expect(await page.locator('#assignedOfficerId').inputValue()).toBe(user.id);

    // Nothing typed: every required field is listed in the error summary.
    await page.getByRole('button', { name: 'Log enquiry' }).click();
    await expect.poll(() => errorSummary(page).isVisible()).toBe(true);
    expect(await page.title()).toMatch(/^Error: Log a new enquiry/);
    const summary = await errorSummary(page).textContent();
    expect(summary).toContain('Enter a first name');
    expect(summary).toContain('Enter a last name');
    expect(summary).toContain('Enter a phone number or an email address');
    expect(summary).toMatch(/postcode/i);
    await expectErrorLinksResolve(page);
    await expectAccessible(page, 'new enquiry form with errors');

    // Half filled in, with a mistyped postcode: what was typed comes back, only the postcode is wrong.
    await page.locator('#applicants-0-firstName').fill('Priya');
    await page.locator('#applicants-0-lastName').fill('Okonkwo-Hale');
    await page.locator('#applicants-0-phone').fill('07700 900123');
    await page.locator('#applicants-0-email').fill('priya.hale@example.org');
    await page.getByLabel('Postcode').fill('NOT A POSTCODE');
    await page.getByLabel('Town or city (optional)').fill('Norwich');
    await page.getByLabel(/by email/).check();
    await page
      .getByLabel('Notes from the conversation (optional)')
      .fill('Saw the bus advert, works part time.');
    await page.getByRole('button', { name: 'Log enquiry' }).click();
    await expect.poll(() => errorSummary(page).textContent()).toMatch(/postcode/i);
    expect(await errorSummary(page).textContent()).not.toContain('first name');
    await expectErrorLinksResolve(page);
    expect(await page.locator('#applicants-0-firstName').inputValue()).toBe('Priya');
    expect(await page.locator('#applicants-0-lastName').inputValue()).toBe('Okonkwo-Hale');
    expect(await page.locator('#applicants-0-phone').inputValue()).toBe('07700 900123');
    expect(await page.locator('#applicants-0-email').inputValue()).toBe('priya.hale@example.org');
    expect(await page.getByLabel('Town or city (optional)').inputValue()).toBe('Norwich');
    expect(await page.getByLabel(/by email/).isChecked()).toBe(true);
    expect(await page.getByLabel('Notes from the conversation (optional)').inputValue()).toBe(
      'Saw the bus advert, works part time.',
    );
    expect(await page.getByLabel('Phone', { exact: true }).isChecked()).toBe(true);
    await expectAccessible(page, 'new enquiry form with a postcode error');

    await page.getByLabel('Postcode').fill('ip4 2xy');
    await page.getByRole('button', { name: 'Log enquiry' }).click();
    await page.waitForURL(/\/enquiries\/[0-9a-f-]{36}$/);
    const enquiryId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Enquiry logged.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Priya Okonkwo-Hale');

    // Found by postcode, typed the way people type them.
    await page.goto(`${base}/enquiries`);
    await page.getByLabel('Name, email, phone or postcode').fill('IP42XY');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/q=IP42XY/);
    const results = page.locator('#results tbody tr');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().textContent()).toContain('IP4 2XY');
    expect(await page.locator('#results caption').textContent()).toContain('1 enquiry');
    await expectAccessible(page, 'enquiries list, searched');
    await page.getByRole('link', { name: 'Priya Okonkwo-Hale' }).click();
    await page.waitForURL(`${base}/enquiries/${enquiryId}`);
    expect(await page.locator('.govuk-caption-l').textContent()).toContain('IP4 2XY');
    expect(await page.locator('main').textContent()).toContain('Saw the bus advert, works part time.');
    await expectAccessible(page, 'household page');

    // The board, by keyboard only: Tab to this household's "Move to" control, choose, submit.
    await page.goto(`${base}/board`);
    await expectAccessible(page, 'pipeline board');
    const enquiryColumn = page.locator('section[aria-labelledby="column-enquiry"]');
    const visitColumn = page.locator('section[aria-labelledby="column-initial_visit"]');
    expect(await enquiryColumn.textContent()).toContain('Priya Okonkwo-Hale');
    expect(await visitColumn.textContent()).not.toContain('Priya Okonkwo-Hale');

    const select = page.locator(`#move-${enquiryId}`);
    await tabTo(page, `#move-${enquiryId}`);
    expect(await focusIsVisible(page)).toBe(true);
    // Its accessible name says which household it moves.
    expect(await select.evaluate((el) => (el as HTMLSelectElement).labels[0]?.textContent)).toMatch(
      /Move\s+Priya Okonkwo-Hale\s+to/,
    );
    await page.keyboard.press('End');
    expect(await select.inputValue()).toBe('closed');
    await page.keyboard.press('Home');
    expect(await select.inputValue()).toBe('initial_visit');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() =>
        (document.activeElement as HTMLElement | null)?.innerText.replace(/\s+/g, ' '),
      ),
    ).toBe('Move Priya Okonkwo-Hale');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/enquiries/${enquiryId}/move/initial_visit`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Record initial visit');
    await expectAccessible(page, 'move form');

    // Date left blank (today); the button is pressed with the space bar.
    await tabTo(page, 'main form button.govuk-button');
    await page.keyboard.press('Space');
    await page.waitForURL(`${base}/enquiries/${enquiryId}`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Moved to Initial visit.',
    );

    // And back to the board through the service navigation, still by keyboard.
    await tabTo(page, 'a[href="/board"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/board`);
    expect(await visitColumn.textContent()).toContain('Priya Okonkwo-Hale');
    expect(await enquiryColumn.textContent()).not.toContain('Priya Okonkwo-Hale');
    expect(await visitColumn.locator('.app-board__count').textContent()).toBe('1');
    await context.close();
  });

  it('keeps the household page, contact, move, board and my work pages accessible, errors included', async () => {
    const { user, context, page } = await officerPage('officer', 'Tegan Officer');
    const base = ctx().baseUrl;
    const { db } = ctx().deps;

    // A household who phoned, and then filled in the public form as well: a possible duplicate.
    const phoned = await makeEnquiry(db, ctx().agencyId, {
      assignedOfficerId: user.id,
      household: { postcode: 'NR7 0HT', addressLine1: '4 Mill Lane', town: 'Norwich' },
      applicants: [
        { firstName: 'Jordan', lastName: 'Achterberg', email: 'jordan.a@example.net', phone: '07700 900555' },
      ],
      members: [
        { firstName: 'Ada', lastName: 'Achterberg', relationship: 'child', dateOfBirth: '2015-04-02' },
      ],
    });
    const { enquiryId: webId } = await submitPublicEnquiry(
      db,
      ctx().agencyId,
      parse(PublicEnquiry, {
        firstName: 'Jordan',
        lastName: 'Achterberg',
        email: 'jordan.a@example.net',
        postcode: 'NR7 0HT',
        transfer: 'no',
      }),
      { email: true, post: false, phone: true, sms: false },
    );

    await page.goto(`${base}/enquiries/${webId}`);
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('may be a household we already know');
    expect(await page.getByRole('link', { name: 'Possible match 1' }).getAttribute('href')).toBe(
      `/enquiries/${phoned.id}`,
    );
    await expectAccessible(page, 'household page with a possible duplicate');

    await page.goto(`${base}/enquiries/${phoned.id}`);
    await expectAccessible(page, 'household page with other household members');

    // Contact attempt: errors, then saved.
    await page.getByRole('button', { name: 'Record a contact attempt' }).click();
    await page.waitForURL(`${base}/enquiries/${phoned.id}/contacts/new`);
    await expectAccessible(page, 'contact attempt form');
    await page.getByLabel('Note (optional)').fill('Rang at lunchtime');
    await page.getByRole('button', { name: 'Save contact attempt' }).click();
    await expect.poll(() => errorSummary(page).textContent()).toContain('Select what happened');
    expect(await page.getByLabel('Note (optional)').inputValue()).toBe('Rang at lunchtime');
    await expectErrorLinksResolve(page);
    await expectAccessible(page, 'contact attempt form with errors');
    await page.getByLabel('Spoke to them').check();
    await page.getByRole('button', { name: 'Save contact attempt' }).click();
    await page.waitForURL(`${base}/enquiries/${phoned.id}`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Contact attempt recorded.',
    );

    // Closing needs a reason, and a date in the past.
    await page.goto(`${base}/enquiries/${phoned.id}/move/closed`);
    await expectAccessible(page, 'close form');
    const nextYear = new Date().getFullYear() + 1;
    await page.getByLabel('Day').fill('3');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill(String(nextYear));
    await page.getByLabel('Note (optional)').fill('Moving abroad');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => errorSummary(page).textContent()).toContain('must be today or in the past');
    expect(await page.title()).toMatch(/^Error: Close/);
    expect(await page.getByLabel('Note (optional)').inputValue()).toBe('Moving abroad');
    expect(await page.getByLabel('Year').inputValue()).toBe(String(nextYear));
    await expectErrorLinksResolve(page);
    await expectAccessible(page, 'close form with a date error');
    await page.getByLabel('Day').fill('');
    await page.getByLabel('Month').fill('');
    await page.getByLabel('Year').fill('');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => errorSummary(page).textContent()).toContain('Select why the enquiry is closing');
    expect(await page.getByLabel('Note (optional)').inputValue()).toBe('Moving abroad');
    await expectErrorLinksResolve(page);
    await expectAccessible(page, 'close form with a reason error');

    // An unknown stage or a move the pipeline does not allow is refused, accessibly.
    const refused = await page.goto(`${base}/enquiries/${phoned.id}/move/approved`);
    expect(refused!.status()).toBeGreaterThanOrEqual(400);
    await expectAccessible(page, 'a move that is not allowed');

    await page.goto(`${base}/board?mine=1`);
    expect(await page.locator('section[aria-labelledby="column-enquiry"]').textContent()).toContain(
      'Jordan Achterberg',
    );
    await expectAccessible(page, 'pipeline board, mine');

    await page.goto(`${base}/my-work`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My work');
    expect(await page.locator('main').textContent()).toContain('Jordan Achterberg');
    await expectAccessible(page, 'my work');
    await context.close();
  });
});
