import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

/** Withdrawing marketing consent per channel from the household page: append-only, audited. */
describe('consent withdrawal on the household page', () => {
  const ctx = useTestContext();

  it('adds a "no" row for that channel only, keeps the history, and shows No', async () => {
    const { db } = ctx().deps;
    const enquiry = await makeEnquiry(db, ctx().agencyId, {
      consent: { email: true, post: true, phone: false, sms: false },
    });
    const [person] = await rows<{ id: string }>(
      db,
      sql`select id from people where household_id = ${enquiry.householdId}`,
    );
    const officer = await makeUser(db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(officer.email, officer.password);
    const page = await browser.get(`/enquiries/${enquiry.id}`);
    expect(page.body).toContain('Withdraw<span class="govuk-visually-hidden"> Email consent');
    expect(page.body).not.toContain('Erase this household'); // managers only

    const res = await browser.post(`/enquiries/${enquiry.id}/consents/withdraw`, {
      personId: person!.id,
      channel: 'email',
    });
    expect(res.status).toBe(303);
    const history = await rows<{ channel: string; granted: boolean }>(
      db,
      sql`select channel, granted from consents where person_id = ${person!.id} order by id`,
    );
    expect(history.filter((c) => c.channel === 'email').map((c) => c.granted)).toEqual([true, false]);
    expect(history.filter((c) => c.channel === 'post').map((c) => c.granted)).toEqual([true]);
    const after = await browser.get(`/enquiries/${enquiry.id}`);
    expect(after.body).not.toContain('Withdraw<span class="govuk-visually-hidden"> Email consent');
    expect(after.body).toContain('Withdraw<span class="govuk-visually-hidden"> Post consent');

    const other = await makeEnquiry(db, ctx().agencyId);
    expect(
      (
        await browser.post(`/enquiries/${other.id}/consents/withdraw`, {
          personId: person!.id,
          channel: 'post',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await browser.post(`/enquiries/${enquiry.id}/consents/withdraw`, {
          personId: person!.id,
          channel: 'fax',
        })
      ).status,
    ).toBe(422);
    const [audit] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_events where action = 'consent.withdrawn' and entity_id = ${person!.id}`,
    );
    expect(audit!.n).toBe(1);
  });
});
