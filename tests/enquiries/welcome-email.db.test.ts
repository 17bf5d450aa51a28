import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { CreateEnquiry } from '../../src/enquiries/enquiries.schema.ts';
import { recordNewEnquiry } from '../../src/enquiries/enquiries.service.ts';
import { parse } from '../../src/shared/validation.ts';
import { saveTemplate } from '../../src/templates/templates.service.ts';
import { enquiryBody } from '../factories.ts';
import { useDbContext } from '../helpers/db-context.ts';

/**
 * The welcome email of a new enquiry, now composed before the enquiry's one-statement write (issue
 * 19): regressions a review of that rewrite found, each failing before its fix on both databases.
 */
describe('the welcome email of a new enquiry', () => {
  const ctx = useDbContext();
  const count = async (table: 'messages' | 'stage_events', enquiryId: string) =>
    (
      await rows<{ n: number }>(
        ctx().database.db,
        sql`select count(*)::int n from ${sql.raw(table)} where enquiry_id = ${enquiryId}`,
      )
    )[0]!.n;

  it('goes to a known household enquiring again, as to a new one', async () => {
    const { db } = ctx().database;
    const body = { allowDuplicate: true, ...enquiryBody() };
    const first = await recordNewEnquiry(db, ctx().officer, parse(CreateEnquiry, body), 'staff');
    expect(await count('messages', first.enquiry.id)).toBe(1);
    await db.execute(sql`update enquiries set stage = 'closed' where id = ${first.enquiry.id}`);
    const again = await recordNewEnquiry(
      db,
      ctx().officer,
      parse(CreateEnquiry, { ...body, householdId: first.enquiry.householdId }),
      'staff',
    );
    expect(await count('stage_events', again.enquiry.id)).toBe(1);
    expect(await count('messages', again.enquiry.id)).toBe(1);
  });

  it('names the officer who logged the enquiry (assigned to them by default)', async () => {
    const { db } = ctx().database;
    await saveTemplate(db, ctx().manager, 'welcome', {
      subject: 'Thank you',
      body: 'Dear ((first_name)),\n\nQuestions? Call ((officer_name)).',
    });
    const created = await recordNewEnquiry(
      db,
      ctx().officer,
      parse(CreateEnquiry, { allowDuplicate: true, ...enquiryBody() }),
      'staff',
    );
    const [officer] = await rows<{ name: string }>(
      db,
      sql`select name from users where id = ${ctx().officer.userId}`,
    );
    const [message] = await rows<{ body: string }>(
      db,
      sql`select body_text body from messages where enquiry_id = ${created.enquiry.id}`,
    );
    expect(created.enquiry.assignedOfficerId).toBe(ctx().officer.userId);
    expect(message!.body).toContain(`Call ${officer!.name}.`);
  });
});
