import { describe, expect, it } from 'vitest';
import { makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

describe('sign-in, sessions and CSRF', () => {
  const ctx = useTestContext();

  it('signs in with the right password, rotating the session, and lands on the home page', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer', { name: 'Olive Officer' });
    const browser = new Browser(ctx().baseUrl);
    await browser.get('/sign-in');
    const first = await browser.post('/sign-in', {
      email: user.email.toUpperCase(),
      password: user.password,
    });
    expect(first.status).toBe(303);
    expect(first.location).toBe('/');
    const firstSession = browser.cookie('crm_session');
    expect(first.headers.getSetCookie().join()).toMatch(/crm_session=.*HttpOnly.*SameSite=Lax/i);

    const home = await browser.get('/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Hello, Olive Officer');

    // Signing in again gives a new session id and ends the old one.
    await browser.post('/sign-in', { email: user.email, password: user.password });
    expect(browser.cookie('crm_session')).not.toBe(firstSession);
    const res = await fetch(`${ctx().baseUrl}/`, {
      headers: { cookie: `crm_session=${firstSession}` },
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
  });

  it('refuses a wrong password with 401, a clear message and without echoing the password', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.get('/sign-in');
    const res = await browser.post('/sign-in', { email: user.email, password: 'wrong password 123' });
    expect(res.status).toBe(401);
    expect(res.body).toContain('Enter a correct email address and password');
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain(`value="${user.email}"`);
    expect(res.body).not.toContain('wrong password 123');
    expect(browser.cookie('crm_session')).toBeUndefined();
  });

  it('answers empty fields with 422 and field messages, never a 500', async () => {
    const browser = new Browser(ctx().baseUrl);
    await browser.get('/sign-in');
    const res = await browser.post('/sign-in', { email: '', password: '' });
    expect(res.status).toBe(422);
    expect(res.body).toContain('Enter your email address');
    expect(res.body).toContain('Enter your password');
    expect(res.body).toContain('href="#email"');
    const weird = await browser.post('/sign-in', { email: ['a', 'b'], password: 'x'.repeat(5000) });
    expect(weird.status).toBe(422);
  });

  it('rejects a form without the CSRF token, and with a wrong one', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.get('/sign-in');
    const missing = await browser.post(
      '/sign-in',
      { email: user.email, password: user.password },
      { csrf: false },
    );
    expect(missing.status).toBe(403);
    const wrong = await browser.post(
      '/sign-in',
      { email: user.email, password: user.password },
      { csrf: 'x'.repeat(43) },
    );
    expect(wrong.status).toBe(403);
    expect(wrong.body).toContain('This form has expired');

    // Signed in, the token is the session's: a signed-out page's token no longer works.
    await browser.signIn(user.email, user.password);
    const forged = await browser.post('/sign-out', {}, { csrf: 'forged-token-forged-token-forged-token-xx' });
    expect(forged.status).toBe(403);
    const ok = await browser.post('/sign-out', {});
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/sign-in?signedOut=1');
    expect((await browser.get('/')).status).toBe(303);
  });

  it('sends people who are not signed in to the sign-in page, and back afterwards', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const browser = new Browser(ctx().baseUrl);
    const res = await browser.get('/admin/users');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/sign-in?next=%2Fadmin%2Fusers');
    await browser.get(res.location!);
    const signedIn = await browser.post('/sign-in', {
      email: user.email,
      password: user.password,
      next: '/admin/users',
    });
    expect(signedIn.location).toBe('/admin/users');
    await browser.get('/account'); // the new session's CSRF token
    const offsite = await browser.post('/sign-in', {
      email: user.email,
      password: user.password,
      next: '//evil.example',
    });
    expect(offsite.location).toBe('/');
  });

  it('limits sign-in attempts per email address', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await browser.post('/sign-in', { email: user.email, password: `guess-${i}` })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password waits until the window has passed.
    const right = await browser.post('/sign-in', { email: user.email, password: user.password });
    expect(right.status).toBe(429);
    expect(right.body).toContain('Too many sign-in attempts');
  });

  it('guards routes by role with 403', async () => {
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(officer.email, officer.password);
    for (const path of ['/admin/users', '/admin/audit', '/admin/system']) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(403);
      expect(res.body).toContain('You do not have permission');
    }
    const home = await browser.get('/');
    expect(home.body).not.toContain('href="/admin/users"');
  });

  it('makes a user with a one-time password choose a new one before anything else', async () => {
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const adminBrowser = new Browser(ctx().baseUrl);
    await adminBrowser.signIn(admin.email, admin.password);
    await adminBrowser.get('/admin/users/new');
    const created = await adminBrowser.post('/admin/users', {
      name: 'New Person',
      email: 'new.person@example.gov.uk',
      role: 'comms',
    });
    expect(created.status).toBe(200);
    const oneTime = /<code id="one-time-password">([^<]+)<\/code>/.exec(created.body)![1]!;

    const browser = new Browser(ctx().baseUrl);
    await browser.get('/sign-in');
    const signIn = await browser.post('/sign-in', { email: 'new.person@example.gov.uk', password: oneTime });
    expect(signIn.location).toBe('/account/password');
    expect((await browser.get('/')).location).toBe('/account/password');
    await browser.get('/account/password');
    const mismatch = await browser.post('/account/password', {
      currentPassword: oneTime,
      newPassword: 'a much longer password',
      confirmPassword: 'something else entirely',
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toContain('The passwords do not match');
    const changed = await browser.post('/account/password', {
      currentPassword: oneTime,
      newPassword: 'a much longer password',
      confirmPassword: 'a much longer password',
    });
    expect(changed.status).toBe(303);
    const home = await browser.get('/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Your password has been changed.');
  });

  it('signs a deactivated user out at once', async () => {
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const officerBrowser = new Browser(ctx().baseUrl);
    await officerBrowser.signIn(officer.email, officer.password);
    const adminBrowser = new Browser(ctx().baseUrl);
    await adminBrowser.signIn(admin.email, admin.password);
    await adminBrowser.get('/admin/users');
    const res = await adminBrowser.post(`/admin/users/${officer.id}`, { active: 'false' });
    expect(res.status).toBe(303);
    expect((await officerBrowser.get('/')).status).toBe(303);
    await officerBrowser.get('/sign-in');
    expect(
      (await officerBrowser.post('/sign-in', { email: officer.email, password: officer.password })).status,
    ).toBe(401);
  });
});
