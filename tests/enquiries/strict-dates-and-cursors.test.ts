import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { enquiries } from '../../src/enquiries/enquiries.table.ts';
import { stageEvents } from '../../src/pipeline/stage-events.table.ts';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { enquiryBody, makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('dates are checked, never rolled over (issue 12 §2); cursors are input (§3)', () => {
  const ctx = useTestContext();
  const api = async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    return apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
  };
  const counts = async () => {
    const db = ctx().deps.db;
    const [e] = await db.select({ n: count() }).from(enquiries).where(eq(enquiries.agencyId, ctx().agencyId));
    const [s] = await db
      .select({ n: count() })
      .from(stageEvents)
      .where(eq(stageEvents.agencyId, ctx().agencyId));
    return { enquiries: e!.n, stageEvents: s!.n };
  };

  it('POST /enquiries with receivedAt 2025-02-30T12:00:00Z is a 422 on receivedAt and stores nothing', async () => {
    const client = await api();
    const before = await counts();
    const res = await client.post('/enquiries', enquiryBody({ receivedAt: '2025-02-30T12:00:00Z' }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation');
    expect(res.body.error.issues).toEqual([
      { path: 'receivedAt', message: expect.stringMatching(/real date/) },
    ]);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['2025-02-29T12:00:00Z', /real date/],
    ['2025-13-01T12:00:00Z', /real date/],
    ['2025-03-01T24:00:00Z', /time of day/],
    ['2025-03-01T25:00:00Z', /time of day/],
    ['2025-03-01T10:61:00Z', /time of day/],
    ['2025-03-01T10:00:00+25:00', /offset/],
    ['2025-02-30', /real date/],
  ])('refuses receivedAt %s with a 422 on receivedAt', async (receivedAt, message) => {
    const client = await api();
    const before = await counts();
    const res = await client.post('/enquiries', enquiryBody({ receivedAt }));
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toEqual([{ path: 'receivedAt', message: expect.stringMatching(message) }]);
    expect(await counts()).toEqual(before);
  });

  it('a transition at 2025-02-29T10:00:00Z is a 422 on at and moves nothing', async () => {
    const client = await api();
    const created = await client.post('/enquiries', enquiryBody({ receivedAt: '2025-01-10T09:00:00Z' }));
    expect(created.status).toBe(201);
    const before = await counts();
    const res = await client.post(`/enquiries/${created.body.id}/transitions`, {
      to: 'initial_visit',
      at: '2025-02-29T10:00:00Z',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toEqual([{ path: 'at', message: expect.stringMatching(/real date/) }]);
    expect(await counts()).toEqual(before);
    const read = await client.get(`/enquiries/${created.body.id}`);
    expect(read.body.stage).toBe('enquiry');
    expect(read.body.history).toHaveLength(1);

    // The real dates either side still work, on the day given.
    const moved = await client.post(`/enquiries/${created.body.id}/transitions`, {
      to: 'initial_visit',
      at: '2025-02-28T10:00:00Z',
    });
    expect(moved.status).toBe(200);
    expect(new Date(moved.body.history.at(-1).at).toISOString()).toBe('2025-02-28T10:00:00.000Z');
  });

  it('a contact attempt at an impossible time is a 422 on at', async () => {
    const client = await api();
    const created = await client.post('/enquiries', enquiryBody());
    const res = await client.post(`/enquiries/${created.body.id}/contacts`, {
      at: '2025-06-31T09:00:00+01:00',
      method: 'phone',
      outcome: 'no_answer',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['at']);
  });

  it('list filters from/to refuse impossible dates with their own path', async () => {
    const client = await api();
    for (const [query, path] of [
      ['from=2025-02-29', 'from'],
      ['to=2025-02-30', 'to'],
      ['to=2025-13-01', 'to'],
    ]) {
      const res = await client.get(`/enquiries?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
    }
  });

  it('a tampered cursor is a 422 on cursor, never a 500', async () => {
    const client = await api();
    const id = '6f1f5a3c-2b7d-4c1e-9a51-0c7e2d3b4a59';
    const tampered = [
      b64('2025-03-01T10:00:00.000Z|----'), // not a UUID
      b64(`2025-03-01T10:00:00.000Z|${'-'.repeat(36)}`), // dashes shaped like a UUID
      b64(`+275760-09-13T00:00:00.000Z|${id}`), // a JavaScript date PostgreSQL cannot hold
      b64(`-271821-04-20T00:00:00.000Z|${id}`),
      b64(`2025-02-30T10:00:00.000Z|${id}`), // rolled over by new Date()
      b64(`2025-03-01T10:00:00.000Z|${id}|extra`),
      b64(`|${id}`),
      b64('\u0000\u0001'),
      'not base64!',
      'x'.repeat(201),
    ];
    for (const cursor of tampered) {
      const res = await client.get(`/enquiries?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor).toBe(422);
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['cursor']);
    }
    const repeated = await client.get(`/enquiries?cursor=a&cursor=b`);
    expect(repeated.status).toBe(422);
    expect(repeated.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['cursor']);

    // A well-formed cursor for a row that does not exist is simply the page after it.
    const fine = await client.get(
      `/enquiries?cursor=${b64(`${addDays(londonToday(), 1)}T00:00:00.000Z|${id}`)}`,
    );
    expect(fine.status).toBe(200);
  });

  it('the list page (HTML) answers a tampered cursor with its 422 page, not a 500', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const res = await browser.get(`/enquiries?cursor=${b64('2025-03-01T10:00:00.000Z|----')}`);
    expect(res.status).toBe(422);
    // Pages ignore parameters they do not take (tracking tags on links); the API refuses them.
    expect((await browser.get('/enquiries?utm_source=newsletter')).status).toBe(200);
  });

  it('the move form refuses 29 February 2025 in its day/month/year boxes and moves nothing', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: '2025-01-10' });
    await browser.get(`/enquiries/${e.id}/move/initial_visit`);
    const before = await counts();
    for (const [day, month, year] of [
      ['29', '2', '2025'],
      ['30', '2', '2024'],
      ['1', '13', '2025'],
      ['31', '4', '2025'],
    ]) {
      const res = await browser.post(`/enquiries/${e.id}/move/initial_visit`, {
        from: 'enquiry',
        'at[day]': day!,
        'at[month]': month!,
        'at[year]': year!,
      });
      expect(res.status, `${day}/${month}/${year}`).toBe(422);
      expect(res.body).toContain('The date must be a real date');
    }
    expect(await counts()).toEqual(before);
  });
});
