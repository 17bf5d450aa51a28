import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies } from '../../src/agencies/agencies.table.ts';
import { recomputeAgencies } from '../../src/metrics/metrics.service.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { axeViolations, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';
import { overflowProblems } from '../helpers/overflow.ts';

/**
 * The hub's regional report and a report narrowed to one member council, in Chromium at a laptop's
 * and a phone's width: no sideways scroll of the page (wide tables scroll inside a labelled,
 * focusable region), no axe violations, and the member-council filter works.
 */
describe('the regional report in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  let manager: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    browser = await launchChromium();
    const db = ctx().deps.db;
    const [hub] = await db
      .insert(agencies)
      .values({ name: 'Foster Vale', slug: 'fostervale', kind: 'hub' })
      .returning();
    const names = [
      'Ashby-de-la-Zouch District',
      'Bramley and Wortley Borough',
      'Cotton End Metropolitan',
      'Dunsby Fen',
      // As long as the demo's: the member council select once pushed a phone's page sideways.
      'Northshire County Council Fostering Service',
    ];
    for (const [i, name] of names.entries()) {
      await db
        .insert(agencies)
        .values({ name, slug: `m${i}`, kind: 'council', hubId: hub!.id, population: 10_000 * (i + 1) });
    }
    manager = await makeUser(db, hub!.id, 'manager');
    const api = apiClient(ctx().baseUrl, await makeApiToken(db, hub!.id, manager.id));
    for (const day of ['2025-05-01', '2025-06-01']) {
      const res = await api.post('/enquiries', enquiryBody({ receivedAt: `${day}T09:00:00Z` }));
      expect(res.status).toBe(201);
    }
    await recomputeAgencies(db, hub!.id);
  });
  afterAll(() => browser?.close());

  it('fits a laptop and a phone, passes axe, and narrows to a member council', async () => {
    const problems: string[] = [];
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const context = await browser.newContext({ bypassCSP: true, viewport });
      const page = await context.newPage();
      await signIn(page, ctx().baseUrl, manager.email, manager.password);
      for (const path of [
        '/reports/hub?year=2025',
        '/reports/funnel?year=2025&council=m1',
        '/reports/hub?year=2025&council=nowhere', // the error state (422) too
      ]) {
        await page.goto(ctx().baseUrl + path);
        for (const p of await overflowProblems(page)) problems.push(`${viewport.width}px ${path}: ${p}`);
        for (const v of await axeViolations(page)) problems.push(`${viewport.width}px ${path}: ${v}`);
      }
      await context.close();
    }
    expect(problems).toEqual([]);

    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, manager.email, manager.password);
    await page.goto(`${ctx().baseUrl}/reports/hub?year=2025`);
    await expect.poll(() => page.locator('#hub-councils th[scope=col]').count()).toBe(8); // measure, 5, not known, total
    await page.getByLabel('Member council', { exact: true }).selectOption('m2');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(/council=m2/);
    expect(await page.locator('#hub-councils th[scope=col]').allTextContents()).toEqual([
      'Measure',
      'Cotton End Metropolitan',
    ]);
    await context.close();
  });
});
