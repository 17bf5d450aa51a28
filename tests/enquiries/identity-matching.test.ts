import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { updateAgencyArea } from '../../src/agencies/agencies.repo.ts';
import { formStartedToken } from '../../src/public/spam.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

/** Issue 12 §4: people are matched the way they are typed, not the way the code expects. */
describe('matching people the way they are typed', () => {
  const ctx = useTestContext();
  const api = async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    return apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
  };
  let n = 0;
  /** A surname of its own for each test: "<stem><n>" with the stem as given (apostrophe, accents). */
  const unique = () => `${Date.now().toString(36)}${++n}`.replace(/\d/g, (d) => 'abcdefghij'[+d]!);

  const duplicateOf = (first: { id: string; household: { id: string } }, reason: string) => ({
    candidates: [
      expect.objectContaining({
        householdId: first.household.id,
        enquiryId: first.id,
        reasons: expect.arrayContaining([reason]),
      }),
    ],
  });

  it('"O\'Brien" then "O’Brien" (U+2019) at the same postcode: the second is a likely duplicate; search finds both', async () => {
    const client = await api();
    const tail = unique();
    const first = await client.post(
      '/enquiries',
      enquiryBody({
        applicants: [{ firstName: 'Siobhan', lastName: `O'Brien${tail}`, email: `a${tail}@example.com` }],
        household: { postcode: 'NR4 7TJ' },
      }),
    );
    expect(first.status).toBe(201);
    const second = enquiryBody({
      applicants: [{ firstName: 'Sean', lastName: `O\u2019Brien${tail}`, email: `b${tail}@example.com` }],
      household: { postcode: 'nr47tj' },
    });
    const res = await client.post('/enquiries', second);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject(duplicateOf(first.body, 'same postcode and surname'));

    const anyway = await client.post('/enquiries', { ...second, allowDuplicate: true });
    expect(anyway.status).toBe(201);
    // Shown as typed: the curly apostrophe is kept on the record.
    expect(anyway.body.applicants[0].lastName).toBe(`O\u2019Brien${tail}`);
    for (const q of [`O'Brien${tail}`, `O\u2019Brien${tail}`, `obrien${tail}`, `o\u2018brien${tail}`]) {
      const found = await client.get(`/enquiries?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.items.map((i: { id: string }) => i.id).sort(), q).toEqual(
        [first.body.id, anyway.body.id].sort(),
      );
    }
  });

  it('"Lefèvre" composed (U+00E8) and decomposed (e + U+0300) are the same surname, and so is "Lefevre"', async () => {
    const client = await api();
    const tail = unique();
    const composed = `Lef\u00e8vre${tail}`;
    const decomposed = `Lefe\u0300vre${tail}`;
    const first = await client.post(
      '/enquiries',
      enquiryBody({
        applicants: [{ firstName: 'Aimée', lastName: composed, email: `c${tail}@example.com` }],
        household: { postcode: 'IP4 2BB' },
      }),
    );
    expect(first.status).toBe(201);
    for (const lastName of [decomposed, `LEFEVRE${tail}`]) {
      const res = await client.post(
        '/enquiries',
        enquiryBody({
          applicants: [{ firstName: 'Jean', lastName, email: `d${tail}@example.com` }],
          household: { postcode: 'IP4 2BB' },
        }),
      );
      expect(res.status, lastName).toBe(409);
      expect(res.body.error).toMatchObject(duplicateOf(first.body, 'same postcode and surname'));
    }
    const second = await client.post(
      '/enquiries',
      enquiryBody({
        applicants: [{ firstName: 'Jean', lastName: decomposed, email: `d${tail}@example.com` }],
        household: { postcode: 'IP4 2BB' },
        allowDuplicate: true,
      }),
    );
    for (const q of [composed, decomposed, `lefevre${tail}`]) {
      const found = await client.get(`/enquiries?q=${encodeURIComponent(q)}`);
      expect(found.body.items.map((i: { id: string }) => i.id).sort(), q).toEqual(
        [first.body.id, second.body.id].sort(),
      );
    }
  });

  it('016977 3456 and +44 16977 3456 are the same phone number (stored key: E.164)', async () => {
    const client = await api();
    const first = await client.post(
      '/enquiries',
      enquiryBody({
        applicants: [{ firstName: 'Ann', lastName: `Brampton${unique()}`, phone: '016977 3456' }],
        household: { postcode: 'NR5 1AA' },
      }),
    );
    expect(first.status).toBe(201);
    const res = await client.post(
      '/enquiries',
      enquiryBody({
        applicants: [{ firstName: 'Ann', lastName: `Other${unique()}`, phone: '+44 16977 3456' }],
        household: { postcode: 'PE30 2ZZ' },
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject(duplicateOf(first.body, 'same phone number'));
    const [stored] = await rows<{ phone: string; phone_e164: string }>(
      ctx().deps.db,
      sql`select phone, phone_e164 from people where id = ${first.body.applicants[0].id}`,
    );
    // What the person typed is kept for display; the key is E.164.
    expect(stored).toEqual({ phone: '016977 3456', phone_e164: '+44169773456' });
    for (const q of ['+44 16977 3456', '016977 3456', '0169773456']) {
      const found = await client.get(`/enquiries?q=${encodeURIComponent(q)}`);
      expect(
        found.body.items.map((i: { id: string }) => i.id),
        q,
      ).toContain(first.body.id);
    }
  });

  it('the booking search on an event page finds "Lefèvre" and "O’Brien" however they are typed', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const client = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
    const tail = unique();
    for (const [firstName, lastName] of [
      ['Zoé', `Lefe\u0300vre${tail}`],
      ['Seán', `O\u2019Brien${tail}`],
    ]) {
      const made = await client.post(
        '/enquiries',
        enquiryBody({
          applicants: [{ firstName, lastName, email: `${lastName!.length}x${tail}@example.org` }],
        }),
      );
      expect(made.status).toBe(201);
    }
    const event = await client.post('/events', {
      kind: 'information_session',
      title: 'Information evening',
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      online: true,
    });
    expect(event.status).toBe(201);
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    for (const [q, shown] of [
      [`lefevre${tail}`, `Lefe\u0300vre${tail}`],
      [`Lef\u00e8vre${tail}`, `Lefe\u0300vre${tail}`],
      [`o'brien${tail}`, `O\u2019Brien${tail}`],
      [`Sean OBrien${tail}`, `O\u2019Brien${tail}`],
    ]) {
      const page = await browser.get(`/events/${event.body.id}/book?q=${encodeURIComponent(q!)}`);
      expect(page.status).toBe(200);
      expect(page.body.normalize('NFC'), q).toContain(shown!.normalize('NFC'));
    }
  });

  it('matches emails case-insensitively and trimmed', async () => {
    const client = await api();
    const tail = unique();
    const first = await client.post(
      '/enquiries',
      enquiryBody({
        applicants: [{ firstName: 'Kit', lastName: `Mail${tail}`, email: `Kit.${tail}@Example.org` }],
      }),
    );
    const res = await client.post(
      '/enquiries',
      enquiryBody({
        applicants: [{ firstName: 'K', lastName: `Else${tail}`, email: `  kit.${tail}@EXAMPLE.ORG ` }],
        household: { postcode: 'PE30 2ZZ' },
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject(duplicateOf(first.body, 'same email'));
  });

  it('answers 422 with the field path for a phone number that cannot exist, and never rewrites it', async () => {
    const client = await api();
    for (const phone of ['07700 912345', '+44 20 7946 000', '0800 12']) {
      const res = await client.post(
        '/enquiries',
        enquiryBody({ applicants: [{ firstName: 'F', lastName: 'L', phone }] }),
      );
      expect(res.status, phone).toBe(422);
      expect(res.body.error.issues, phone).toEqual([
        { path: 'applicants.0.phone', message: expect.stringMatching(/^Enter a (real )?phone number/) },
      ]);
    }
  });

  it('accepts a BFPO address for a forces family: stored as "BFPO n", in no council area, searchable, matched', async () => {
    await updateAgencyArea(ctx().deps.db, ctx().agencyId, { areaPostcodePrefixes: ['NR'] });
    const client = await api();
    const tail = unique();
    const first = await client.post(
      '/enquiries',
      enquiryBody({
        applicants: [{ firstName: 'Lee', lastName: `Forces${tail}`, email: `e${tail}@example.com` }],
        household: { postcode: 'bfpo 1234' },
      }),
    );
    expect(first.status).toBe(201);
    expect(first.body.household).toMatchObject({ postcode: 'BFPO 1234', inArea: null });
    const found = await client.get(`/enquiries?q=${encodeURIComponent('BFPO 1234')}`);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(first.body.id);
    const again = await client.post(
      '/enquiries',
      enquiryBody({
        applicants: [{ firstName: 'Lee', lastName: `FORCES${tail}`, email: `f${tail}@example.com` }],
        household: { postcode: 'BFPO1234' },
      }),
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject(duplicateOf(first.body, 'same postcode and surname'));
    const bad = await client.post('/enquiries', enquiryBody({ household: { postcode: 'BFPO 12345' } }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe('household.postcode');
  });

  it('on the public form, "O’Brien" typed on a phone is flagged as a likely duplicate of "O\'Brien"', async () => {
    const tail = unique();
    const submit = async (ip: string, lastName: string, email: string) => {
      const browser = new Browser(ctx().baseUrl, { ip });
      expect((await browser.get('/enquire')).status).toBe(200);
      const startedAt = formStartedToken(browser.cookie('crm_csrf')!, Date.now() - 10_000);
      const res = await browser.post('/enquire', {
        startedAt,
        website: '',
        firstName: 'Robin',
        lastName,
        email,
        postcode: 'NR3 1AA',
        transfer: 'no',
      });
      expect(res.status).toBe(303);
    };
    await submit('198.51.100.201', `O'Brien${tail}`, `g${tail}@example.net`);
    await submit('198.51.100.202', `O\u2019Brien${tail}`, `h${tail}@example.net`);
    const found = await rows<{ id: string; last_name: string; possible_duplicates: string[] }>(
      ctx().deps.db,
      sql`select e.id, p.last_name, e.possible_duplicates from enquiries e
          join people p on p.household_id = e.household_id
          where p.last_name_key = ${`obrien${tail}`} order by e.created_at`,
    );
    expect(found.map((f) => f.last_name)).toEqual([`O'Brien${tail}`, `O\u2019Brien${tail}`]);
    expect(found[1]!.possible_duplicates).toEqual([found[0]!.id]);
  });
});
