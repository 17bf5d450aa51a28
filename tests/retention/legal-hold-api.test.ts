import { beforeAll, describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { rows } from '../../src/db/rows.ts';
import { sql } from 'drizzle-orm';
import { roles, type Role } from '../../src/shared/roles.ts';
import { makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';

describe('legal hold API: POST and DELETE /api/v1/households/:id/legal-hold', () => {
  const ctx = useTestContext();
  const clients = {} as Record<Role, ReturnType<typeof apiClient>>;
  let householdId: string;

  beforeAll(async () => {
    for (const role of roles) {
      const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
      clients[role] = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
    }
    householdId = (await makeEnquiry(ctx().deps.db, ctx().agencyId)).householdId;
  });

  it('lets a manager place a hold (201), refuses a second (409), and lifts it (200); then no hold to lift (409)', async () => {
    const placed = await clients.manager.post(`/households/${householdId}/legal-hold`, {
      reason: 'Complaint C-114 under investigation',
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      householdId,
      reason: 'Complaint C-114 under investigation',
      liftedAt: null,
    });
    expect(
      (await clients.admin.post(`/households/${householdId}/legal-hold`, { reason: 'Again' })).status,
    ).toBe(409);
    const lifted = await clients.admin.delete(`/households/${householdId}/legal-hold`, {
      reason: 'Complaint closed',
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ id: placed.body.id, liftReason: 'Complaint closed' });
    expect(lifted.body.liftedAt).toEqual(expect.any(String));
    expect((await clients.manager.delete(`/households/${householdId}/legal-hold`)).status).toBe(409);
    // Audited by id only: the reason (free text, may describe people) is not in the audit log.
    const audit = await rows<{ action: string; changes: string }>(
      ctx().deps.db,
      sql`select action, changes::text as changes from audit_events
          where entity_id = ${householdId} and action like 'legal_hold.%' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['legal_hold.placed', 'legal_hold.lifted']);
    expect(audit.some((a) => /Complaint/.test(a.changes))).toBe(false);
  });

  it('needs a reason (422 naming it) and refuses unknown fields', async () => {
    const res = await clients.manager.post(`/households/${householdId}/legal-hold`, {});
    expect(res.status).toBe(422);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['reason']);
    const extra = await clients.manager.post(`/households/${householdId}/legal-hold`, {
      reason: 'x',
      who: 'y',
    });
    expect(extra.status).toBe(422);
  });

  it('answers 404 for another agency’s household, an unknown id or a non-uuid', async () => {
    const other = await insertAgency(ctx().deps.db, { name: 'Southshire', slug: 'southshire-holds' });
    const theirs = (await makeEnquiry(ctx().deps.db, other.id)).householdId;
    expect((await clients.manager.post(`/households/${theirs}/legal-hold`, { reason: 'x' })).status).toBe(
      404,
    );
    expect((await clients.manager.delete(`/households/${theirs}/legal-hold`)).status).toBe(404);
    expect(
      (await clients.manager.post(`/households/${crypto.randomUUID()}/legal-hold`, { reason: 'x' })).status,
    ).toBe(404);
    expect((await clients.manager.post('/households/not-an-id/legal-hold', { reason: 'x' })).status).toBe(
      404,
    );
  });

  it('is for managers and administrators only (403 for officers and comms, 401 without a token)', async () => {
    for (const role of ['officer', 'comms'] as const) {
      expect(
        (await clients[role].post(`/households/${householdId}/legal-hold`, { reason: 'x' })).status,
        role,
      ).toBe(403);
      expect((await clients[role].delete(`/households/${householdId}/legal-hold`)).status, role).toBe(403);
    }
    expect(
      (await apiClient(ctx().baseUrl).post(`/households/${householdId}/legal-hold`, { reason: 'x' })).status,
    ).toBe(401);
  });
});
