import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_FILL_SECONDS } from '../../src/public/spam.ts';
import { makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems } from '../helpers/overflow.ts';
import { makeHub } from '../hubs/hub-setup.ts';

async function takeTimeLikeAPerson(page: Page, shownAt: number) {
  const wait = shownAt + MIN_FILL_SECONDS * 1000 + 500 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
}

describe('the hub front door in Chromium (issue 17 §2)', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('proposes the council from the postcode, then the hub sees both councils; pages are axe-clean', async () => {
    const db = ctx().deps.db;
    const hub = await makeHub(db);
    const base = ctx().baseUrl;
    const publicContext = await browser.newContext({ bypassCSP: true });
    const page = await publicContext.newPage();
    const shownAt = Date.now();
    await page.goto(`${base}/enquire/foster-east?campaign=radio`);
    await expectAccessible(page, 'hub public form');
    expect(
      await page.getByRole('group', { name: 'Which council would you like to foster for?' }).isVisible(),
    ).toBe(true);
    await page.getByLabel('First name').fill('Noor');
    await page.getByLabel('Last name').fill('Abbas');
    await page.getByLabel('Email address').fill('noor.abbas@example.net');
    await page.getByLabel('Postcode').fill('ss1 2ab');
    await page.getByLabel('No', { exact: true }).check();
    await takeTimeLikeAPerson(page, shownAt);
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await expect.poll(() => page.locator('#council-proposal').isVisible()).toBe(true);
    expect(await page.locator('#council-proposal').textContent()).toContain('Essex’s area');
    expect(await page.getByLabel('Essex').isChecked()).toBe(true);
    await expectAccessible(page, 'hub public form with a proposal');
    await page.getByRole('button', { name: 'Send enquiry' }).click();
    await page.waitForURL(/about-you|thank-you/);

    const manager = await makeUser(db, hub.hub.id, 'manager');
    const staff = await (await browser.newContext({ bypassCSP: true })).newPage();
    await signIn(staff, base, manager.email, manager.password);
    await staff.goto(`${base}/enquiries`);
    await expectAccessible(staff, 'hub enquiry list');
    for (const width of [1280, 390]) {
      await staff.setViewportSize({ width, height: 900 });
      expect(await overflowProblems(staff)).toEqual([]);
    }
    await staff.getByRole('link', { name: 'Noor Abbas' }).click();
    expect(await staff.locator('main').textContent()).toMatch(/Would like to foster for\s*Essex/);
    await expectAccessible(staff, 'hub household page');

    const admin = await makeUser(db, hub.hub.id, 'admin');
    const adminPage = await (await browser.newContext({ bypassCSP: true })).newPage();
    await signIn(adminPage, base, admin.email, admin.password);
    await adminPage.goto(`${base}/admin/agency`);
    expect(await adminPage.locator('table').textContent()).toMatch(
      /Essex\s*foster-east-essex\s*1,500,000\s*47\.2%/,
    );
    await expectAccessible(adminPage, 'hub members page');
    await adminPage.goto(`${base}/admin/agency/members/foster-east-essex`);
    await expectAccessible(adminPage, 'member council form');
  });
});
