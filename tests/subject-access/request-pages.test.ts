import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

/** The Requests pages: log, search (and its errors), download, close; requester details kept only while open. */
describe('the subject access request pages', () => {
  const ctx = useTestContext();
  let browser: Browser;

  beforeAll(async () => {
    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    browser = new Browser(ctx().baseUrl);
    await browser.signIn(manager.email, manager.password);
  });

  it('logs a request with its due date, refusing a date that does not exist', async () => {
    const { db } = ctx().deps;
    await browser.get('/data-requests/new');
    const bad = await browser.post('/data-requests', { receivedOn: '2025-02-30', email: 'a@example.com' });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('must be a real date');
    expect(bad.body).toContain('value="a@example.com"');
    const res = await browser.post('/data-requests', {
      receivedOn: '2025-01-31',
      requesterName: 'Kim Requester',
      email: 'kim@example.com',
      phone: '',
      postcode: 'nr1 3qu',
    });
    expect(res.status).toBe(303);
    const id = res.location!.split('/').pop()!;
    const [row] = await rows<{ due_on: string; requester: unknown; status: string }>(
      db,
      sql`select due_on::text, requester, status from data_requests where id = ${id}`,
    );
    expect(row).toEqual({
      due_on: '2025-02-28',
      requester: { name: 'Kim Requester', email: 'kim@example.com', postcode: 'NR1 3QU' },
      status: 'open',
    });
    const page = await browser.get(`/data-requests/${id}`);
    expect(page.body).toContain('value="kim@example.com"'); // the search is prefilled
    expect(page.body).toContain('Overdue');

    // A search that cannot run shows the request page again with the problem on the field.
    const wrong = await browser.get(`/subject-access?request=${id}&email=kim%40`);
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('Subject access request');
    expect(wrong.body).toContain('Enter an email address in the correct format');
    const bare = await browser.get('/subject-access?name=Kim%20Requester');
    expect(bare.status).toBe(422);
    expect(bare.body).toContain('Enter their postcode as well as their name');

    const download = await browser.get(`/subject-access/download?request=${id}&email=kim%40example.com`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="subject-access-/);
    expect(JSON.parse(download.body)).toMatchObject({ requestId: id, searchedBy: 'email', households: [] });
    const [audit] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_events where action = 'subject_access.searched' and entity_id = ${id}`,
    );
    expect(audit!.n).toBe(1);

    const closed = await browser.post(`/data-requests/${id}/close`, {
      status: 'completed',
      outcome: 'Pack sent by email',
    });
    expect(closed.status).toBe(303);
    const [after] = await rows<{ requester: unknown; status: string; closed_on: string | null }>(
      db,
      sql`select requester, status, closed_on::text from data_requests where id = ${id}`,
    );
    expect(after).toMatchObject({ requester: {}, status: 'completed' });
    expect(after!.closed_on).not.toBeNull();
    expect((await browser.post(`/data-requests/${id}/close`, { status: 'completed' })).status).toBe(409);
    const register = await browser.get('/data-requests');
    expect(register.body).toContain('Recently closed');
    expect((await browser.get('/data-requests/5b0b7a52-8c8e-4a63-9a43-000000000000')).status).toBe(404);
  });
});
