import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { updateAgencyArea } from '../../src/agencies/agencies.repo.ts';
import { createEvent } from '../../src/events/events.service.ts';
import { queueFollowUp } from '../../src/follow-ups/follow-ups.service.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { saveTemplate } from '../../src/templates/templates.service.ts';
import { changeRoleOrStatus } from '../../src/users/users.service.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';

/**
 * Intake keeps the agency, follow-up settings, email templates and API tokens in a per-process cache
 * and writes the welcome email from the people it has just written (issue 19). Every change made in
 * this process shows at once, and the email is the one reading everything back would have written.
 */
describe('intake caches and the welcome email', () => {
  const ctx = useTestContext();
  const db = () => ctx().deps.db;

  async function client(role: 'officer' | 'manager' = 'manager') {
    const user = await makeUser(db(), ctx().agencyId, role);
    const token = await makeApiToken(db(), ctx().agencyId, user.id);
    return { user, token, api: apiClient(ctx().baseUrl, token) };
  }

  const welcomeOf = async (enquiryId: string) => {
    const [message] = await db()
      .select()
      .from(messages)
      .where(and(eq(messages.enquiryId, enquiryId), eq(messages.trigger, 'welcome')));
    return message!;
  };

  it('writes the welcome email exactly as reading the household back renders it', async () => {
    const { user: manager, api } = await client('manager');
    const officer = await makeUser(db(), ctx().agencyId, 'officer');
    const actor = { agencyId: ctx().agencyId, userId: manager.id, role: 'manager' as const };
    await createEvent(db(), systemActor(ctx().agencyId, 'test'), {
      kind: 'information_session',
      title: 'Information evening',
      startsAt: new Date('2031-03-04T19:00:00Z'),
      endsAt: null,
      candidateDates: [],
      online: false,
      venue: 'The Forum',
      joiningLink: null,
      capacity: null,
      campaignCode: null,
      description: null,
      staffIds: [],
    });
    await saveTemplate(db(), actor, 'welcome', {
      subject: 'Welcome ((first_name)) from ((agency_name))',
      body: 'Dear ((first_name)),\n\n((officer_name)) will call you.\n\n((next_session_date??Our next session is on ((next_session_date)).))',
    });
    const base = enquiryBody();
    const created = await api.post('/enquiries', {
      ...base,
      assignedOfficerId: officer.id,
      applicants: [
        { firstName: 'Sam', lastName: base.applicants[0]!.lastName, phone: base.applicants[0]!.phone },
        { firstName: 'Alex', lastName: 'Second', email: `alex.second${Date.now()}@example.com` },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const written = await welcomeOf(created.body.id);

    // The same email written the old way (every fact read back), in a transaction rolled back.
    let readBack: typeof written | undefined;
    await db()
      .transaction(async (tx) => {
        const id = await queueFollowUp(tx, ctx().agencyId, created.body.id, 'welcome', 'compare');
        [readBack] = await tx.select().from(messages).where(eq(messages.id, id!));
        throw new Error('roll back');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back'));
    const content = (m: typeof written) => ({
      to: m.toAddress,
      personId: m.personId,
      subject: m.subject,
      text: m.bodyText,
      html: m.bodyHtml,
      templateVersionId: m.templateVersionId,
    });
    expect(content(written)).toEqual(content(readBack!));
    // Hand-checked: the second applicant (the first with an email), the officer, the session.
    expect(written.subject).toBe('Welcome Alex from Northshire Fostering');
    expect(written.bodyText).toContain(`${officer.name} will call you.`);
    expect(written.bodyText).toContain('Our next session is on 4 March 2031.');
    expect(written.templateVersionId).not.toBeNull();
  });

  it('uses a template, the agency area and a token change made in this process at once', async () => {
    const { user: manager, api, token } = await client('manager');
    const actor = { agencyId: ctx().agencyId, userId: manager.id, role: 'manager' as const };
    const first = await api.post('/enquiries', enquiryBody());
    expect(first.status).toBe(201);
    expect(first.body.household.inArea).toBeNull();

    await saveTemplate(db(), actor, 'welcome', {
      subject: 'Words saved just now',
      body: 'Hello ((first_name))',
    });
    await updateAgencyArea(db(), ctx().agencyId, { areaPostcodePrefixes: ['NR'] });
    const second = await api.post('/enquiries', enquiryBody());
    expect((await welcomeOf(second.body.id)).subject).toBe('Words saved just now');
    expect(second.body.household.inArea).toBe(true);
    await updateAgencyArea(db(), ctx().agencyId, { areaPostcodePrefixes: [] });

    // The token was used a moment ago (cached); deactivating its user stops it on the next request.
    const admin = await makeUser(db(), ctx().agencyId, 'admin');
    await changeRoleOrStatus(
      db(),
      { agencyId: ctx().agencyId, userId: admin.id, role: 'admin' },
      manager.id,
      { role: 'manager', active: false },
    );
    expect((await apiClient(ctx().baseUrl, token).get('/enquiries')).status).toBe(401);
  });
});
