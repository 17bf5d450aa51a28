import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import type { DuplicateProbe } from './households.repo.ts';

export interface KnownAt {
  agencyId: string;
  councilName: string;
  /** When the council first had the household: its earliest enquiry received (or the household created). */
  since: Date;
}

/**
 * Which of these agencies already know a household like the probe (the same email, phone number,
 * or postcode and surname: the rules of findDuplicateHouseholds), and since when. One aggregate
 * row per agency: no name, address, stage or record id leaves the database, so a hub can be told
 * "already known to Norfolk since May 2025" without reading a council's records (issue 17 §5).
 */
export async function agenciesKnowing(db: Db, agencyIds: string[], probe: DuplicateProbe) {
  const matches = [];
  if (probe.emailKeys.length) matches.push(sql`p.email_key in ${probe.emailKeys}`);
  if (probe.phoneKeys.length) matches.push(sql`p.phone_e164 in ${probe.phoneKeys}`);
  if (probe.lastNameKeys.length)
    matches.push(sql`(h.postcode = ${probe.postcode} and p.last_name_key in ${probe.lastNameKeys})`);
  if (!agencyIds.length || !matches.length) return [];
  const found = await rows<{ agencyId: string; councilName: string; since: string | Date }>(
    db,
    sql`select a.id as "agencyId", a.name as "councilName",
               min(coalesce((select min(e.received_at) from enquiries e where e.household_id = h.id), h.created_at)) as since
        from people p
        join households h on h.id = p.household_id and h.agency_id = p.agency_id
        join agencies a on a.id = p.agency_id
        where p.agency_id in ${agencyIds} and (${sql.join(matches, sql` or `)})
        group by a.id, a.name
        order by a.name`,
  );
  return found.map((f): KnownAt => ({ ...f, since: new Date(f.since) }));
}
