import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';

export interface QuietEnquiry {
  enquiryId: string;
  agencyId: string;
  /** Whole days since anything last happened: a stage change or a contact attempt. */
  quietDays: number;
}

/**
 * New enquiries (still at the first stage) where nothing has happened for at least `minDays`:
 * no stage change and no contact attempt. Set-based, one query for every agency. Demo and
 * imported enquiries are left out: an enquiry brought in from a tracker spreadsheet is history the
 * team has already dealt with, not a conversation this service started (issue 14: imported history
 * sends no emails).
 */
export async function quietEnquiries(db: Db, now: Date, minDays: number) {
  return rows<QuietEnquiry>(
    db,
    sql`select e.id as "enquiryId", e.agency_id as "agencyId",
               floor(extract(epoch from (${now.toISOString()}::timestamptz - greatest(e.stage_since, coalesce(
                 (select max(c.at) from contact_attempts c where c.enquiry_id = e.id), e.stage_since)))) / 86400)::int as "quietDays"
        from enquiries e
        where e.stage = 'enquiry'
          and e.created_via not in ('demo', 'import')
          -- A household in the nurture pool gets the gentler nurture sequence instead (issue 17 §6).
          and not exists (select 1 from nurture_pool n where n.enquiry_id = e.id and n.left_at is null)
          and greatest(e.stage_since, coalesce((select max(c.at) from contact_attempts c where c.enquiry_id = e.id), e.stage_since))
              <= ${now.toISOString()}::timestamptz - make_interval(days => ${minDays}::int)`,
  );
}
