import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/messages/messages.table.ts';
import { makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

describe('telling the household about a move', () => {
  const ctx = useTestContext();
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, officer.id));
  });

  const updatesOf = (enquiryId: string) =>
    ctx()
      .deps.db.select()
      .from(messages)
      .where(and(eq(messages.enquiryId, enquiryId), eq(messages.trigger, 'stage_update')));

  it('emails the household only when the officer asks, in plain words', async () => {
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      applicants: [{ firstName: 'Tia', lastName: 'Told', email: 'tia@households.example' }],
    });
    for (const to of ['initial_visit', 'application']) {
      expect((await api.post(`/enquiries/${e.id}/transitions`, { to })).status).toBe(200);
    }
    const quiet = await api.post(`/enquiries/${e.id}/transitions`, { to: 'assessment' });
    expect(quiet.status).toBe(200);
    expect(await updatesOf(e.id)).toEqual([]);

    const told = await api.post(`/enquiries/${e.id}/transitions`, {
      to: 'closed',
      reason: 'AW3',
      notifyHousehold: true,
    });
    expect(told.status).toBe(200);
    const [update] = await updatesOf(e.id);
    expect(update).toMatchObject({ purpose: 'follow_up', toAddress: 'tia@households.example' });
    expect(update!.bodyText).toContain('We wanted to let you know that we have closed your enquiry for now.');
    expect(
      (await api.post(`/enquiries/${e.id}/transitions`, { to: 'enquiry', notifyHousehold: 'maybe' })).status,
    ).toBe(422);
  });

  it('offers the choice on the move form', async () => {
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      applicants: [{ firstName: 'Pat', lastName: 'Paged', email: 'pat@households.example' }],
    });
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(officer.email, officer.password);
    expect((await browser.get(`/enquiries/${e.id}/move/initial_visit`)).body).not.toContain(
      'Email the household',
    );
    const form = await browser.get(`/enquiries/${e.id}/move/closed`);
    expect(form.body).toContain('Email the household to let them know');
    const res = await browser.post(`/enquiries/${e.id}/move/closed`, {
      reason: 'AW1',
      notifyHousehold: 'yes',
    });
    expect(res.status).toBe(303);
    expect(await updatesOf(e.id)).toHaveLength(1);
  });
});
