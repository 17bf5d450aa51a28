import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.table.ts';
import { eventBookings } from '../../src/events/events.table.ts';
import { queueSessionReminders } from '../../src/events/bookings.service.ts';
import { stageEvents } from '../../src/pipeline/stage-events.table.ts';
import {
  defaultFollowUpSettings,
  followUpSettingsKey,
  formValues,
  loadFollowUpSettings,
  saveFollowUpSettings,
  type FollowUpSettings,
} from '../../src/follow-ups/follow-up-settings.ts';
import {
  dueSessionReminders,
  queueNudges,
  queueStageFollowUp,
} from '../../src/follow-ups/follow-ups.service.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { putSetting } from '../../src/settings/settings.repo.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { daysAgo, makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

const HOUR = 3600_000;

describe('follow-up email settings and triggers', () => {
  const ctx = useTestContext();
  let api: ReturnType<typeof apiClient>;
  let managerId: string;

  beforeAll(async () => {
    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    managerId = manager.id;
    api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, manager.id));
  });

  /** Saves settings as a manager would (through the same service as the page). */
  const useSettings = (changes: Partial<FollowUpSettings>) =>
    saveFollowUpSettings(
      ctx().deps.db,
      { agencyId: ctx().agencyId, userId: managerId, role: 'manager' },
      Object.fromEntries(
        Object.entries(formValues({ ...defaultFollowUpSettings, ...changes })).filter(([, v]) => v),
      ),
    );

  const messagesFor = (enquiryId: string, trigger?: string) =>
    ctx()
      .deps.db.select()
      .from(messages)
      .where(
        trigger
          ? and(eq(messages.enquiryId, enquiryId), eq(messages.trigger, trigger))
          : eq(messages.enquiryId, enquiryId),
      );

  async function signedIn(role: 'officer' | 'manager') {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    return browser;
  }

  it('shows the defaults, refuses bad timings with messages keeping what was typed, then saves', async () => {
    const browser = await signedIn('manager');
    const page = await browser.get('/follow-ups');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Follow-up emails');
    expect(page.body).toMatch(/name="nudgeDay2"[^>]*value="30"/);
    expect(page.body).toMatch(/name="firstReminderHours"[^>]*value="48"/);
    expect(page.body).toMatch(/name="welcome"[^>]*value="yes" checked/);

    const bad = await browser.post('/follow-ups', {
      welcome: 'yes',
      nudges: 'yes',
      nudgeDay1: '10',
      nudgeDay2: '5',
      nudgeDay3: 'ninety',
      sessionReminders: 'yes',
      firstReminderHours: '500',
      secondReminderHours: '2',
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('The third check-in must be a whole number of days, like 90');
    expect(bad.body).toContain('The first reminder must be between 1 and 168 hours before the session');
    expect(bad.body).toContain('href="#nudgeDay3"');
    expect(bad.body).toMatch(/name="nudgeDay3"[^>]*value="ninety"/);
    expect(bad.body).toMatch(/name="nudgeDay1"[^>]*value="10"/);
    // Unticked boxes stay unticked.
    expect(bad.body).not.toMatch(/name="afterInitialVisit"[^>]*checked/);
    expect(await loadFollowUpSettings(ctx().deps.db, ctx().agencyId)).toEqual(defaultFollowUpSettings);

    // Numbers that are each fine but out of order.
    const order = await browser.post('/follow-ups', {
      nudgeDay1: '10',
      nudgeDay2: '5',
      nudgeDay3: '90',
      firstReminderHours: '2',
      secondReminderHours: '24',
    });
    expect(order.status).toBe(422);
    expect(order.body).toContain('The second check-in must be more days after the enquiry than the first');
    expect(order.body).toContain('The second reminder must be fewer hours before the session than the first');

    await browser.get('/follow-ups');
    const saved = await browser.post('/follow-ups', {
      nudges: 'yes',
      nudgeDay1: ' 5 ',
      nudgeDay2: '20',
      nudgeDay3: '60',
      sessionReminders: 'yes',
      firstReminderHours: '24',
      secondReminderHours: '3',
      applicationReceived: 'yes',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/follow-ups');
    const after = await browser.get('/follow-ups');
    expect(after.body).toContain('Follow-up email settings saved.');
    expect(after.body).toMatch(/name="nudgeDay1"[^>]*value="5"/);
    expect(after.body).not.toMatch(/name="welcome"[^>]*checked/);
    expect(await loadFollowUpSettings(ctx().deps.db, ctx().agencyId)).toEqual({
      welcome: false,
      nudges: true,
      nudgeDays: [5, 20, 60],
      sessionReminders: true,
      firstReminderHours: 24,
      secondReminderHours: 3,
      afterInitialVisit: false,
      applicationReceived: true,
    });
    const [audit] = await ctx()
      .deps.db.select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, followUpSettingsKey(ctx().agencyId)));
    expect(audit).toMatchObject({ action: 'settings.follow_ups_updated' });
    expect(audit!.changes).toMatchObject({ welcome: { from: true, to: false } });

    await useSettings({});
  });

  it('is for managers and administrators only', async () => {
    const officer = await signedIn('officer');
    expect((await officer.get('/follow-ups')).status).toBe(403);
    expect((await officer.post('/follow-ups', { nudgeDay1: '1' })).status).toBe(403);
  });

  it('falls back to the defaults when the stored value cannot be read', async () => {
    await putSetting(ctx().deps.db, followUpSettingsKey(ctx().agencyId), { nudgeDays: [9, 3, 1] });
    expect(await loadFollowUpSettings(ctx().deps.db, ctx().agencyId)).toEqual(defaultFollowUpSettings);
    await putSetting(ctx().deps.db, followUpSettingsKey(ctx().agencyId), { welcome: false });
    expect(await loadFollowUpSettings(ctx().deps.db, ctx().agencyId)).toEqual({
      ...defaultFollowUpSettings,
      welcome: false,
    });
    await useSettings({});
  });

  it('sends no welcome email to a new enquiry when the welcome is switched off', async () => {
    const on = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    expect((await messagesFor(on.id, 'welcome')).map((m) => m.idempotencyKey)).toEqual([
      `welcome:${on.id}:new`,
    ]);

    await useSettings({ welcome: false });
    const off = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    expect(await messagesFor(off.id)).toEqual([]);
    const viaApi = await api.post('/enquiries', (await import('../factories.ts')).enquiryBody());
    expect(viaApi.status).toBe(201);
    expect(await messagesFor(viaApi.body.id)).toEqual([]);
    await useSettings({});
  });

  it('emails once after the initial visit, and once when the application is received', async () => {
    const household = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      applicants: [{ firstName: 'Ivy', lastName: 'Visited', email: 'ivy@households.example' }],
    });
    const visited = await api.post(`/enquiries/${household.id}/transitions`, { to: 'initial_visit' });
    expect(visited.status, visited.text).toBeLessThan(300);
    const [visitEvent] = await ctx()
      .deps.db.select()
      .from(stageEvents)
      .where(and(eq(stageEvents.enquiryId, household.id), eq(stageEvents.stage, 'initial_visit')));
    const [visitEmail, ...others] = await messagesFor(household.id, 'after_initial_visit');
    expect(others).toEqual([]);
    expect(visitEmail).toMatchObject({
      purpose: 'follow_up',
      toAddress: 'ivy@households.example',
      subject: 'Thank you for meeting us',
      idempotencyKey: `after_initial_visit:${household.id}:${visitEvent!.at.toISOString()}`,
    });
    expect(visitEmail!.bodyText).toContain('Dear Ivy,');
    expect(visitEmail!.bodyText).toContain('the next step is to apply');

    // Any other path that reports the same move writes nothing more: the key is the stage event.
    const enquiry = { id: household.id, createdVia: 'staff' };
    const again = await ctx().deps.db.transaction((tx) =>
      queueStageFollowUp(tx, systemActor(ctx().agencyId), enquiry, 'initial_visit', visitEvent!.at),
    );
    expect(again).toBeUndefined();
    expect(await messagesFor(household.id, 'after_initial_visit')).toHaveLength(1);

    const applied = await api.post(`/enquiries/${household.id}/transitions`, { to: 'application' });
    expect(applied.status, applied.text).toBeLessThan(300);
    const received = await messagesFor(household.id, 'application_received');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ subject: 'We have your application', purpose: 'follow_up' });
    expect(received[0]!.bodyText).toContain('about 4 months');
    expect(received[0]!.bodyText).toContain('Skills to Foster');
    expect(received[0]!.bodyText).toContain('Northshire Fostering');

    // Moving on further sends nothing else.
    await api.post(`/enquiries/${household.id}/transitions`, { to: 'assessment' });
    expect((await messagesFor(household.id)).map((m) => m.trigger).sort()).toEqual([
      'after_initial_visit',
      'application_received',
      'welcome',
    ]);
  });

  it('sends neither stage email when they are switched off', async () => {
    await useSettings({ afterInitialVisit: false, applicationReceived: false });
    const household = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    await api.post(`/enquiries/${household.id}/transitions`, { to: 'initial_visit' });
    await api.post(`/enquiries/${household.id}/transitions`, { to: 'application' });
    expect((await messagesFor(household.id)).map((m) => m.trigger)).toEqual(['welcome']);
    await useSettings({});
  });

  it('queues no nudges when they are switched off, and honours changed days', async () => {
    const weekQuiet = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: daysAgo(8) });
    const fewDaysQuiet = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: daysAgo(4) });

    await useSettings({ nudges: false });
    expect(await queueNudges(ctx().deps)).toBe(0);
    expect(await messagesFor(weekQuiet.id, 'nudge')).toEqual([]);

    // Check-ins at 3, 10 and 20 days: both are past the first step (and the week-old one not yet the second).
    await useSettings({ nudgeDays: [3, 10, 20] });
    await queueNudges(ctx().deps);
    expect((await messagesFor(weekQuiet.id, 'nudge')).map((m) => m.idempotencyKey)).toEqual([
      `nudge:${weekQuiet.id}:day-3`,
    ]);
    expect((await messagesFor(fewDaysQuiet.id, 'nudge')).map((m) => m.idempotencyKey)).toEqual([
      `nudge:${fewDaysQuiet.id}:day-3`,
    ]);

    // With the defaults, four days is not yet quiet enough; the week-old one gets its day-7 check-in.
    await useSettings({});
    const stillNew = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: daysAgo(4) });
    await queueNudges(ctx().deps);
    expect(await messagesFor(stillNew.id, 'nudge')).toEqual([]);
    expect((await messagesFor(weekQuiet.id, 'nudge')).map((m) => m.idempotencyKey).sort()).toEqual([
      `nudge:${weekQuiet.id}:day-3`,
      `nudge:${weekQuiet.id}:day-7`,
    ]);
  });

  it('sends session reminders at the hours the agency chose, or not at all', async () => {
    const created = await api.post('/events', {
      kind: 'information_session',
      title: 'Fostering information evening',
      startsAt: new Date(Date.now() + 60 * HOUR).toISOString(),
      online: false,
      venue: 'Central Library',
    });
    expect(created.status, created.text).toBe(201);
    const household = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    const [booking] = await ctx()
      .deps.db.insert(eventBookings)
      .values({
        agencyId: ctx().agencyId,
        eventId: created.body.id,
        enquiryId: household.id,
        status: 'booked',
        source: 'staff',
        bookedAt: new Date(Date.now() - 5 * 24 * HOUR),
      })
      .returning();
    const mine = async () =>
      (await dueSessionReminders(ctx().deps.db)).filter((r) => r.bookingId === booking!.id);

    // The defaults (48 and 2 hours): 60 hours ahead is not yet due.
    expect(await mine()).toEqual([]);

    await useSettings({ firstReminderHours: 72, secondReminderHours: 12 });
    const due = await mine();
    expect(due.map((r) => r.window)).toEqual(['2d']);
    expect(await queueSessionReminders(ctx().deps, due)).toBe(1);
    expect(await queueSessionReminders(ctx().deps, await mine())).toBe(0);
    const [reminder] = await messagesFor(household.id, 'booking_reminder');
    expect(reminder!.idempotencyKey).toBe(
      `booking:${booking!.id}:reminder:2d:${new Date(created.body.startsAt).toISOString()}`,
    );

    await useSettings({ sessionReminders: false, firstReminderHours: 72, secondReminderHours: 12 });
    expect(await mine()).toEqual([]);
    await useSettings({});
  });
});
