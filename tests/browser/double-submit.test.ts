import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { MIN_FILL_SECONDS } from '../../src/public/spam.ts';
import { makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';

describe('nothing lost, nothing twice, in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  const count = async (query: ReturnType<typeof sql>) =>
    (await rows<{ n: number }>(ctx().deps.db, query))[0]!.n;

  it('a double click on "Send enquiry" makes one enquiry and one welcome email', async () => {
    const base = ctx().baseUrl;
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const shownAt = Date.now();
    await page.goto(`${base}/enquire`);
    await page.getByLabel('First name').fill('Dana');
    await page.getByLabel('Last name').fill('Doubleclick');
    await page.getByLabel('Email address').fill('dana.dc@example.net');
    await page.getByLabel('Postcode').fill('NR3 1AA');
    await page.getByLabel('No', { exact: true }).check();
    const wait = shownAt + MIN_FILL_SECONDS * 1000 + 500 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
    await page.getByRole('button', { name: 'Send enquiry' }).dblclick();
    await page.waitForURL(`${base}/enquire/about-you`);
    await context.close();
    expect(await count(sql`select count(*)::int as n from people where email = 'dana.dc@example.net'`)).toBe(
      1,
    );
    expect(
      await count(
        sql`select count(*)::int as n from messages where to_address = 'dana.dc@example.net' and trigger = 'welcome'`,
      ),
    ).toBe(1);
  });

  it('the held list is accessible, and releasing from it makes the enquiry', async () => {
    const base = ctx().baseUrl;
    const visitor = await browser.newContext({ bypassCSP: true });
    const form = await visitor.newPage();
    await form.goto(`${base}/enquire`);
    await form.getByLabel('First name').fill('Hana');
    await form.getByLabel('Last name').fill('Heldback');
    await form.getByLabel('Email address').fill('hana.held@example.net');
    await form.getByLabel('Postcode').fill('NR3 1AA');
    await form.getByLabel('No', { exact: true }).check();
    await form.getByRole('button', { name: 'Send enquiry' }).click(); // at once: too fast, so held
    await form.waitForURL(`${base}/enquire/thank-you`);
    await visitor.close();

    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const staffContext = await browser.newContext({ bypassCSP: true });
    const staff = await staffContext.newPage();
    await signIn(staff, base, manager.email, manager.password);
    await staff.goto(`${base}/enquiries`);
    await staff.getByRole('link', { name: 'Public enquiries held as possible spam' }).click();
    await staff.waitForURL(`${base}/held-enquiries`);
    expect(await staff.locator('main').innerText()).toContain('Hana Heldback');
    await expectAccessible(staff, 'held enquiries');
    await staff.getByRole('button', { name: /^Release.*Hana/ }).click();
    await staff.waitForURL(`${base}/held-enquiries`);
    expect(await staff.locator('main').innerText()).toContain('Released');
    await staffContext.close();
    expect(
      await count(sql`select count(*)::int as n from people where email = 'hana.held@example.net'`),
    ).toBe(1);
  });
});
