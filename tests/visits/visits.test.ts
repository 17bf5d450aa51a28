import { describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { listAuditEvents } from '../../src/audit/audit.repo.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { addDays, londonDateTime, londonToday } from '../../src/calendar/dates.ts';
import { formatDateTime } from '../../src/shared/format.ts';
import { daysAgo, makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { dateFields } from '../helpers/forms.ts';

const visitIdIn = (html: string) => /\/visits\/([0-9a-f-]{36})\/edit/.exec(html)?.[1];

describe('initial visits', () => {
  const ctx = useTestContext();

  async function signedIn(role: 'officer' | 'manager' | 'comms' = 'officer', agencyId = ctx().agencyId) {
    const user = await makeUser(ctx().deps.db, agencyId, role);
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    return { browser, user };
  }

  const historyOf = async (agencyId: string, userId: string, enquiryId: string) => {
    const api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, agencyId, userId));
    const res = await api.get(`/enquiries/${enquiryId}`);
    expect(res.status).toBe(200);
    return res.body as { stage: string; history: { stage: string; at: string; reason: string | null }[] };
  };

  it('arranges a visit, records it done, and dates the move to "Initial visit" when the visit happened', async () => {
    const { browser, user } = await signedIn();
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: daysAgo(10) });
    const household = await browser.get(`/enquiries/${e.id}`);
    expect(household.body).toContain('Arrange initial visit');

    const form = await browser.get(`/enquiries/${e.id}/visits/new`);
    expect(form.status).toBe(200);
    expect(form.body).toContain(`value="${user.id}" selected`);

    // Arranged by phone three days ago and entered afterwards: the date is in the past.
    const visitDay = daysAgo(3);
    const res = await browser.post(`/enquiries/${e.id}/visits`, {
      ...dateFields('scheduledOn', visitDay),
      time: '2:30pm',
      officerId: user.id,
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/enquiries/${e.id}`);
    const page = await browser.get(`/enquiries/${e.id}`);
    const when = londonDateTime(visitDay, '14:30');
    expect(page.body).toContain(`Arranged for <strong>${formatDateTime(when)}</strong>`);
    expect(page.body).toContain('Record visit done');
    const visitId = visitIdIn(page.body)!;

    const done = await browser.post(`/visits/${visitId}/complete`, {});
    expect(done.status).toBe(303);
    const after = await browser.get(`/enquiries/${e.id}`);
    expect(after.body).toContain('Initial visit recorded: moved to Initial visit.');
    expect(after.body).toContain('Moved to Initial visit');
    expect(after.body).toContain(formatDateTime(when));
    expect(after.body).not.toContain('Record visit done');

    const detail = await historyOf(ctx().agencyId, user.id, e.id);
    expect(detail.stage).toBe('initial_visit');
    const moved = detail.history.find((h) => h.stage === 'initial_visit')!;
    expect(new Date(moved.at).toISOString()).toBe(when.toISOString());

    const audit = await listAuditEvents(ctx().deps.db, ctx().agencyId, {
      entityType: 'visit',
      entityId: visitId,
      limit: 10,
    });
    expect(audit.map((a) => a.action).sort()).toEqual(['visit.arranged', 'visit.completed']);

    // Recording it twice is refused rather than moving anything again.
    const again = await browser.post(`/visits/${visitId}/complete`, {});
    expect(again.status).toBe(409);
  });

  it('keeps what was typed and says what is wrong', async () => {
    const { browser } = await signedIn();
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    await browser.get(`/enquiries/${e.id}/visits/new`);
    const res = await browser.post(`/enquiries/${e.id}/visits`, {
      'scheduledOn[day]': '31',
      'scheduledOn[month]': '2',
      'scheduledOn[year]': '2026',
      time: '25:00',
      officerId: '',
    });
    expect(res.status).toBe(422);
    for (const message of [
      'The date of the visit must be a real date',
      'Enter a time, like 10:30 or 2:15pm',
      'Select who is visiting',
    ]) {
      expect(res.body).toContain(message);
    }
    expect(res.body).toContain('value="31"');
    expect(res.body).toContain('value="25:00"');
    expect(res.body).toContain('href="#scheduledOn"');

    // A visit before the enquiry was received cannot be right.
    const early = await browser.post(`/enquiries/${e.id}/visits`, {
      ...dateFields('scheduledOn', daysAgo(400)),
      time: '10:00',
      officerId: (await makeUser(ctx().deps.db, ctx().agencyId, 'officer')).id,
    });
    expect(early.status).toBe(422);
    expect(early.body).toContain('The visit must be after the enquiry was received');
  });

  it('changes, refuses to record early, and cancels a future visit; one planned visit at a time', async () => {
    const { browser, user } = await signedIn();
    const colleague = await makeUser(ctx().deps.db, ctx().agencyId, 'officer', { name: 'Cat Colleague' });
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    await browser.get(`/enquiries/${e.id}/visits/new`);
    const nextWeek = addDays(londonToday(), 7);
    const arranged = await browser.post(`/enquiries/${e.id}/visits`, {
      ...dateFields('scheduledOn', nextWeek),
      time: '10:00',
      officerId: user.id,
    });
    expect(arranged.status).toBe(303);
    const visitId = visitIdIn((await browser.get(`/enquiries/${e.id}`)).body)!;
    expect((await browser.get(`/enquiries/${e.id}`)).body).not.toContain('Record visit done');

    const second = await browser.post(`/enquiries/${e.id}/visits`, {
      ...dateFields('scheduledOn', nextWeek),
      time: '11:00',
      officerId: user.id,
    });
    expect(second.status).toBe(409);
    expect(second.body).toContain('A visit is already arranged');

    const early = await browser.post(`/visits/${visitId}/complete`, {});
    expect(early.status).toBe(409);
    expect(early.body).toContain('record it on or after that day');

    const edit = await browser.get(`/visits/${visitId}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.body).toContain('value="10:00"');
    const later = addDays(londonToday(), 9);
    const changed = await browser.post(`/visits/${visitId}`, {
      ...dateFields('scheduledOn', later),
      time: '16:15',
      officerId: colleague.id,
    });
    expect(changed.status).toBe(303);
    const page = await browser.get(`/enquiries/${e.id}`);
    expect(page.body).toContain(formatDateTime(londonDateTime(later, '16:15')));
    expect(page.body).toContain('with Cat Colleague');

    // The colleague's list shows it; the officer's own list does not, the team's does.
    const mine = await browser.get('/visits');
    expect(mine.body).not.toContain(`/visits/${visitId}/edit`);
    const team = await browser.get('/visits?officer=all');
    expect(team.body).toContain(`/visits/${visitId}/edit`);

    const cancelled = await browser.post(`/visits/${visitId}/cancel`, {});
    expect(cancelled.status).toBe(303);
    const afterCancel = await browser.get(`/enquiries/${e.id}`);
    expect(afterCancel.body).toContain('cancelled');
    expect(afterCancel.body).toContain('Arrange initial visit');
    expect((await browser.get('/visits?officer=all')).body).not.toContain(`/visits/${visitId}/edit`);

    const audit = await listAuditEvents(ctx().deps.db, ctx().agencyId, {
      entityType: 'visit',
      entityId: visitId,
      limit: 10,
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      'visit.arranged',
      'visit.cancelled',
      'visit.rescheduled',
    ]);
    const detail = await historyOf(ctx().agencyId, user.id, e.id);
    expect(detail.stage).toBe('enquiry');
  });

  it('only marks the visit done when the household is already past "Enquiry"', async () => {
    const { browser, user } = await signedIn();
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: daysAgo(20) });
    await transition(ctx().deps.db, systemActor(ctx().agencyId, 'test'), e.id, {
      to: 'initial_visit',
      at: { at: londonDateTime(daysAgo(15), '12:00'), dateOnly: false },
    });
    await browser.get(`/enquiries/${e.id}/visits/new`);
    const res = await browser.post(`/enquiries/${e.id}/visits`, {
      ...dateFields('scheduledOn', daysAgo(1)),
      time: '09:00',
      officerId: user.id,
    });
    expect(res.status).toBe(303);
    const visitId = visitIdIn((await browser.get(`/enquiries/${e.id}`)).body)!;
    // From the list of visits waiting to be recorded, which returns to the list.
    const list = await browser.get('/visits');
    expect(list.body).toContain('Visits to record (1)');
    const done = await browser.post(`/visits/${visitId}/complete`, { returnTo: 'list' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/visits');
    expect((await browser.get('/visits')).body).toContain('Initial visit recorded as done.');

    const detail = await historyOf(ctx().agencyId, user.id, e.id);
    expect(detail.stage).toBe('initial_visit');
    expect(detail.history.filter((h) => h.stage === 'initial_visit')).toHaveLength(1);
  });

  it('offers no visit to a household in assessment, and refuses one', async () => {
    const { browser, user } = await signedIn();
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    const actor = systemActor(ctx().agencyId, 'test');
    for (const to of ['initial_visit', 'application', 'assessment'] as const) {
      await transition(ctx().deps.db, actor, e.id, { to });
    }
    expect((await browser.get(`/enquiries/${e.id}`)).body).not.toContain('Arrange initial visit');
    await browser.get(`/enquiries/${e.id}/visits/new`);
    const res = await browser.post(`/enquiries/${e.id}/visits`, {
      ...dateFields('scheduledOn', londonToday()),
      time: '23:59',
      officerId: user.id,
    });
    expect(res.status).toBe(409);
  });

  it('keeps comms staff out', async () => {
    const { browser } = await signedIn('comms');
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    expect((await browser.get('/visits')).status).toBe(403);
    expect((await browser.get(`/enquiries/${e.id}/visits/new`)).status).toBe(403);
    const post = await browser.post(`/enquiries/${e.id}/visits`, {
      ...dateFields('scheduledOn', londonToday()),
      time: '10:00',
      officerId: '',
    });
    expect(post.status).toBe(403);
  });

  it("keeps another agency's visits and households out of reach", async () => {
    const { db } = ctx().deps;
    const { browser: browserA, user: officerA } = await signedIn('officer');
    const e = await makeEnquiry(db, ctx().agencyId, { receivedAt: daysAgo(5) });
    await browserA.get(`/enquiries/${e.id}/visits/new`);
    await browserA.post(`/enquiries/${e.id}/visits`, {
      ...dateFields('scheduledOn', daysAgo(1)),
      time: '10:00',
      officerId: officerA.id,
    });
    const visitId = visitIdIn((await browserA.get(`/enquiries/${e.id}`)).body)!;

    const agencyB = await insertAgency(db, { name: 'Southvale', slug: `southvale-visits-${Date.now()}` });
    const { browser: browserB, user: officerB } = await signedIn('manager', agencyB.id);
    expect((await browserB.get('/visits?officer=all')).body).not.toContain(visitId);
    expect((await browserB.get(`/visits/${visitId}/edit`)).status).toBe(404);
    expect((await browserB.post(`/visits/${visitId}/complete`, {})).status).toBe(404);
    expect((await browserB.post(`/visits/${visitId}/cancel`, {})).status).toBe(404);
    expect((await browserB.get(`/enquiries/${e.id}/visits/new`)).status).toBe(404);
    const arrange = await browserB.post(`/enquiries/${e.id}/visits`, {
      ...dateFields('scheduledOn', londonToday()),
      time: '23:59',
      officerId: officerB.id,
    });
    expect(arrange.status).toBe(404);

    // An officer of agency B cannot be sent on agency A's visit.
    const wrongOfficer = await browserA.post(`/visits/${visitId}`, {
      ...dateFields('scheduledOn', daysAgo(1)),
      time: '11:00',
      officerId: officerB.id,
    });
    expect(wrongOfficer.status).toBe(422);
    expect(wrongOfficer.body).toContain('Select an officer from the list');
    expect((await historyOf(ctx().agencyId, officerA.id, e.id)).stage).toBe('enquiry');
  });
});
