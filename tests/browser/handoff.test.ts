import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { makeUser } from '../factories.ts';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems } from '../helpers/overflow.ts';
import { hubEnquiry, makeHub, staff } from '../handoffs/hub-setup.ts';

/** Accessible, and no sideways scrolling at 1280 px and 390 px. */
async function check(page: Page, label: string) {
  await expectAccessible(page, label);
  const problems: string[] = [];
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    for (const p of await overflowProblems(page)) problems.push(`${viewport.width}px ${label}: ${p}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(problems).toEqual([]);
}

describe('hand-off in Chromium (issue 17)', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('a hub officer offers a household; a council manager accepts it and sees its history', async () => {
    const { db } = ctx().deps;
    const tag = randomBytes(3).toString('hex');
    const { hub, councils } = await makeHub(db, tag);
    const hubOfficer = await staff(db, ctx().baseUrl, hub.id, 'officer');
    const visitOn = addDays(londonToday(), -12);
    const household = await hubEnquiry(db, hubOfficer.api, {
      receivedOn: addDays(londonToday(), -45),
      visitOn,
      preferredCouncilId: councils[1]!.id,
      lastName: `Featherstone${tag}`,
    });
    const councilManager = await makeUser(db, councils[1]!.id, 'manager');

    // The hub officer offers it from the household's page; the chosen council is pre-selected.
    const hubContext = await browser.newContext({ bypassCSP: true });
    const hubPage = await hubContext.newPage();
    await signIn(hubPage, ctx().baseUrl, hubOfficer.user.email, hubOfficer.user.password);
    await hubPage.goto(`${ctx().baseUrl}/enquiries/${household.id}`);
    await hubPage.getByRole('link', { name: 'Offer to a council' }).click();
    await expect
      .poll(() => hubPage.getByRole('heading', { level: 1 }).textContent())
      .toContain('Offer to a council');
    expect(await hubPage.getByLabel(councils[1]!.name).isChecked()).toBe(true);
    await check(hubPage, 'offer form');
    await hubPage
      .getByLabel('Note for the council (optional)')
      .fill('Initial visit went well; keen on sibling groups');
    await hubPage.getByRole('button', { name: 'Offer the household' }).click();
    await expect
      .poll(() => hubPage.locator('.govuk-notification-banner').textContent())
      .toContain('Household offered');
    expect(await hubPage.locator('#handoff').locator('..').textContent()).toContain(
      `Offered to ${councils[1]!.name}`,
    );
    await check(hubPage, 'household page with an open offer');

    // The council's manager finds it on At risk, opens the offers and accepts.
    const councilContext = await browser.newContext({ bypassCSP: true });
    const councilPage = await councilContext.newPage();
    await signIn(councilPage, ctx().baseUrl, councilManager.email, councilManager.password);
    await councilPage.goto(`${ctx().baseUrl}/deadlines`);
    await councilPage
      .locator('#handoffs-at-risk')
      .getByRole('link', { name: `Sam ${household.lastName}` })
      .click();
    await expect
      .poll(() => councilPage.getByRole('heading', { level: 1 }).textContent())
      .toBe('Households offered by the hub');
    const card = councilPage.locator('.app-handoff', { hasText: household.lastName });
    expect(await card.textContent()).toContain('keen on sibling groups');
    expect(await card.textContent()).toContain('Initial visit');
    await check(councilPage, 'households offered by the hub');
    await card.getByRole('button', { name: /Accept/ }).click();

    await expect
      .poll(() => councilPage.locator('.govuk-notification-banner').textContent())
      .toContain('Household accepted');
    expect(new URL(councilPage.url()).pathname).toBe(`/enquiries/${household.id}`);
    const main = (await councilPage.locator('main').textContent()) ?? '';
    expect(main).toContain(`Sam ${household.lastName}`);
    expect(main).toContain('Received from the hub');
    expect(main).toContain('two spare rooms'); // the hub's note on the timeline
    // The visit keeps the date the hub recorded.
    const visitDay = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(`${visitOn}T12:00:00Z`));
    expect(main).toContain(visitDay);
    await check(councilPage, 'household page after the hand-off');

    // The hub no longer opens it.
    const gone = await hubPage.goto(`${ctx().baseUrl}/enquiries/${household.id}`);
    expect(gone?.status()).toBe(404);
    await hubPage.goto(`${ctx().baseUrl}/handoffs?status=accepted`);
    expect(await hubPage.locator('main').textContent()).not.toContain(household.lastName);
    await check(hubPage, 'hub’s accepted hand-offs');
    await hubContext.close();
    await councilContext.close();
  });
  it('a council returns a household with a reason; the hub sees it; the hub manager sets the clock', async () => {
    const { db } = ctx().deps;
    const tag = randomBytes(3).toString('hex');
    const { hub, councils } = await makeHub(db, tag);
    const hubOfficer = await staff(db, ctx().baseUrl, hub.id, 'officer');
    const hubManager = await makeUser(db, hub.id, 'manager');
    const councilOfficer = await makeUser(db, councils[0]!.id, 'officer');
    const household = await hubEnquiry(db, hubOfficer.api, {
      receivedOn: addDays(londonToday(), -20),
      visitOn: addDays(londonToday(), -3),
      lastName: `Ravensworth${tag}`,
    });
    expect(
      (await hubOfficer.api.post(`/enquiries/${household.id}/handoff`, { to: councils[0]!.code })).status,
    ).toBe(201);

    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, councilOfficer.email, councilOfficer.password);
    await page.goto(`${ctx().baseUrl}/handoffs`);
    await page
      .locator('.app-handoff', { hasText: household.lastName })
      .getByRole('link', { name: /Return to the hub/ })
      .click();
    await page.getByRole('button', { name: 'Return to the hub' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the reason for returning the household',
    );
    await check(page, 'return form with an error');
    await page
      .getByLabel('Why are you returning this household?')
      .fill('They would rather foster for Southfolk');
    await page.getByRole('button', { name: 'Return to the hub' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Household returned');
    expect(await page.locator('main').textContent()).not.toContain(household.lastName);
    await context.close();

    const hubContext = await browser.newContext({ bypassCSP: true });
    const hubPage = await hubContext.newPage();
    await signIn(hubPage, ctx().baseUrl, hubManager.email, hubManager.password);
    await hubPage.goto(`${ctx().baseUrl}/handoffs?status=returned`);
    expect(await hubPage.locator('main').textContent()).toContain('They would rather foster for Southfolk');
    await check(hubPage, 'hub’s returned hand-offs');
    await hubPage.getByRole('link', { name: 'Change how long councils have to answer' }).click();
    await hubPage.getByLabel('Time a council has to answer').fill('11');
    await hubPage.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => hubPage.locator('.govuk-error-summary').isVisible()).toBe(true);
    await check(hubPage, 'hand-off settings with an error');
    await hubPage.getByLabel('Time a council has to answer').fill('3');
    await hubPage.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => hubPage.locator('.govuk-notification-banner').textContent())
      .toContain('Hand-off settings saved');
    await hubContext.close();
  });
});
