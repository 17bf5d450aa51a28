import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { rows } from '../../src/db/rows.ts';
import { formStartedToken } from '../../src/public/spam.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

describe('the family and friends (connected person) route', () => {
  const ctx = useTestContext();
  const api = async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    return apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
  };

  it('creates a family and friends enquiry through the API with its placement date', async () => {
    const client = await api();
    const placedOn = addDays(londonToday(), -10);
    const created = await client.post('/enquiries', enquiryBody({ route: 'family_and_friends', placedOn }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.route).toBe('family_and_friends');
    const [row] = await rows<{ route: string; placed_on: string }>(
      ctx().deps.db,
      sql`select route, placed_on::text from enquiries where id = ${created.body.id}`,
    );
    expect(row).toEqual({ route: 'family_and_friends', placed_on: placedOn });
  });

  it('refuses a placement date for another route, in the future, or not a real date, writing nothing', async () => {
    const client = await api();
    const cases: [Record<string, unknown>, string][] = [
      [{ route: 'mainstream', placedOn: londonToday() }, 'only for a family and friends'],
      [{ route: 'family_and_friends', placedOn: addDays(londonToday(), 1) }, 'today or in the past'],
      [{ route: 'family_and_friends', placedOn: '2026-02-30' }, 'must be a real date'],
      [{ route: 'family_and_friends', placedOn: '2011-03-31' }, 'on or after 1 April 2011'],
      [{ route: 'kinship' }, 'family and friends (connected person)'],
    ];
    for (const [fields, message] of cases) {
      const res = await client.post('/enquiries', enquiryBody(fields));
      expect(res.status, JSON.stringify(fields)).toBe(422);
      expect(JSON.stringify(res.body)).toContain(message);
    }
  });

  it('filters the list by route, on the API and the list page', async () => {
    const client = await api();
    const ff = await client.post('/enquiries', enquiryBody({ route: 'family_and_friends' }));
    const other = await client.post('/enquiries', enquiryBody());
    const listed = await client.get('/enquiries?route=family_and_friends&limit=200');
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(ff.body.id);
    expect(ids).not.toContain(other.body.id);
    expect(listed.body.items.every((i: { route: string }) => i.route === 'family_and_friends')).toBe(true);
    expect((await client.get('/enquiries?route=kinship')).status).toBe(422);

    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const page = await browser.get('/enquiries?route=family_and_friends');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/enquiries/${ff.body.id}"`);
    expect(page.body).not.toContain(`href="/enquiries/${other.body.id}"`);
    expect(page.body).toContain('· Family and friends (connected person)');
  });

  it('the public form does not offer the route and refuses a forged one with a field message', async () => {
    const browser = new Browser(ctx().baseUrl, { ip: '198.51.100.160' });
    const page = await browser.get('/enquire');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('family_and_friends');
    expect(page.body).not.toContain('Family and friends');
    const tag = `Forged${Date.now()}`;
    const res = await browser.post('/enquire', {
      startedAt: formStartedToken(browser.cookie('crm_csrf')!, Date.now() - 10_000),
      website: '',
      firstName: 'Robin',
      lastName: tag,
      email: `${tag.toLowerCase()}@example.net`,
      postcode: 'NR3 1AA',
      transfer: 'no',
      route: 'family_and_friends',
    });
    expect(res.status).toBe(422);
    expect(res.body).toContain('ask the child’s social worker to refer you');
    // Shown at the form's own route question, which the error summary links to.
    expect(res.body).toContain('href="#transfer"');
    expect(res.body).toContain('id="transfer"');
    const [count] = await rows<{ n: number }>(
      ctx().deps.db,
      sql`select count(*)::int as n from people where last_name = ${tag}`,
    );
    expect(count!.n).toBe(0);
  });
});
