import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financialYearOf, londonToday } from '../../src/calendar/dates.ts';
import { exitSurveys } from '../../src/exit-survey/exit-survey.table.ts';
import { queueExitSurveys, surveyToken } from '../../src/exit-survey/exit-survey.service.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { axeViolations, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems, structureProblems } from '../helpers/overflow.ts';

const viewports = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Everything wrong with the page at both widths: sideways scrolling, structure, and axe (WCAG 2.2 AA). */
async function problemsAtBothWidths(page: Page, label: string) {
  const problems: string[] = [];
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    for (const p of await overflowProblems(page)) problems.push(`${viewport.width}px ${label}: ${p}`);
    for (const p of await structureProblems(page)) problems.push(`${viewport.width}px ${label}: ${p}`);
    for (const v of await axeViolations(page, 'any')) problems.push(`${viewport.width}px ${label}: ${v}`);
  }
  return problems;
}

/** Presses Tab until the element with `id` has focus (a keyboard user's way there). */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

describe('the exit survey and the drop-out report in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  let manager: { email: string; password: string };
  let officer: { email: string; password: string };
  let surveyPath = '';
  let enquiryId = '';

  beforeAll(async () => {
    browser = await launchChromium();
    const { db } = ctx().deps;
    manager = await makeUser(db, ctx().agencyId, 'manager');
    const o = await makeUser(db, ctx().agencyId, 'officer');
    officer = o;
    const enquiry = await makeEnquiry(db, ctx().agencyId, { campaignCode: 'RADIO-26' });
    enquiryId = enquiry.id;
    const actor = { agencyId: ctx().agencyId, userId: o.id, role: 'officer' as const };
    await transition(db, actor, enquiry.id, parse(Transition, { to: 'closed', reason: 'AW0' }));
    await queueExitSurveys(ctx().deps);
    const [survey] = await db.select().from(exitSurveys).where(eq(exitSurveys.enquiryId, enquiry.id));
    surveyPath = `/survey/${await surveyToken(db, survey!.id)}`;
  });
  afterAll(() => browser?.close());

  it('the survey page fits and passes axe at 1280 and 390 px, with errors too, and is answered by keyboard alone', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const problems: string[] = [];
    await page.goto(ctx().baseUrl + surveyPath);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Why did you decide to stop?');
    problems.push(...(await problemsAtBothWidths(page, 'survey')));

    await page.getByLabel('Yes').check();
    await page.getByLabel('In your own words (optional)').fill('x'.repeat(1300));
    await page.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(await page.getByLabel('In your own words (optional)').inputValue()).toBe('x'.repeat(1300));
    problems.push(...(await problemsAtBothWidths(page, 'survey with errors')));

    // Keyboard only, from a fresh page: choose the second reason, write, say no, send.
    await page.goto(ctx().baseUrl + surveyPath);
    await page.setViewportSize(viewports[1]!);
    await tabTo(page, 'choice');
    await page.keyboard.press('ArrowDown'); // moves to and selects "The assessment wasn’t what I expected"
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ownWords');
    await page.keyboard.type('Too many forms at once');
    await tabTo(page, 'contactAgain');
    await page.keyboard.press('ArrowRight'); // "No"
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    await expect
      .poll(async () => (await page.getByRole('heading', { level: 1 }).textContent())?.trim())
      .toBe('Thank you');
    const [saved] = await ctx()
      .deps.db.select()
      .from(exitSurveys)
      .where(eq(exitSurveys.enquiryId, enquiryId));
    expect(saved).toMatchObject({
      choice: 'assessment',
      ownWords: 'Too many forms at once',
      contactAgain: false,
    });
    problems.push(...(await problemsAtBothWidths(page, 'thank you')));

    await page.goto(ctx().baseUrl + surveyPath);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You have already answered');
    problems.push(...(await problemsAtBothWidths(page, 'already answered')));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the household page shows the answer and the report page passes axe at both widths', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const problems: string[] = [];
    await signIn(page, ctx().baseUrl, officer.email, officer.password);
    await page.goto(`${ctx().baseUrl}/enquiries/${enquiryId}`);
    await expect.poll(() => page.locator('#exit-survey').textContent()).toBe('Why they stopped');
    expect(await page.getByRole('button', { name: 'Use AW2 as the closing reason' }).count()).toBe(1);
    problems.push(...(await problemsAtBothWidths(page, 'household')));
    await context.close();

    const managers = await browser.newContext({ bypassCSP: true });
    const reportPage = await managers.newPage();
    await signIn(reportPage, ctx().baseUrl, manager.email, manager.password);
    await reportPage.goto(`${ctx().baseUrl}/reports`);
    await reportPage.getByRole('link', { name: 'Why households stopped' }).click();
    await reportPage
      .getByLabel('Financial year', { exact: true })
      .selectOption(String(financialYearOf(londonToday()).startYear));
    await reportPage.getByRole('button', { name: 'Show figures' }).click();
    await reportPage.waitForURL(/year=/);
    expect(await reportPage.locator('#own-words-list').textContent()).toContain('Too many forms at once');
    problems.push(...(await problemsAtBothWidths(reportPage, 'drop-out report')));
    expect(problems).toEqual([]);
    await managers.close();
  });
});
