import { describe, expect, it } from 'vitest';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

describe('API tokens', () => {
  const ctx = useTestContext();

  it('answers 401 without a token or with a bad one, and 200 with a valid one', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'manager', { name: 'Mo Manager' });
    const token = await makeApiToken(ctx().deps.db, ctx().agencyId, user.id);

    const none = await apiClient(ctx().baseUrl).get('/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthenticated');

    const bad = await apiClient(ctx().baseUrl, `${token}x`).get('/me');
    expect(bad.status).toBe(401);

    const ok = await apiClient(ctx().baseUrl, token).get('/me');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: 'Mo Manager', role: 'manager', agencyId: ctx().agencyId });
  });

  it('never accepts a session cookie on the API (no CSRF route into it)', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const res = await fetch(`${ctx().baseUrl}/api/v1/me`, {
      headers: { cookie: `crm_session=${browser.cookie('crm_session')}` },
    });
    expect(res.status).toBe(401);
  });

  it('shows a token once on creation, stores only its hash, and stops accepting it when revoked', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const empty = await browser.post('/account/tokens', { label: '' });
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('Enter a name for the token');
    const created = await browser.post('/account/tokens', { label: 'Website form' });
    const token = /<code id="token"[^>]*>([^<]+)<\/code>/.exec(created.body)![1]!;
    expect(token).toMatch(/^crm_/);
    expect((await apiClient(ctx().baseUrl, token).get('/me')).status).toBe(200);

    const account = await browser.get('/account');
    expect(account.body).toContain('Website form');
    expect(account.body).not.toContain(token);
    const tokenId = /action="\/account\/tokens\/([0-9a-f-]+)\/revoke"/.exec(account.body)![1]!;
    await browser.post(`/account/tokens/${tokenId}/revoke`, {});
    expect((await apiClient(ctx().baseUrl, token).get('/me')).status).toBe(401);
  });

  it('answers malformed JSON and unknown endpoints with JSON errors, not 500s or stack traces', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
    const malformed = await api.postRaw('/me', '{"not json');
    expect(malformed.status).toBe(422);
    expect(malformed.body.error).toMatchObject({ code: 'validation' });
    expect(malformed.text).not.toMatch(/at .*\.ts:\d+/);
    const unknown = await api.get('/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });
});
