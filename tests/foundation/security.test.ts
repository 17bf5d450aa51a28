import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { apiTokens } from '../../src/auth/api-tokens.table.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { describe, expect, it } from 'vitest';
import { CREDENTIALS_FILE, deliverCredentials } from '../../src/auth/credentials-notice.ts';
import { seedDemoData, demoUsers } from '../../src/demo/seed.ts';
import { demoHubUsers } from '../../src/demo/demo-hub.ts';
import { clientKey } from '../../src/infra/rate-limit.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { findUserForSignIn } from '../../src/users/users.repo.ts';
import { makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

/** Issue 12 §8: what a probe of the running product found (apart from the 500s). */
describe('security findings of the probe', () => {
  const ctx = useTestContext();

  it('locks sign-in out by account, whatever the letter case or spacing of the email typed', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'comms', { email: 'b-comms@example.gov.uk' });
    const browser = new Browser(ctx().baseUrl, { ip: '192.0.2.10' });
    await browser.get('/sign-in');
    const spellings = ['b-comms@example.gov.uk', 'B-COMMS@EXAMPLE.GOV.UK', ' B-Comms@Example.gov.uk '];
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const email = spellings[i % spellings.length]!;
      statuses.push((await browser.post('/sign-in', { email, password: `guess-${i}` })).status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    // The example: `B-COMMS@…` used to get ten fresh guesses. Now the eleventh is refused, right or not.
    const upper = await browser.post('/sign-in', { email: 'B-COMMS@example.gov.uk', password: 'guess-11' });
    expect(upper.status).toBe(429);
    const right = await browser.post('/sign-in', {
      email: 'B-Comms@Example.Gov.Uk',
      password: user.password,
    });
    expect(right.status).toBe(429);
  });

  it('keys client addresses one way: IPv4 seen through IPv6 is IPv4, IPv6 is its /64', () => {
    expect(clientKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientKey('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(clientKey('192.0.2.1')).toBe('192.0.2.1');
    expect(clientKey('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:DB8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
  });

  it('sends Cache-Control: no-store on signed-in pages, sign-in and the API; static assets stay cacheable', async () => {
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl, { ip: '192.0.2.11' });
    await browser.signIn(officer.email, officer.password);
    for (const page of ['/', '/enquiries', '/account', '/no-such-page']) {
      expect((await browser.get(page)).headers.get('cache-control'), page).toBe('no-store');
    }
    expect((await new Browser(ctx().baseUrl).get('/sign-in')).headers.get('cache-control')).toBe('no-store');
    const token = await makeApiToken(ctx().deps.db, ctx().agencyId, officer.id);
    for (const [t, p] of [
      [token, '/enquiries'],
      [token, '/me'],
      [undefined, '/enquiries'],
      [token, '/no-such-endpoint'],
    ] as const) {
      const res = await fetch(`${ctx().baseUrl}/api/v1${p}`, {
        headers: t ? { authorization: `Bearer ${t}` } : {},
      });
      expect(res.headers.get('cache-control'), `${p} ${t ? 'with' : 'without'} token`).toBe('no-store');
    }
    const css = await fetch(`${ctx().baseUrl}/static/govuk/govuk-frontend.min.js`);
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).not.toContain('no-store');
  });

  it('ends API tokens as well as sessions when an administrator resets a password or deactivates a user', async () => {
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const other = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const officerApi = apiClient(
      ctx().baseUrl,
      await makeApiToken(ctx().deps.db, ctx().agencyId, officer.id),
    );
    const otherApi = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, other.id));
    expect((await officerApi.get('/me')).status).toBe(200);
    const adminBrowser = new Browser(ctx().baseUrl, { ip: '192.0.2.12' });
    await adminBrowser.signIn(admin.email, admin.password);
    await adminBrowser.get('/admin/users');
    expect((await adminBrowser.post(`/admin/users/${officer.id}/reset-password`, {})).status).toBe(200);
    expect((await officerApi.get('/me')).status).toBe(401);

    await adminBrowser.get('/admin/users');
    expect((await adminBrowser.post(`/admin/users/${other.id}`, { active: 'false' })).status).toBe(303);
    await adminBrowser.get('/admin/users');
    expect((await adminBrowser.post(`/admin/users/${other.id}`, { active: 'true' })).status).toBe(303);
    // Switched on again, the old token stays revoked.
    expect((await otherApi.get('/me')).status).toBe(401);
  });

  it("answers 404 to revoking someone else's API token, and leaves it working", async () => {
    const owner = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const intruder = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const token = await makeApiToken(ctx().deps.db, ctx().agencyId, owner.id);
    const [row] = await ctx()
      .deps.db.select({ id: apiTokens.id })
      .from(apiTokens)
      .where(eq(apiTokens.userId, owner.id));
    const browser = new Browser(ctx().baseUrl, { ip: '192.0.2.13' });
    await browser.signIn(intruder.email, intruder.password);
    const res = await browser.post(`/account/tokens/${row!.id}/revoke`, {});
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('has been revoked');
    expect((await apiClient(ctx().baseUrl, token).get('/me')).status).toBe(200);

    // The owner's own revoke works (and an upper-case id is the same token).
    const ownerBrowser = new Browser(ctx().baseUrl, { ip: '192.0.2.14' });
    await ownerBrowser.signIn(owner.email, owner.password);
    const done = await ownerBrowser.post(`/account/tokens/${row!.id.toUpperCase()}/revoke`, {});
    expect(done.status).toBe(303);
    expect((await apiClient(ctx().baseUrl, token).get('/me')).status).toBe(401);
  });

  it('lets a one-time password work for 24 hours only', async () => {
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const adminBrowser = new Browser(ctx().baseUrl, { ip: '192.0.2.15' });
    await adminBrowser.signIn(admin.email, admin.password);
    await adminBrowser.get('/admin/users/new');
    const created = await adminBrowser.post('/admin/users', {
      name: 'Late Starter',
      email: 'late.starter@example.gov.uk',
      role: 'officer',
    });
    const oneTime = /<code id="one-time-password">([^<]+)<\/code>/.exec(created.body)![1]!;
    const user = (await findUserForSignIn(ctx().deps.db, 'late.starter@example.gov.uk'))!;
    const hours = (user.passwordExpiresAt!.getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    await ctx().deps.db.execute(
      sql`update users set password_expires_at = now() - interval '1 minute' where id = ${user.id}`,
    );
    const browser = new Browser(ctx().baseUrl, { ip: '192.0.2.16' });
    await browser.get('/sign-in');
    const expired = await browser.post('/sign-in', { email: user.email, password: oneTime });
    expect(expired.status).toBe(401);
    expect(expired.body).toContain('This one-time password has expired');
    expect(browser.cookie('crm_session')).toBeUndefined();
  });

  it('hands passwords to a terminal, or else to a 0600 file under DATA_DIR with only its path in the log', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-secrets-'));
    try {
      const logged: string[] = [];
      const logger = createLogger('info', { write: (line: string) => logged.push(line) });
      const printed: string[] = [];
      const lines = ['  password: abcd-efgh-ijkl-mnop'];
      expect(
        deliverCredentials(lines, { dataDir, logger, isTTY: true, write: (t) => printed.push(t) }),
      ).toEqual({ printed: true });
      expect(printed.join('')).toContain('abcd-efgh-ijkl-mnop');

      const out = deliverCredentials(lines, { dataDir, logger, isTTY: false, write: (t) => printed.push(t) });
      const file = path.join(dataDir, CREDENTIALS_FILE);
      expect(out).toEqual({ file });
      expect(printed).toHaveLength(1);
      expect(readFileSync(file, 'utf8')).toContain('abcd-efgh-ijkl-mnop');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(logged.join('')).toContain(file);
      expect(logged.join('')).not.toContain('abcd-efgh');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('shows administrators Outgoing mail delivery metadata only; managers read the emails', async () => {
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    await makeEnquiry(
      ctx().deps.db,
      ctx().agencyId,
      { applicants: [{ firstName: 'Ada', lastName: 'Mailtest', email: 'ada.mailtest@example.com' }] },
      { agencyId: ctx().agencyId, userId: officer.id, role: 'officer', requestId: 't' },
    );
    const [message] = await ctx()
      .deps.db.select({ id: messages.id, subject: messages.subject })
      .from(messages)
      .where(eq(messages.toAddress, 'ada.mailtest@example.com'));
    expect(message).toBeDefined();
    await ctx().deps.db.execute(
      sql`update messages set last_error = '550 5.1.1 <ada.mailtest@example.com>: no such user' where id = ${message!.id}`,
    );

    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const adminBrowser = new Browser(ctx().baseUrl, { ip: '192.0.2.17' });
    await adminBrowser.signIn(admin.email, admin.password);
    const list = await adminBrowser.get('/admin/messages');
    expect(list.status).toBe(200);
    expect(list.body).toContain(`/admin/messages/${message!.id}`);
    expect(list.body).not.toContain('ada.mailtest');
    expect(list.body).not.toContain(message!.subject);
    const one = await adminBrowser.get(`/admin/messages/${message!.id}`);
    expect(one.status).toBe(200);
    expect(one.body).not.toContain('ada.mailtest');
    expect(one.body).not.toContain('Ada');
    expect(one.body).toContain('550 5.1.1 &lt;[address]&gt;: no such user');

    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const managerBrowser = new Browser(ctx().baseUrl, { ip: '192.0.2.18' });
    await managerBrowser.signIn(manager.email, manager.password);
    const full = await managerBrowser.get(`/admin/messages/${message!.id}`);
    expect(full.body).toContain('ada.mailtest@example.com');
    expect(full.body).toContain('Ada');
    // Managers reach Outgoing mail from Email templates (their navigation stays on one line at 1280 px).
    expect((await managerBrowser.get('/templates')).body).toContain('href="/admin/messages"');
  });

  it('never creates demo users with a known password when DATABASE_URL is set', async () => {
    // An enquiry already there: the demo history is skipped, only the users part runs.
    await makeEnquiry(ctx().deps.db, ctx().agencyId);
    const deps = {
      ...ctx().deps,
      config: { ...ctx().deps.config, DATABASE_URL: 'postgres://u:p@db:5432/crm' },
    };
    const demo = await seedDemoData(deps, ctx().agencyId);
    expect(demo.password).toBeUndefined();
    // The council's demo users and the demo hub's (issue 17): none may sign in.
    expect(demo.users).toHaveLength(demoUsers.length + demoHubUsers.length);
    for (const u of [...demoUsers, ...demoHubUsers]) {
      const row = (await findUserForSignIn(ctx().deps.db, u.email))!;
      expect(row.active, u.email).toBe(false);
    }
  });
});
