import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { createApp } from '../../src/app.ts';
import { openPostgres } from '../../src/db/client.ts';
import { createLogger, safeError, scrubError } from '../../src/shared/logger.ts';
import { makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

/** Regression tests for the 500-class faults of issue 12 (section 3's paths, section 8's probe). */
describe('faults that were 500s', () => {
  const ctx = useTestContext();

  const raw = (path: string, init: RequestInit = {}) =>
    fetch(ctx().baseUrl + path, { redirect: 'manual', ...init });

  it('answers malformed percent-encoding in a path with 400: JSON under /api/v1, a GOV.UK page elsewhere', async () => {
    const { db } = ctx().deps;
    const token = await makeApiToken(db, ctx().agencyId, (await makeUser(db, ctx().agencyId, 'officer')).id);
    const api = await raw('/api/v1/enquiries/%E0%A4%A', { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(400);
    expect((await api.json()).error.code).toBe('bad_request');
    const page = await raw('/unsubscribe/%ZZ', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('govuk-heading-l');
  });

  it('answers a missing static file with 404 and a traversal or NUL attempt with 400/404', async () => {
    expect((await raw('/static/app/nonexistent.css')).status).toBe(404);
    expect((await raw('/static/app/%00')).status).toBe(400);
    expect([400, 404]).toContain((await raw('/static/app/..%2F..%2Fpackage.json')).status);
    expect([400, 404]).toContain((await raw('/static/site/%E0%A4%A')).status);
  });

  it('answers a form posted to an unknown or another agency’s id with 404, not "could not rebuild the form"', async () => {
    const { db } = ctx().deps;
    const user = await makeUser(db, ctx().agencyId, 'manager');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const other = await insertAgency(db, { name: 'Eastmarsh', slug: 'eastmarsh' });
    const theirs = await makeEnquiry(db, other.id);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [unknown, theirs.id]) {
      for (const path of [
        `/enquiries/${id}/notes`,
        `/enquiries/${id}/assign`,
        `/enquiries/${id}/contacts`,
        `/enquiries/${id}/visits`,
        `/enquiries/${id}/panel`,
        `/enquiries/${id}/move/closed`,
        `/visits/${id}`,
        `/panels/${id}/cases/${id}/papers`,
        `/panels/${id}/cases/${id}/recommendation`,
        `/panels/${id}/cases/${id}/decision`,
        `/events/${id}`,
        `/events/${id}/bookings`,
        `/campaigns/${id}`,
        `/campaigns/${id}/updates`,
        `/mailings/${id}/send`,
      ]) {
        const res = await browser.post(path, { note: '', body: '' });
        expect(`${path} ${res.status}`).toBe(`${path} 404`);
      }
    }
  });

  it('answers a form of more than 2,000 fields with 413 (a page), and an oversized JSON body with 413 (JSON)', async () => {
    const form = new URLSearchParams();
    for (let i = 0; i < 2001; i++) form.append(`f${i}`, 'x');
    const page = await raw('/sign-in', {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(page.status).toBe(413);
    expect(await page.text()).toContain('What you sent is too large');
    const api = await raw('/api/v1/enquiries', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notes: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(api.status).toBe(413);
    expect((await api.json()).error.code).toBe('too_large');
  });

  it('answers text PostgreSQL cannot store (a NUL character) with 422, not 500', async () => {
    const { db } = ctx().deps;
    const user = await makeUser(db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const res = await browser.get('/enquiries?q=%00a');
    expect(res.status).toBeLessThan(500);
  });

  it('answers 503 with Retry-After during a database outage, and logs no SQL parameters', async () => {
    const { deps } = ctx();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const dead = openPostgres('postgres://crm:secret@127.0.0.1:1/nowhere', 2);
    const logger = createLogger('info', sink);
    const app = createApp({ ...deps, database: dead, db: dead.db, logger });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const token = await makeApiToken(
        deps.db,
        ctx().agencyId,
        (await makeUser(deps.db, ctx().agencyId, 'manager')).id,
      );
      const api = await fetch(`${base}/api/v1/enquiries`, { headers: { authorization: `Bearer ${token}` } });
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('30');
      expect((await api.json()).error.code).toBe('unavailable');
      const page = await fetch(`${base}/enquiries`, {
        headers: { accept: 'text/html', cookie: 'crm_session=someone-s-session-token-0123456789' },
        redirect: 'manual',
      });
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toBe('30');
      expect(await page.text()).toContain('Sorry, the service is unavailable');
      const log = lines.join('');
      expect(log).toContain('database unavailable');
      expect(log).not.toMatch(/params:/);
      expect(log).not.toContain('someone-s-session-token');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await dead.close();
    }
  });

  it('never logs or keeps a failed query’s parameters (names, emails), in the web app or the job worker', () => {
    const cause = Object.assign(
      new Error('duplicate key value violates unique constraint "people_email_key"'),
      {
        code: '23505',
        detail: 'Key (email)=(jo.bloggs@example.com) already exists.',
        constraint: 'people_email_key',
      },
    );
    const err = new DrizzleQueryError(
      'insert into people (name, email) values ($1, $2)',
      ['Jo Bloggs', 'jo.bloggs@example.com'],
      cause,
    );
    const logged = JSON.stringify(safeError(err));
    expect(logged).not.toContain('jo.bloggs@example.com');
    expect(logged).not.toContain('Jo Bloggs');
    expect(logged).toContain('insert into people');
    expect(logged).toContain('people_email_key');
    expect(JSON.stringify(safeError('invalid input syntax for type uuid: "Jo Bloggs"'))).not.toContain('Jo');
    const kept = scrubError(err);
    expect(`${kept.message} ${kept.stack} ${JSON.stringify(kept.params)}`).not.toContain('jo.bloggs');
  });
});
