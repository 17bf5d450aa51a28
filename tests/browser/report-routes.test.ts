import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems } from '../helpers/overflow.ts';
import { buildHistory } from '../reports/history.ts';

/** The route filter and the Ofsted return in Chromium, on a desktop and a phone: axe, and no sideways scroll. */
describe('counting by route, in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  let history: Awaited<ReturnType<typeof buildHistory>>;
  beforeAll(async () => {
    browser = await launchChromium();
    history = await buildHistory(ctx().deps.db, ctx().agencyId, ctx().baseUrl);
  });
  afterAll(() => browser?.close());

  for (const width of [1280, 390]) {
    it(`a manager chooses the route on the committee table and reads the Ofsted return at ${width}px`, async () => {
      const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signIn(page, ctx().baseUrl, history.manager.email, history.manager.password);

      await page.goto(`${ctx().baseUrl}/reports/funnel?year=${history.past}`);
      expect(await page.getByLabel('Mainstream fostering (what Ofsted counts)').isChecked()).toBe(true);
      await page.getByLabel('Family and friends (connected person) fostering').check();
      await page.getByRole('button', { name: 'Show figures' }).click();
      await page.waitForURL(/route=family_and_friends/);
      await expect
        .poll(() => page.locator('#report-route').textContent())
        .toContain('Family and friends (connected person) households only');
      expect(await page.getByLabel('Family and friends (connected person) fostering').isChecked()).toBe(true);
      expect(await overflowProblems(page)).toEqual([]);
      await expectAccessible(page, `committee table, family and friends, ${width}px`);

      await page.goto(`${ctx().baseUrl}/reports/ofsted?year=${history.past}`);
      await expect.poll(() => page.locator('#ofsted-return th').first().textContent()).toContain('Figure');
      await page.getByText('How each figure is counted').click();
      expect(await page.getByText('A panel has considered a household once').isVisible()).toBe(true);
      expect(await overflowProblems(page)).toEqual([]);
      await expectAccessible(page, `Ofsted return, ${width}px`);
      await context.close();
    });
  }
});
