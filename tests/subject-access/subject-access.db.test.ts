import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { rows } from '../../src/db/rows.ts';
import { notes } from '../../src/enquiries/activity.table.ts';
import { eventBookings, events } from '../../src/events/events.table.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { equalityMonitoring } from '../../src/privacy/equality.table.ts';
import { holdSubmission } from '../../src/public/held-submissions.service.ts';
import { makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';
import { ago, plantHousehold } from '../retention/history.ts';
import { REVIEW_RESTRICTED } from '../../src/subject-access/subject-access-pack.ts';

/**
 * Subject access (issue 15 §3) on PostgreSQL and PGlite: one person planted across two households
 * (enquired 2019 and 2024), emails, bookings, consents, equality answers, notes, a held submission
 * and audit entries; a person with a similar name at the same postcode must never appear.
 */
describe('GET /api/v1/subject-access', () => {
  const ctx = useTestContext();
  const planted = {} as Record<string, string>;
  let manager: ReturnType<typeof apiClient>;
  let managerId = '';

  const person = {
    firstName: 'Alexandra',
    lastName: 'Whitcombe',
    email: 'alex.whitcombe@example.com',
    phone: '07700 900123',
  };
  const similar = {
    firstName: 'Alexandra',
    lastName: 'Whitcomb',
    email: 'alex.whitcomb@example.com',
    phone: '07700 900124',
  };
  const home = { postcode: 'NR2 4AB', addressLine1: '12 Unthank Road', town: 'Norwich' };

  beforeAll(async () => {
    const { db } = ctx().deps;
    const agencyId = ctx().agencyId;
    const user = await makeUser(db, agencyId, 'manager');
    manager = apiClient(ctx().baseUrl, await makeApiToken(db, agencyId, user.id));
    managerId = user.id;

    const first = await makeEnquiry(db, agencyId, {
      receivedAt: '2019-03-04',
      household: home,
      applicants: [person, { firstName: 'Jordan', lastName: 'Whitcombe' }],
      consent: { email: true, post: true, phone: false, sms: false },
    });
    const second = await makeEnquiry(db, agencyId, {
      receivedAt: '2024-06-10',
      household: home,
      applicants: [{ ...person, email: 'ALEX.Whitcombe@example.com ', phone: '+44 7700 900123' }],
    });
    const other = await makeEnquiry(db, agencyId, {
      receivedAt: '2024-06-11',
      household: home,
      applicants: [similar],
    });
    Object.assign(planted, {
      first: first.householdId,
      second: second.householdId,
      other: other.householdId,
    });

    const [subject] = await rows<{ id: string }>(
      db,
      sql`select id from people where household_id = ${first.householdId} and first_name = 'Alexandra'`,
    );
    const [otherPerson] = await rows<{ id: string }>(
      db,
      sql`select id from people where household_id = ${other.householdId}`,
    );
    await db
      .insert(notes)
      .values({ agencyId, enquiryId: first.id, body: 'Planted note: prefers evening calls' });
    await db
      .insert(notes)
      .values({ agencyId, enquiryId: other.id, body: 'Other person note: not to appear' });
    await db.insert(messages).values({
      agencyId,
      enquiryId: second.id,
      personId: null,
      toAddress: person.email,
      trigger: 'test',
      purpose: 'service',
      idempotencyKey: 'planted-message',
      subject: 'Your visit',
      bodyText: 'Dear Alexandra Whitcombe, planted body text',
      bodyHtml: '<p>Dear Alexandra Whitcombe</p>',
    });
    await db.insert(messages).values({
      agencyId,
      enquiryId: null,
      personId: null,
      toAddress: 'Alex.Whitcombe@example.com',
      trigger: 'mailing',
      purpose: 'marketing',
      idempotencyKey: 'planted-mailing',
      subject: 'Foster Care Fortnight',
      bodyText: 'Planted mailing body',
      bodyHtml: '<p>m</p>',
    });
    await db.insert(messages).values({
      agencyId,
      enquiryId: other.id,
      personId: otherPerson!.id,
      toAddress: similar.email,
      trigger: 'test',
      purpose: 'service',
      idempotencyKey: 'other-message',
      subject: 'Not yours',
      bodyText: 'Other person body',
      bodyHtml: '<p>o</p>',
    });
    const [event] = await db
      .insert(events)
      .values({
        agencyId,
        kind: 'information_session',
        title: 'Planted session',
        startsAt: new Date('2024-07-01T18:00:00Z'),
      })
      .returning();
    const [booking] = await db
      .insert(eventBookings)
      .values({ agencyId, eventId: event!.id, enquiryId: second.id, status: 'booked', source: 'staff' })
      .returning();
    await db
      .insert(eventBookings)
      .values({ agencyId, eventId: event!.id, enquiryId: other.id, status: 'booked', source: 'staff' });
    await db
      .insert(equalityMonitoring)
      .values({ personId: subject!.id, agencyId, answers: { language: 'planted-language' } });
    const held = await holdSubmission(
      db,
      agencyId,
      'too_fast',
      { ...person, postcode: 'NR2 4AB', transfer: 'no' as const, message: 'Planted held message' },
      { email: false, post: false, phone: false, sms: false },
    );
    await holdSubmission(
      db,
      agencyId,
      'too_fast',
      { ...similar, postcode: 'NR2 4AB', transfer: 'no' as const },
      { email: false, post: false, phone: false, sms: false },
    );
    Object.assign(planted, {
      subject: subject!.id,
      booking: booking!.id,
      held: held.id,
      firstEnquiry: first.id,
      otherEnquiry: other.id,
    });
  });

  /** Every planted record is in the pack, and nothing of the other person. */
  function expectEverythingPlanted(body: Record<string, unknown>) {
    const text = JSON.stringify(body);
    const households = (body.households as { household: { id: string } }[]).map((h) => h.household.id).sort();
    expect(households).toEqual([planted.first, planted.second].sort());
    for (const value of [
      'Planted note',
      'planted body text',
      'Planted mailing body',
      planted.booking,
      'Planted session',
      'planted-language',
      planted.held,
      'Planted held message',
      'Jordan',
      'enquiry.created',
    ])
      expect(text, value).toContain(value);
    for (const value of [
      planted.other,
      planted.otherEnquiry,
      'Other person',
      'alex.whitcomb@',
      '900124',
      'Not yours',
    ])
      expect(text, value).not.toContain(value);
    const consents = (body.households as { consents: { channel: string; granted: boolean }[] }[]).flatMap(
      (h) => h.consents,
    );
    expect(
      consents
        .filter((c) => c.granted)
        .map((c) => c.channel)
        .sort(),
    ).toEqual(['email', 'email', 'post']);
  }

  it('finds every record by email, in any case', async () => {
    const res = await manager.get('/subject-access?email=Alex.Whitcombe%40EXAMPLE.com');
    expect(res.status).toBe(200);
    expectEverythingPlanted(res.body);
    expect(res.body.searchedBy).toBe('email');
    // The partner is another person: flagged for the manager's review, not silently left out.
    expect(res.body.reviewBeforeSending.map((r: { what: string }) => r.what)).toContain(
      'Jordan Whitcombe (applicant)',
    );
  });

  it('finds every record by phone, typed nationally or internationally', async () => {
    for (const phone of ['07700 900123', '+44 7700 900123']) {
      const res = await manager.get(`/subject-access?phone=${encodeURIComponent(phone)}`);
      expect(res.status, phone).toBe(200);
      const ids = res.body.households.map((h: { household: { id: string } }) => h.household.id).sort();
      expect(ids).toEqual([planted.first, planted.second].sort());
      expect(JSON.stringify(res.body)).toContain('Planted held message');
      expect(JSON.stringify(res.body)).not.toContain(planted.other);
    }
  });

  it('finds every record by name and postcode, however typed', async () => {
    const res = await manager.get('/subject-access?name=ALEXANDRA%20whitcombe&postcode=nr24ab');
    expect(res.status).toBe(200);
    const ids = res.body.households.map((h: { household: { id: string } }) => h.household.id).sort();
    expect(ids).toEqual([planted.first, planted.second].sort());
    expect(JSON.stringify(res.body)).not.toContain(planted.other);
  });

  it('audits each search without the search terms', async () => {
    const { db } = ctx().deps;
    await manager.get('/subject-access?email=alex.whitcombe%40example.com');
    const audits = await rows<{ changes: unknown; actor_user_id: string | null }>(
      db,
      sql`select changes, actor_user_id from audit_events where action = 'subject_access.searched' order by id desc limit 1`,
    );
    expect(audits[0]!.actor_user_id).not.toBeNull();
    const text = JSON.stringify(audits[0]!.changes);
    expect(text).toContain('"records"');
    expect(text).not.toMatch(/whitcombe|example\.com|7700/i);
  });

  it('refuses unknown or conflicting parameters with 422, other roles with 403, and keeps agencies apart', async () => {
    const { db } = ctx().deps;
    expect((await manager.get('/subject-access?email=a%40example.com&fields=all')).status).toBe(422);
    expect((await manager.get('/subject-access?email=a%40example.com&phone=07700900123')).status).toBe(422);
    expect((await manager.get('/subject-access?name=Alexandra%20Whitcombe')).status).toBe(422);
    expect((await manager.get('/subject-access?phone=12')).status).toBe(422);
    expect((await manager.get('/subject-access')).status).toBe(422);
    for (const role of ['officer', 'comms'] as const) {
      const user = await makeUser(db, ctx().agencyId, role);
      const client = apiClient(ctx().baseUrl, await makeApiToken(db, ctx().agencyId, user.id));
      expect((await client.get('/subject-access?email=alex.whitcombe%40example.com')).status, role).toBe(403);
    }
    const admin = await makeUser(db, ctx().agencyId, 'admin');
    const adminClient = apiClient(ctx().baseUrl, await makeApiToken(db, ctx().agencyId, admin.id));
    expect((await adminClient.get('/subject-access?email=alex.whitcombe%40example.com')).status).toBe(200);

    const elsewhere = await insertAgency(db, { name: 'Southshire Fostering', slug: 'southshire' });
    const theirs = await makeUser(db, elsewhere.id, 'manager');
    const theirClient = apiClient(ctx().baseUrl, await makeApiToken(db, elsewhere.id, theirs.id));
    const res = await theirClient.get('/subject-access?email=alex.whitcombe%40example.com');
    expect(res.status).toBe(200);
    expect(res.body.households).toEqual([]);
    expect(res.body.heldSubmissions).toEqual([]);
    expect(
      (await theirClient.get(`/subject-access?email=a%40example.com&request=${planted.first}`)).status,
    ).toBe(404);
  });

  it('includes restricted safeguarding history, marked for the manager to review before sending', async () => {
    const actor = { agencyId: ctx().agencyId, userId: managerId, role: 'manager' as const };
    const carer = await plantHousehold(
      ctx().deps.db,
      actor,
      'sar',
      'soc',
      ago(5, 0),
      [
        { to: 'initial_visit', on: ago(5, -30) },
        { to: 'application', on: ago(5, -60) },
        { to: 'assessment', on: ago(5, -90) },
        { to: 'panel', on: ago(5, -200) },
        { to: 'approved', on: ago(5, -220) },
        { to: 'deregistered', on: ago(1, 0), reason: 'standards_of_care', note: 'Planted restricted note' },
      ],
      '07700 900777',
    );
    const res = await manager.get(`/subject-access?email=${encodeURIComponent(carer.email)}`);
    expect(res.status).toBe(200);
    const history = res.body.households[0].enquiries[0].history;
    const left = history.find((e: { stage: string }) => e.stage === 'deregistered');
    expect(left).toMatchObject({
      reason: 'standards_of_care',
      note: 'Planted restricted note',
      restricted: true,
    });
    expect(history.filter((e: { restricted: boolean }) => e.restricted)).toHaveLength(1);
    expect(res.body.reviewBeforeSending).toEqual([
      expect.objectContaining({ what: expect.stringContaining('deregistered'), why: REVIEW_RESTRICTED }),
    ]);
  });
});
