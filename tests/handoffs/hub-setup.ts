import { eq, sql } from 'drizzle-orm';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { agencies } from '../../src/agencies/agencies.table.ts';
import type { Db } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';
import type { Role } from '../../src/shared/roles.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { apiClient } from '../helpers/http.ts';

/**
 * A regional hub with three member councils, made directly (the hub-front helper's `agencies:add`
 * may not be merged yet): the hub's kind, and each council's hub.
 */
export async function makeHub(db: Db, tag: string) {
  const hub = await insertAgency(db, { name: `Foster East ${tag}`, slug: `east-${tag}` });
  await db.update(agencies).set({ kind: 'hub' }).where(eq(agencies.id, hub.id));
  const councils = [];
  for (const [name, code] of [
    ['Northfolk', 'nf'],
    ['Southfolk', 'sf'],
    ['Eastshire', 'es'],
  ] as const) {
    const c = await insertAgency(db, { name: `${name} ${tag}`, slug: `${code}-${tag}` });
    await db.update(agencies).set({ hubId: hub.id, population: 500_000 }).where(eq(agencies.id, c.id));
    councils.push({ id: c.id, name: c.name, code: c.slug });
  }
  return { hub: { id: hub.id, name: hub.name, code: hub.slug }, councils };
}

/** A user of the agency with an API client of their own. */
export async function staff(db: Db, baseUrl: string, agencyId: string, role: Role) {
  const user = await makeUser(db, agencyId, role);
  return { user, api: apiClient(baseUrl, await makeApiToken(db, agencyId, user.id)) };
}

/**
 * An enquiry received at the hub `receivedOn` (campaign code given), with a note, a contact attempt
 * and an initial visit `visitOn`, through the API as the hub's officer; the household's chosen
 * council set as the hub front door would.
 */
export async function hubEnquiry(
  db: Db,
  api: ReturnType<typeof apiClient>,
  plan: { receivedOn: string; visitOn: string; preferredCouncilId?: string; lastName: string },
) {
  const body = enquiryBody({ receivedAt: plan.receivedOn, campaignCode: 'EAST24' });
  body.applicants[0]!.lastName = plan.lastName;
  const created = await api.post('/enquiries', body);
  if (created.status !== 201) throw new Error(`enquiry: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  const steps = [
    api.post(`/enquiries/${id}/notes`, { body: `Spoke to ${plan.lastName}: keen, two spare rooms` }),
    api.post(`/enquiries/${id}/contacts`, { at: plan.receivedOn, method: 'phone', outcome: 'reached' }),
  ];
  for (const step of steps) {
    const res = await step;
    if (res.status !== 201) throw new Error(`step: ${res.status} ${res.text}`);
  }
  const moved = await api.post(`/enquiries/${id}/transitions`, { to: 'initial_visit', at: plan.visitOn });
  if (moved.status !== 200) throw new Error(`transition: ${moved.status} ${moved.text}`);
  if (plan.preferredCouncilId) {
    await db.execute(
      sql`update enquiries set preferred_council_id = ${plan.preferredCouncilId} where id = ${id}`,
    );
  }
  return { id, email: body.applicants[0]!.email as string, lastName: plan.lastName };
}

/** Rows of `table` about the enquiry still at `agencyId` (the hub after a hand-off: none). */
export async function rowsAt(db: Db, table: string, key: string, ids: string[], agencyId: string) {
  if (ids.length === 0) return 0;
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${sql.identifier(table)}
        where agency_id = ${agencyId} and ${sql.identifier(key)} in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  return row!.n;
}
