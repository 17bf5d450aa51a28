import { sql } from 'drizzle-orm';
import { SESSION_COOKIE } from '../auth/auth.middleware.ts';
import { SESSION_HOURS } from '../auth/auth.service.ts';
import { insertSession } from '../auth/sessions.repo.ts';
import { rows } from '../db/rows.ts';
import { randomToken, sha256 } from '../shared/tokens.ts';
import { insertUser } from '../users/users.repo.ts';
import type { BenchContext } from './context.ts';
import { lastFullYear } from './scenarios/funnel.ts';
import type { StaffMember } from './staff-client.ts';

/** What each role opens on a working day (relative weights by page kind). */
const weights = {
  officer: { list: 3, household: 5, 'my-work': 2 },
  manager: { report: 5, list: 1, household: 2, 'my-work': 1 },
};

/**
 * `officers` + `managers` staff of the agency, each with a session of their own as sign-in opens
 * it (written directly: 60 password hashes would take longer than the scenario on 2 cores), with ~100 of the agency's open households assigned to each officer so that
 * My work and "assigned to me" have something to show; and the pages each may open.
 */
export async function staffSessions(
  ctx: BenchContext,
  agencyId: string,
  counts: { officers: number; managers: number },
): Promise<StaffMember[]> {
  const { db } = ctx.deps;
  const stamp = Date.now();
  const people: { id: string; role: 'officer' | 'manager'; cookie: string }[] = [];
  for (const role of ['officer', 'manager'] as const) {
    for (let i = 0; i < counts[`${role}s`]; i++) {
      const email = `busy.${role}${i}.${stamp}@bench.example.gov.uk`;
      // No password: these people never sign in through the form.
      const user = await insertUser(db, {
        agencyId,
        name: `Busy ${role} ${i}`,
        email,
        role,
        passwordHash: '!',
      });
      const token = randomToken();
      await insertSession(db, {
        idHash: sha256(token),
        userId: user!.id,
        csrfToken: randomToken(),
        expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
      });
      people.push({ id: user!.id, role, cookie: `${SESSION_COOKIE}=${token}` });
    }
  }
  const officerIds = people.filter((p) => p.role === 'officer').map((p) => p.id);
  await db.execute(sql`
    with picked as (
      select id, row_number() over (order by id) as n from enquiries
      where agency_id = ${agencyId} and stage in ('enquiry', 'initial_visit', 'application', 'assessment')
      limit ${officerIds.length * 100})
    update enquiries e set assigned_officer_id = (${sql.raw(`array['${officerIds.join("','")}']::uuid[]`)})[1 + picked.n % ${officerIds.length}]
    from picked where e.id = picked.id`);
  const households = await rows<{ id: string }>(
    db,
    sql`select id from enquiries where agency_id = ${agencyId} order by random() limit 300`,
  );
  const year = lastFullYear().startYear;
  const paths = {
    list: [
      '/enquiries',
      '/enquiries?stage=initial_visit',
      '/enquiries?stage=assessment',
      '/enquiries?officer=me',
    ],
    household: households.map((h) => `/enquiries/${h.id}`),
    'my-work': ['/my-work'],
    report: [
      '/dashboard',
      '/reports/funnel',
      `/reports/funnel?year=${year}&compare=previous_year`,
      '/reports/campaigns',
      '/reports/conversion',
      '/reports/time-in-stage',
      '/reports/net-carers',
    ],
  };
  return people.map((p) => ({ cookie: p.cookie, weights: weights[p.role], paths }));
}
