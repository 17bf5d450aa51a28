import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { makeUser } from '../factories.ts';
import { axeViolations, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems } from '../helpers/overflow.ts';

/**
 * The tracker of the journey: its source column has a name the importer does not know ("Where
 * from"), row 4 has a date that does not exist, and "Leaflet" is a source nobody recognises.
 */
const tracker = [
  'Name,Enquiry date,Where from,Postcode,IV date,Status',
  'Ann Able,05/05/2024,Phone,NR1 1AA,20/05/2024,IV done',
  'Ben Brown,12/06/2024,Facebook,NR2 2BB,,Withdrawn - finances',
  'Cat Cole,31/02/2024,Website,NR3 3CC,,Enquiry',
  'Dan Dale,01/07/2024,Leaflet,NR4 4DD,,Enquiry',
].join('\r\n');

describe('importing a tracker in Chromium (issue 14 §6)', () => {
  const ctx = useTestContext();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  const problems: string[] = [];
  /** axe at a laptop's width, then no sideways scrolling at a phone's and a laptop's. */
  async function check(page: Page, label: string) {
    for (const v of await axeViolations(page)) problems.push(`${label}: ${v}`);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      for (const p of await overflowProblems(page)) problems.push(`${label} at ${width}px: ${p}`);
    }
  }

  const enquiries = async () =>
    (
      await rows<{ n: number }>(
        ctx().deps.db,
        sql`select count(*)::int as n from enquiries where agency_id = ${ctx().agencyId}`,
      )
    )[0]!.n;

  it('upload → match a column and a value → dry run with a problem row → import → roll back', async () => {
    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 844 } });
    const page = await context.newPage();
    await signIn(page, ctx().baseUrl, manager.email, manager.password);

    await page.goto(`${ctx().baseUrl}/enquiries`);
    await page.getByRole('link', { name: 'Import a tracker spreadsheet' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Import a tracker spreadsheet');
    await check(page, 'imports');

    // No file chosen: the error summary links to the file input.
    await page.getByRole('button', { name: 'Upload and match columns' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Choose a CSV or Excel');
    await check(page, 'upload with an error');

    await page.getByLabel('Upload the tracker').setInputFiles({
      name: 'tracker.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(tracker),
    });
    await page.getByRole('button', { name: 'Upload and match columns' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Match the columns');
    expect(await page.getByLabel('What the column “Name” holds').inputValue()).toBe('fullName');
    expect(await page.getByLabel('What the column “Where from” holds').inputValue()).toBe('ignore');
    await check(page, 'mapping');

    // The person says what "Where from" holds: its words are then shown to match.
    await page.getByLabel('What the column “Where from” holds').selectOption('channel');
    await page.getByRole('button', { name: 'Check the import' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.textContent()).toContain('Choose what “Leaflet” means');
    expect(await summary.textContent()).toContain('Check what “Phone” means');
    expect(await page.getByLabel('What “Phone” means').inputValue()).toBe('phone');
    expect(await page.getByLabel('What the column “Where from” holds').inputValue()).toBe('channel');
    await check(page, 'mapping with new values to match');

    await page.getByLabel('What “Leaflet” means').selectOption('other');
    await page.getByLabel('Save this mapping as (optional)').fill('Monthly tracker');
    await page.getByRole('button', { name: 'Check the import' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('tracker.csv');
    const problemTable = page.getByRole('table', { name: /Rows that cannot be imported/ });
    expect(await problemTable.textContent()).toContain('31/02/2024');
    expect(await problemTable.locator('tbody tr').count()).toBe(1);
    expect(await enquiries()).toBe(0);
    await check(page, 'dry run');

    const csv = await page.request.get(
      `${ctx().baseUrl}${await page.getByRole('link', { name: 'Download the problems as CSV' }).getAttribute('href')}`,
    );
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('4,Enquiry date,31/02/2024,');

    await page.getByRole('button', { name: 'Import 3 households' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('3 households imported.');
    expect(await enquiries()).toBe(3);
    await check(page, 'imported batch');

    await page.getByRole('button', { name: 'Roll back this import' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Roll back this import?');
    await check(page, 'roll back confirmation');
    await page.getByRole('button', { name: 'Roll back this import' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('The import was rolled back.');
    expect(await enquiries()).toBe(0);
    await check(page, 'rolled back batch');

    // Next month's file: the saved mapping is offered and fills in the choices.
    await page.goto(`${ctx().baseUrl}/imports`);
    await page.getByLabel('Upload the tracker').setInputFiles({
      name: 'tracker-june.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(tracker),
    });
    await page.getByRole('button', { name: 'Upload and match columns' }).click();
    await page.getByLabel('Use a mapping you saved before').selectOption('Monthly tracker');
    await page.getByRole('button', { name: 'Use this mapping' }).click();
    await expect
      .poll(() => page.getByLabel('What the column “Where from” holds').inputValue())
      .toBe('channel');
    expect(await page.getByLabel('What “Leaflet” means').inputValue()).toBe('other');

    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
