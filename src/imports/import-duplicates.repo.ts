import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';

/** One identity key of one row: an email key, an E.164 number, or a surname key with its postcode. */
export interface RowProbe {
  row: number;
  kind: 'email' | 'phone' | 'name';
  key: string;
  postcode: string;
}

export interface ExistingMatch {
  row: number;
  householdId: string;
  enquiryId: string | null;
  kinds: RowProbe['kind'][];
}

/**
 * Households already in the service that share a key with a row: the same email, the same phone
 * number, or the same postcode and surname (the keys of shared/identity.ts, as the enquiry form's
 * check uses). One set-based query per call; each (row, household) once, with the household's
 * latest enquiry.
 */
export async function existingMatches(db: Db, agencyId: string, probes: RowProbe[]) {
  if (probes.length === 0) return [];
  return rows<ExistingMatch>(
    db,
    sql`with probe as (
          select * from jsonb_to_recordset(${JSON.stringify(probes)}::jsonb)
            as p("row" int, kind text, key text, postcode text)
        ), hit as (
          select p.row, pe.household_id, p.kind from probe p
            join people pe on pe.agency_id = ${agencyId} and pe.email_key = p.key
          where p.kind = 'email'
          union
          select p.row, pe.household_id, p.kind from probe p
            join people pe on pe.agency_id = ${agencyId} and pe.phone_e164 = p.key
          where p.kind = 'phone'
          union
          select p.row, pe.household_id, p.kind from probe p
            join people pe on pe.agency_id = ${agencyId} and pe.last_name_key = p.key
            join households h on h.id = pe.household_id and h.postcode = p.postcode
          where p.kind = 'name'
        )
        select hit.row, hit.household_id as "householdId", array_agg(distinct hit.kind) as kinds,
               (select q.id from enquiries q where q.household_id = hit.household_id
                order by q.received_at desc limit 1) as "enquiryId"
        from hit group by hit.row, hit.household_id
        order by hit.row`,
  );
}
