import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/messages/messages.table.ts';
import { makeUser } from '../factories.ts';
import { axeViolations, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems } from '../helpers/overflow.ts';
import { waitFor } from '../helpers/wait.ts';
import { assessingHousehold, linkIn, refereeItem } from '../references/reference-fixtures.ts';
import { eq } from 'drizzle-orm';

const viewports = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

async function problems(page: Page, label: string) {
  const found: string[] = [];
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    for (const p of await overflowProblems(page)) found.push(`${viewport.width}px ${label}: ${p}`);
    for (const v of await axeViolations(page, 'any')) found.push(`${viewport.width}px ${label}: ${v}`);
  }
  return found;
}

/**
 * Issue 18 acceptance: the officer sends the reference form from the household page, a referee
 * answers it on the public page in Chromium (no sign-in), and the officer sees it arrived. Every
 * page passes axe (WCAG 2.2 AA) and fits at 1280 and 390 pixels.
 */
describe('a referee submits a reference and the officer sees it arrived, in Chromium', () => {
  const ctx = useTestContext();
  let browser: Browser;
  let officer: { id: string; email: string; password: string };

  beforeAll(async () => {
    browser = await launchChromium();
    officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sends, answers (after a mistake) and shows the arrival', async () => {
    const actor = { agencyId: ctx().agencyId, userId: officer.id, role: 'officer' as const };
    const enquiry = await assessingHousehold(ctx().deps.db, actor, [
      { firstName: 'Kim', lastName: 'Osei', email: 'kim@households.example' },
    ]);
    const item = await refereeItem(ctx().deps.db, ctx().agencyId, enquiry.id, {
      name: 'Lee Carter',
      email: 'lee@referees.example',
    });

    const staff = await (await browser.newContext({ bypassCSP: true })).newPage();
    await signIn(staff, ctx().baseUrl, officer.email, officer.password);
    await staff.goto(`${ctx().baseUrl}/enquiries/${enquiry.id}#references`);
    await staff.getByRole('button', { name: /Send the form to Lee Carter/ }).click();
    await staff.waitForURL(/#references$/);
    expect(await staff.locator(`[data-reference-status="${item.id}"]`).innerText()).toMatch(/^Sent on /);
    expect(await problems(staff, 'household page')).toEqual([]);

    const email = await waitFor(async () => {
      const [row] = await ctx()
        .deps.db.select()
        .from(messages)
        .where(eq(messages.toAddress, 'lee@referees.example'));
      return row ?? null;
    });
    const referee = await (await browser.newContext({ bypassCSP: true })).newPage();
    await referee.goto(ctx().baseUrl + linkIn(email.bodyText));
    expect(await referee.locator('h1').innerText()).toBe('Reference for Kim Osei');
    expect(await problems(referee, 'reference form')).toEqual([]);

    await referee.getByLabel('How long have you known the applicants?').fill('8 years');
    await referee.getByLabel('How do you know them?').fill('We work together and our families are friends.');
    await referee
      .getByLabel('What have you seen of them with children?')
      .fill('They look after my two children often.');
    await referee.getByRole('radio', { name: 'Yes' }).check();
    await referee.getByRole('button', { name: 'Send reference' }).click();
    // Errors first: the question left out, the detail of concerns, the declaration.
    await referee.locator('.govuk-error-summary').waitFor();
    const summary = await referee.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Enter whether you think they would be suitable to care for children');
    expect(summary).toContain('Tell us about your concerns');
    expect(summary).toContain('Confirm the declaration to send your reference');
    expect(await referee.getByLabel('How long have you known the applicants?').inputValue()).toBe('8 years');
    expect(await problems(referee, 'reference form with errors')).toEqual([]);

    await referee.getByRole('radio', { name: 'No' }).check();
    await referee.getByLabel(/Do you think they would be suitable/).fill('Yes, without hesitation.');
    await referee.getByLabel('Your full name').fill('Lee Carter');
    await referee.getByRole('checkbox').check();
    await referee.getByRole('button', { name: 'Send reference' }).click();
    await referee.getByText('Thank you: we have your reference').waitFor();
    expect(await problems(referee, 'thank you')).toEqual([]);

    await staff.reload();
    expect(await staff.locator(`[data-reference-status="${item.id}"]`).innerText()).toMatch(
      /^Received online on /,
    );
    expect(await staff.content()).not.toContain('without hesitation');
  });
});
