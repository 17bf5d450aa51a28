import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/audit/audit.repo.ts';
import { makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

describe('audit log', () => {
  const ctx = useTestContext();

  it('records who changed what, without secrets, and shows it to administrators', async () => {
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin', { name: 'Ada Admin' });
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(admin.email, admin.password);
    await browser.get('/admin/users/new');
    await browser.post('/admin/users', { name: 'Carl Comms', email: 'carl@example.gov.uk', role: 'comms' });

    const events = await listAuditEvents(ctx().deps.db, ctx().agencyId, { limit: 20 });
    const created = events.find((e) => e.action === 'user.created' && e.actorName === 'Ada Admin');
    expect(created?.changes).toEqual({
      name: { to: 'Carl Comms' },
      email: { to: 'carl@example.gov.uk' },
      role: { to: 'comms' },
    });
    expect(JSON.stringify(events)).not.toMatch(/argon2/);
    expect(events.some((e) => e.action === 'user.signed_in' && e.actorName === 'Ada Admin')).toBe(true);

    const page = await browser.get('/admin/audit');
    expect(page.status).toBe(200);
    expect(page.body).toContain('user.created');
    expect(page.body).toContain('Carl Comms');
  });
});
