import { describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

describe('agency isolation', () => {
  const ctx = useTestContext();

  it("keeps another agency's users and audit log out of reach by list, by id and by API", async () => {
    const { db } = ctx().deps;
    const agencyB = await insertAgency(db, { name: 'Southvale', slug: 'southvale' });
    const officerA = await makeUser(db, ctx().agencyId, 'officer', { name: 'Alice in A' });
    const adminB = await makeUser(db, agencyB.id, 'admin', { name: 'Bob in B' });

    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(adminB.email, adminB.password);
    const list = await browser.get('/admin/users');
    expect(list.body).toContain('Bob in B');
    expect(list.body).not.toContain('Alice in A');

    const audit = await browser.get('/admin/audit');
    expect(audit.body).not.toContain(officerA.id.slice(0, 8));

    // Acting on A's user by id is a 404, as if it did not exist.
    const reset = await browser.post(`/admin/users/${officerA.id}/reset-password`, {});
    expect(reset.status).toBe(404);
    const deactivate = await browser.post(`/admin/users/${officerA.id}`, { active: 'false' });
    expect(deactivate.status).toBe(404);

    const me = await apiClient(ctx().baseUrl, await makeApiToken(db, agencyB.id, adminB.id)).get('/me');
    expect(me.body.agencyId).toBe(agencyB.id);
  });
});
