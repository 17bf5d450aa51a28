import { describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import {
  defaultFollowUpSettings,
  formValues,
  saveFollowUpSettings,
} from '../../src/follow-ups/follow-up-settings.ts';
import { enquiryBody, fictionalPhone, makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';

/**
 * POST /api/v1/enquiries answers with the rows it has just written instead of reading them back
 * (issue 19): the 201 must be exactly what GET /api/v1/enquiries/:id then returns, for every shape
 * of new enquiry.
 */
describe('the 201 of a new enquiry', () => {
  const ctx = useTestContext();

  async function client(role: 'officer' | 'manager' = 'officer') {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
    return {
      user,
      api: apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id)),
    };
  }

  async function createAndReadBack(body: Record<string, unknown>, role: 'officer' | 'manager' = 'officer') {
    const { api } = await client(role);
    const created = await api.post('/enquiries', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await api.get(`/enquiries/${created.body.id}`);
    expect(read.status).toBe(200);
    return { created: created.body, read: read.body };
  }

  it('is what reading it back gives: two applicants, members, preferences, notes, consents', async () => {
    const base = enquiryBody();
    const { created, read } = await createAndReadBack({
      ...base,
      campaignCode: 'spring26',
      heardAbout: 'radio_tv',
      receivedAt: addDays(londonToday(), -3),
      applicants: [
        ...base.applicants,
        { firstName: 'Alex', lastName: 'Other', email: `alex${Date.now()}@example.com` },
      ],
      members: [
        { firstName: 'Jo', relationship: 'child' },
        { firstName: 'Kim', lastName: 'Elder', dateOfBirth: '1950-02-03', relationship: 'parent' },
      ],
      preferences: { ageFrom: 2, ageTo: 9 },
      consent: { email: true, post: true, phone: false, sms: true },
      notes: 'Prefers a call after 6pm.',
    });
    expect(created).toEqual(read);
    // Hand-checked: the answer really holds what was written, not two empty lists.
    expect(created.applicants.map((a: { firstName: string }) => a.firstName)).toEqual(['Sam', 'Alex']);
    expect(created.members).toHaveLength(2);
    expect(created.notes).toEqual([expect.objectContaining({ body: 'Prefers a call after 6pm.' })]);
    expect(created.emails).toEqual([
      expect.objectContaining({ subject: 'Thank you for your enquiry', status: 'queued' }),
    ]);
    expect(created.history[0].by).toBe(read.history[0].by);
    expect(Object.keys(created.applicants[0].consents)).toEqual(['email', 'phone', 'post', 'sms']);
  });

  it('is what reading it back gives: an assigned officer, family and friends with a placement date', async () => {
    const { user: officer } = await client('officer');
    const { created, read } = await createAndReadBack(
      enquiryBody({
        route: 'family_and_friends',
        placedOn: addDays(londonToday(), -10),
        assignedOfficerId: officer.id,
      }),
      'manager',
    );
    expect(created).toEqual(read);
    expect(created.assignedOfficer).toEqual({ id: officer.id, name: officer.name });
    expect(created.temporaryApproval).not.toBeNull();
  });

  it('is what reading it back gives: the email to the second applicant, and no email at all', async () => {
    const base = enquiryBody();
    const { created, read } = await createAndReadBack({
      ...base,
      applicants: [
        { firstName: 'Sam', lastName: base.applicants[0]!.lastName, phone: fictionalPhone() },
        { firstName: 'Alex', lastName: 'Second', email: `second${Date.now()}@example.com` },
      ],
    });
    expect(created).toEqual(read);
    expect(created.emails).toHaveLength(1);

    const { created: noEmail, read: noEmailRead } = await createAndReadBack(
      enquiryBody({
        applicants: [{ firstName: 'Pat', lastName: `Nomail${Date.now()}`, phone: fictionalPhone() }],
      }),
    );
    expect(noEmail).toEqual(noEmailRead);
    expect(noEmail.emails).toEqual([]);
  });

  it('is what reading it back gives when the agency sends no welcome email, and for a known household', async () => {
    const { user: manager, api } = await client('manager');
    const actor = { agencyId: ctx().agencyId, userId: manager.id, role: 'manager' as const };
    const off = Object.fromEntries(
      Object.entries(formValues({ ...defaultFollowUpSettings, welcome: false })).filter(([, v]) => v),
    );
    await saveFollowUpSettings(ctx().deps.db, actor, off);
    try {
      const { created, read } = await createAndReadBack(enquiryBody());
      expect(created).toEqual(read);
      expect(created.emails).toEqual([]);
    } finally {
      await saveFollowUpSettings(ctx().deps.db, actor, formValues(defaultFollowUpSettings));
    }

    // A known household enquiring again (its first enquiry closed): read back, as before.
    const first = await api.post('/enquiries', enquiryBody());
    const closed = await api.post(`/enquiries/${first.body.id}/transitions`, { to: 'closed', reason: 'AW0' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const again = await api.post('/enquiries', {
      ...enquiryBody({ householdId: first.body.household.id }),
      applicants: first.body.applicants.map((a: { firstName: string; lastName: string; email: string }) => ({
        firstName: a.firstName,
        lastName: a.lastName,
        email: a.email,
      })),
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toEqual((await api.get(`/enquiries/${again.body.id}`)).body);
    expect(again.body.otherEnquiries).toHaveLength(1);
  });
});
