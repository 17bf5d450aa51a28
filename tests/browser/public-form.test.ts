import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { MIN_FILL_SECONDS } from '../../src/public/spam.ts';
import { makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';

/**
 * The form holds for staff review what is sent within MIN_FILL_SECONDS of it being shown, as scripts
 * do. A person takes longer than that: wait until that much time has passed since `shownAt`.
 */
async function takeTimeLikeAPerson(page: Page, shownAt: number) {
  const wait = shownAt + MIN_FILL_SECONDS * 1000 + 500 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
}

describe('the public enquiry form in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  const enquiriesFor = (email: string) =>
    rows<{ id: string }>(
      ctx().deps.db,
      sql`select e.id from enquiries e join people p on p.household_id = e.household_id where p.email = ${email}`,
    );

  it('takes an enquiry from a member of the public, with equality answers, and shows it to staff', async () => {
    const base = ctx().baseUrl;
    const publicContext = await browser.newContext({ bypassCSP: true });
    const page = await publicContext.newPage();

    let shownAt = Date.now();
    await page.goto(`${base}/enquire?campaign=Bus-Shelter-26`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ask about fostering');
    expect(await page.getByRole('link', { name: 'Sign out' }).count()).toBe(0);
    await expectAccessible(page, 'public form');

    // A first try with only a first name: plain-English errors, nothing typed is lost.
    await page.getByLabel('First name').fill('Morgan');
    await page
      .getByLabel('Is there anything you would like to tell us or ask? (optional)')
      .fill('Can I foster if I rent?');
    await takeTimeLikeAPerson(page, shownAt);
    shownAt = Date.now();
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await page.title()).toMatch(/^Error: Ask about fostering/);
    const problems = await summary.textContent();
    expect(problems).toContain('Enter your last name');
    expect(problems).toContain('Enter an email address or a phone number so we can contact you');
    expect(problems).toContain('Select yes if you are already an approved foster carer');
    expect(await page.getByLabel('First name').inputValue()).toBe('Morgan');
    expect(
      await page.getByLabel('Is there anything you would like to tell us or ask? (optional)').inputValue(),
    ).toBe('Can I foster if I rent?');
    const brokenLinks = await page.$$eval('.govuk-error-summary a', (links) =>
      links.map((a) => a.getAttribute('href') ?? '').filter((h) => !document.getElementById(h.slice(1))),
    );
    expect(brokenLinks).toEqual([]);
    await expectAccessible(page, 'public form with errors');

    await page.getByLabel('Last name').fill('Featherstonehaugh');
    await page.getByLabel('Email address').fill('morgan.f@example.net');
    await page.getByLabel('Postcode').fill('nr3 1aa');
    await page.getByLabel('No', { exact: true }).check();
    await page
      .getByLabel('Where did you hear about fostering with us? (optional)')
      .selectOption('outdoor_advert');
    await page.getByLabel(/by email/).check();
    await takeTimeLikeAPerson(page, shownAt);
    await page.getByRole('button', { name: 'Send enquiry' }).click();

    // The optional equality questions, on their own step.
    await page.waitForURL(`${base}/enquire/about-you`);
    expect(await page.locator('.govuk-panel__title').textContent()).toContain('Enquiry sent');
    await expectAccessible(page, 'equality questions');
    await page.getByRole('group', { name: 'What is your age?' }).getByLabel('35 to 44').check();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.waitForURL(`${base}/enquire/thank-you`);
    expect(await page.locator('.govuk-panel__title').textContent()).toContain('Thank you for your enquiry');
    await expectAccessible(page, 'thank-you page');
    await publicContext.close();
    expect(await enquiriesFor('morgan.f@example.net')).toHaveLength(1);

    // An officer finds it, as a web form enquiry with the campaign and consent.
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const staffContext = await browser.newContext({ bypassCSP: true });
    const staff = await staffContext.newPage();
    await signIn(staff, base, officer.email, officer.password);
    await staff.goto(`${base}/enquiries?q=${encodeURIComponent('morgan.f@example.net')}`);
    await staff.getByRole('link', { name: 'Morgan Featherstonehaugh' }).click();
    await staff.waitForURL(/\/enquiries\/[0-9a-f-]{36}$/);
    const household = await staff.locator('main').innerText();
    expect(household).toContain('NR3 1AA');
    expect(household).toContain('Web form');
    expect(household).toContain('BUS-SHELTER-26');
    expect(household).toContain('A billboard, poster or bus advert');
    expect(household).toContain('Can I foster if I rent?');
    expect(household).toMatch(/Email:\s*Yes/);
    expect(household).toMatch(/Phone:\s*No/);
    // Equality answers are not part of the case record, and officers cannot see the report.
    expect(household).not.toContain('35 to 44');
    const forbidden = await staff.goto(`${base}/reports/equality`);
    expect(forbidden!.status()).toBe(403);
    await staffContext.close();

    // A manager sees totals only, with the small number suppressed.
    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const managerContext = await browser.newContext({ bypassCSP: true });
    const report = await managerContext.newPage();
    await signIn(report, base, manager.email, manager.password);
    await report.goto(`${base}/reports/equality`);
    expect(await report.getByRole('heading', { level: 1 }).textContent()).toBe('Equality monitoring');
    const ageTable = report.locator('table', {
      has: report.locator('caption', { hasText: 'What is your age?' }),
    });
    expect(await ageTable.locator('tr', { hasText: '35 to 44' }).innerText()).toMatch(/fewer than/);
    expect(await report.locator('main').innerText()).toContain('1 person');
    await expectAccessible(report, 'equality report');
    await managerContext.close();
  });

  // Changed by issue 12: such submissions are held for staff to review, no longer discarded.
  it('thanks a script that fills the hidden field or forges the timing token, and holds it out of the pipeline', async () => {
    const base = ctx().baseUrl;
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const fill = async (email: string) => {
      await page.getByLabel('First name').fill('Bot');
      await page.getByLabel('Last name').fill('Script');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Postcode').fill('NR3 1AA');
      await page.getByLabel('No', { exact: true }).check();
    };

    let shownAt = Date.now();
    await page.goto(`${base}/enquire`);
    await fill('honeypot@example.net');
    await page.locator('#website').fill('http://spam.example');
    await takeTimeLikeAPerson(page, shownAt);
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await page.waitForURL(`${base}/enquire/thank-you`);

    shownAt = Date.now();
    await page.goto(`${base}/enquire`);
    await fill('forged@example.net');
    await page.locator('input[name="startedAt"]').evaluate(
      (el, stamp) => {
        (el as HTMLInputElement).value = stamp;
      },
      `${Date.now() - 60_000}.forged-signature`,
    );
    await takeTimeLikeAPerson(page, shownAt);
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await page.waitForURL(`${base}/enquire/thank-you`);
    expect(await page.locator('.govuk-panel__title').textContent()).toContain('Thank you for your enquiry');

    expect(await enquiriesFor('honeypot@example.net')).toEqual([]);
    expect(await enquiriesFor('forged@example.net')).toEqual([]);
    const held = await rows<{ email: string }>(
      ctx().deps.db,
      sql`select input->'form'->>'email' as email from held_submissions order by 1`,
    );
    expect(held.map((r) => r.email)).toEqual(['forged@example.net', 'honeypot@example.net']);
    await context.close();
  });
});
