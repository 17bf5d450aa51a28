import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { rows } from '../../src/db/rows.ts';
import { formatDate } from '../../src/shared/format.ts';
import { fictionalPhone, makeEnquiry, makeUser } from '../factories.ts';
import { dateFields } from '../helpers/forms.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

describe('family and friends on the staff pages', () => {
  const ctx = useTestContext();
  const today = londonToday();

  async function signedIn() {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    return browser;
  }

  it('logs a family and friends enquiry with its placement date from the new enquiry form', async () => {
    const browser = await signedIn();
    const form = await browser.get('/enquiries/new');
    expect(form.body).toContain('Family and friends (connected person)');
    const lastName = `Kinship${Date.now()}`;
    const placedOn = addDays(today, -14);
    const res = await browser.post('/enquiries', {
      channel: 'phone',
      'applicants[0][firstName]': 'Gran',
      'applicants[0][lastName]': lastName,
      'applicants[0][phone]': fictionalPhone(),
      'household[postcode]': 'nr2 4ab',
      route: 'family_and_friends',
      ...dateFields('placedOn', placedOn),
    });
    expect(res.status, res.body.slice(0, 2000)).toBe(303);
    const page = await browser.get(res.location!);
    expect(page.body).toContain('Family and friends (connected person)');
    // Placed 2 weeks ago: 14 weeks left.
    expect(page.body).toContain(
      `Temporary approval ends on <strong>${formatDate(addDays(placedOn, 112))}</strong>, 14 weeks left.`,
    );

    // A placement date for a mainstream enquiry is refused with the field's message, nothing stored.
    const refused = await browser.post('/enquiries', {
      channel: 'phone',
      'applicants[0][firstName]': 'Gran',
      'applicants[0][lastName]': `${lastName}x`,
      'applicants[0][phone]': fictionalPhone(),
      'household[postcode]': 'nr2 4ab',
      route: 'mainstream',
      ...dateFields('placedOn', placedOn),
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('A placement date is only for a family and friends');
  });

  it('changes the route and records the placement date from the household page', async () => {
    const browser = await signedIn();
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    const page = await browser.get(`/enquiries/${e.id}`);
    expect(page.body).toContain(`href="/enquiries/${e.id}/route"`);
    expect(page.body).not.toContain('Temporary approval (connected person)');
    const form = await browser.get(`/enquiries/${e.id}/route`);
    expect(form.status).toBe(200);
    const bad = await browser.post(`/enquiries/${e.id}/route`, {
      route: 'family_and_friends',
      ...dateFields('placedOn', '2026-02-30'),
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('The date the child was placed must be a real date');
    const placedOn = addDays(today, -77);
    const saved = await browser.post(`/enquiries/${e.id}/route`, {
      route: 'family_and_friends',
      ...dateFields('placedOn', placedOn),
    });
    expect(saved.status).toBe(303);
    const after = await browser.get(`/enquiries/${e.id}`);
    expect(after.body).toContain('Route updated.');
    expect(after.body).toContain(
      `Temporary approval ends on <strong>${formatDate(addDays(today, 35))}</strong>, 5 weeks left.`,
    );
    expect(after.body).toContain('Record an extension');
  });

  it('records an extension from the household page, shows it, and refuses a second', async () => {
    const browser = await signedIn();
    const placedOn = addDays(today, -77);
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, { route: 'family_and_friends', placedOn });
    const invalid = await browser.post(`/enquiries/${e.id}/temporary-approval/extension`, {
      weeks: '12',
      ...dateFields('agreedOn', today),
      agreedBy: '',
      reason: 'Waiting for the panel',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toContain('a whole number from 1 to 8');
    expect(invalid.body).toContain('Enter the name of the nominated officer');
    expect(invalid.body).toContain('>Waiting for the panel</textarea>');
    const saved = await browser.post(`/enquiries/${e.id}/temporary-approval/extension`, {
      weeks: '8',
      ...dateFields('agreedOn', today),
      agreedBy: 'Dana Decider',
      reason: 'Waiting for the panel',
    });
    expect(saved.status).toBe(303);
    const page = await browser.get(`/enquiries/${e.id}`);
    // 5 weeks left of the 16, and 8 more: 13 weeks (91 days).
    expect(page.body).toContain(
      `Temporary approval ends on <strong>${formatDate(addDays(today, 91))}</strong>, 13 weeks left.`,
    );
    expect(page.body).toContain(
      `By 8 weeks to ${formatDate(addDays(today, 91))}, agreed on ${formatDate(today)} by Dana Decider`,
    );
    expect(page.body).not.toContain('Record an extension');
    const second = await browser.post(`/enquiries/${e.id}/temporary-approval/extension`, {
      weeks: '2',
      ...dateFields('agreedOn', today),
      agreedBy: 'Dana Decider',
      reason: 'Again',
    });
    expect(second.status).toBe(409);
    expect(second.body).toContain(
      'regulation 25 of the Care Planning Regulations 2010 allows one extension only',
    );
    const [count] = await rows<{ n: number }>(
      ctx().deps.db,
      sql`select count(*)::int as n from temporary_approval_extensions where enquiry_id = ${e.id}`,
    );
    expect(count!.n).toBe(1);
  });
});
