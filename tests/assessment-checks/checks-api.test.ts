import { describe, expect, it } from 'vitest';
import { addDays, addMonths, londonToday } from '../../src/calendar/dates.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { dateFields } from '../helpers/forms.ts';

describe('the assessment checks API and pages', () => {
  const ctx = useTestContext();

  async function client(role: 'officer' | 'manager' | 'comms') {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
    return {
      user,
      api: apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id)),
    };
  }

  async function appliedHousehold() {
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      receivedAt: addDays(londonToday(), -40),
      applicants: [{ firstName: 'Kit', lastName: 'Api', email: 'kit@example.com' }],
    });
    for (const to of ['initial_visit', 'application'] as const) {
      await transition(ctx().deps.db, systemActor(ctx().agencyId, 'test'), e.id, { to });
    }
    return e;
  }

  it('lists the checklist by stage with due dates, records a move, and refuses bad input with field paths', async () => {
    const e = await appliedHousehold();
    const { api } = await client('officer');
    const list = await api.get(`/enquiries/${e.id}/checks`);
    expect(list.status).toBe(200);
    const today = londonToday();
    expect(list.body.applicationOn).toBe(today);
    expect(list.body.stages).toEqual([
      { stage: 1, months: 2, dueOn: addMonths(today, 2), total: 4, outstanding: 4, overdue: 0 },
      { stage: 2, months: 8, dueOn: addMonths(today, 8), total: 2, outstanding: 2, overdue: 0 },
    ]);
    const dbs = list.body.items.find((i: { checkType: { key: string } }) => i.checkType.key === 'dbs');
    expect(dbs).toMatchObject({ status: 'not_requested', person: { name: 'Kit Api', applicant: true } });

    const path = `/enquiries/${e.id}/checks/${dbs.id}`;
    const bad = await api.patch(path, { status: 'sent', receivedOn: '2026-02-30', colour: 'red' });
    expect(bad.status).toBe(422);
    const paths = bad.body.error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['status', 'receivedOn']));
    const future = await api.patch(path, { status: 'requested', requestedOn: addDays(today, 1) });
    expect([future.status, future.body.error.issues[0].path]).toEqual([422, 'requestedOn']);
    const noReason = await api.patch(path, { outcome: 'not_needed' });
    expect([noReason.status, noReason.body.error.issues[0].path]).toEqual([422, 'outcomeNote']);

    const requested = await api.patch(path, { status: 'requested', requestedOn: addDays(today, -3) });
    expect(requested.status).toBe(200);
    expect(requested.body).toMatchObject({
      status: 'requested',
      requestedOn: addDays(today, -3),
      expectedBy: addDays(today, 25),
    });
    // Requested again: an impossible move, 409, nothing written.
    const again = await api.patch(path, { status: 'requested' });
    expect([again.status, again.body.error.code]).toEqual([409, 'invalid_transition']);
    expect(
      (await api.get(`/enquiries/${e.id}/checks`)).body.items.find((i: { id: string }) => i.id === dbs.id)
        .requestedOn,
    ).toBe(addDays(today, -3));
    // Comms never see households.
    const { api: comms } = await client('comms');
    expect((await comms.get(`/enquiries/${e.id}/checks`)).status).toBe(403);
  });

  it('shows a concern to managers only: officers read "restricted" and no note', async () => {
    const e = await appliedHousehold();
    const { api: officer } = await client('officer');
    const { api: manager } = await client('manager');
    const la = (await officer.get(`/enquiries/${e.id}/checks`)).body.items.find(
      (i: { checkType: { key: string } }) => i.checkType.key === 'la_check',
    );
    const recorded = await officer.patch(`/enquiries/${e.id}/checks/${la.id}`, {
      status: 'received',
      outcome: 'concern',
      outcomeNote: 'Previous referral to children’s services',
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ outcome: 'restricted', outcomeNote: null });
    const asOfficer = (await officer.get(`/enquiries/${e.id}/checks`)).text;
    expect(asOfficer).not.toContain('referral');
    expect(asOfficer).not.toContain('"concern"');
    const asManager = (await manager.get(`/enquiries/${e.id}/checks`)).body.items.find(
      (i: { id: string }) => i.id === la.id,
    );
    expect(asManager).toMatchObject({
      outcome: 'concern',
      outcomeNote: 'Previous referral to children’s services',
    });
    // The officer cannot overwrite the outcome they can no longer see.
    expect((await officer.patch(`/enquiries/${e.id}/checks/${la.id}`, { outcome: 'clear' })).status).toBe(
      409,
    );
  });

  it('records a DBS result from the household page form, with the date, and shows it on the page', async () => {
    const e = await appliedHousehold();
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const page = await browser.get(`/enquiries/${e.id}`);
    expect(page.body).toContain('Assessment checks');
    const checkId =
      /\/checks\/([0-9a-f-]{36})"[^>]*>Record<span class="govuk-visually-hidden"> Enhanced DBS check/.exec(
        page.body,
      )?.[1];
    expect(checkId).toBeDefined();
    await browser.get(`/enquiries/${e.id}/checks/${checkId}`);
    const bad = await browser.post(`/enquiries/${e.id}/checks/${checkId}`, {
      status: 'received',
      ...dateFields('on', '2026-02-30'),
      outcome: 'clear',
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('href="#on"');
    const received = addDays(londonToday(), -1);
    const ok = await browser.post(`/enquiries/${e.id}/checks/${checkId}`, {
      status: 'received',
      ...dateFields('on', received),
      outcome: 'clear',
      outcomeNote: '',
    });
    expect(ok.status).toBe(303);
    const after = await browser.get(`/enquiries/${e.id}`);
    expect(after.body).toMatch(/Received\s*<\/strong>/);
    expect(after.body).toContain('Outcome: Clear');
  });
});
