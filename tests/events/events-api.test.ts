import { and, eq, ne } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventBookings } from '../../src/events/events.table.ts';
import { remindDueSessions } from '../../src/follow-ups/follow-ups.service.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';
import { waitFor } from '../helpers/wait.ts';

const HOUR = 3600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

describe('events, bookings and attendance through the API', () => {
  const ctx = useTestContext();
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, officer.id));
  });

  const household = async () => (await makeEnquiry(ctx().deps.db, ctx().agencyId)).id;
  const session = async (overrides: Record<string, unknown> = {}) => {
    const res = await api.post('/events', {
      kind: 'information_session',
      title: 'Fostering information evening',
      startsAt: inHours(24 * 7),
      online: false,
      venue: 'Central Library',
      ...overrides,
    });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; startsAt: string | null; capacity: number | null };
  };
  const book = (eventId: string, enquiryId: string) => api.post(`/events/${eventId}/bookings`, { enquiryId });
  const statusOf = async (eventId: string) =>
    (await ctx().deps.db.select().from(eventBookings).where(eq(eventBookings.eventId, eventId))).map(
      (b) => b.status,
    );

  it("counts each event's own bookings in the list (not another table's ids)", async () => {
    const event = await session({ capacity: 1 });
    await book(event.id, await household());
    await book(event.id, await household());
    const list = await api.get('/events');
    expect(list.body.items.find((e: { id: string }) => e.id === event.id)).toMatchObject({
      booked: 1,
      waitlisted: 1,
      attended: 0,
    });
  });

  it('creates an event in the contract shape, and a "to be confirmed" one without a date', async () => {
    const res = await api.post('/events', {
      kind: 'community_event',
      title: 'County show stand',
      startsAt: '2026-06-20T09:00:00Z',
      endsAt: '2026-06-20T16:00:00Z',
      online: false,
      venue: 'Showground',
      campaignCode: 'summer26',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'community_event', campaignCode: 'SUMMER26', online: false });
    expect(new Date(res.body.startsAt).toISOString()).toBe('2026-06-20T09:00:00.000Z');

    const tbc = await api.post('/events', {
      kind: 'information_session',
      title: 'Autumn session',
      online: true,
      candidateDates: ['2026-10-08', '2026-10-01'],
    });
    expect(tbc.status).toBe(201);
    expect(tbc.body).toMatchObject({ startsAt: null, candidateDates: ['2026-10-01', '2026-10-08'] });
    const upcoming = await api.get('/events');
    expect(upcoming.body.items.map((e: { id: string }) => e.id)).toContain(tbc.body.id);
  });

  it('answers 422 with a message per bad field', async () => {
    const res = await api.post('/events', {
      kind: 'party',
      title: '',
      startsAt: '2026-06-20T19:00:00Z',
      endsAt: '2026-06-20T18:00:00Z',
      capacity: 0,
      joiningLink: 'javascript:alert(1)',
      extra: true,
    });
    expect(res.status).toBe(422);
    const paths = (res.body.error.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['capacity', 'extra', 'joiningLink', 'kind', 'title']));
    const ends = await api.post('/events', {
      kind: 'information_session',
      title: 'Backwards',
      startsAt: '2026-06-20T19:00:00Z',
      endsAt: '2026-06-20T18:00:00Z',
    });
    expect(ends.status).toBe(422);
    expect(ends.body.error.issues).toEqual([
      { path: 'endsAt', message: 'End time must be after the start time' },
    ]);
  });

  it('fills places up to capacity, then puts households on the waiting list', async () => {
    const event = await session({ capacity: 2 });
    const [a, b, c] = [await household(), await household(), await household()];
    expect((await book(event.id, a)).body.status).toBe('booked');
    expect((await book(event.id, b)).body.status).toBe('booked');
    expect((await book(event.id, c)).body.status).toBe('waitlisted');
    const again = await book(event.id, a);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already has a place/);
  });

  it('never gives out more places than there are, however many officers book at once', async () => {
    const event = await session({ capacity: 3 });
    const households = await Promise.all(Array.from({ length: 10 }, household));
    const results = await Promise.all(households.map((id) => book(event.id, id)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const statuses = await statusOf(event.id);
    expect(statuses.filter((s) => s === 'booked')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(7);
  });

  it('promotes the longest-waiting household when a place is cancelled or capacity grows', async () => {
    const event = await session({ capacity: 1 });
    const [first, second, third] = [await household(), await household(), await household()];
    const firstBooking = (await book(event.id, first)).body;
    await book(event.id, second);
    await book(event.id, third);

    const { cancelBooking } = await import('../../src/events/bookings.service.ts');
    const { systemActor } = await import('../../src/shared/actor.ts');
    await cancelBooking(ctx().deps, systemActor(ctx().agencyId, 'test'), firstBooking.id);
    const rows = await ctx().deps.db.select().from(eventBookings).where(eq(eventBookings.eventId, event.id));
    const byEnquiry = Object.fromEntries(rows.map((r) => [r.enquiryId, r.status]));
    expect(byEnquiry).toEqual({ [first]: 'cancelled', [second]: 'booked', [third]: 'waitlisted' });

    const promoted = await ctx()
      .deps.db.select()
      .from(messages)
      .where(and(eq(messages.enquiryId, second), ne(messages.trigger, 'welcome')));
    expect(promoted.map((m) => m.trigger).sort()).toEqual(['booking_promoted', 'booking_waitlisted']);
  });

  it('records attendance only once an event has started, counting walk-ins and not double counting', async () => {
    const future = await session();
    const h = await household();
    await book(future.id, h);
    const early = await api.post(`/events/${future.id}/attendance`, { enquiryId: h, attended: true });
    expect(early.status).toBe(409);

    const past = await session({ startsAt: inHours(-3), capacity: 1 });
    const [booked, walkIn, noShow] = [await household(), await household(), await household()];
    // Booked before the event (the API refuses bookings for a past event, so insert as it would have been).
    await ctx()
      .deps.db.insert(eventBookings)
      .values([
        { agencyId: ctx().agencyId, eventId: past.id, enquiryId: booked, status: 'booked', source: 'staff' },
        {
          agencyId: ctx().agencyId,
          eventId: past.id,
          enquiryId: noShow,
          status: 'waitlisted',
          source: 'staff',
        },
      ]);
    const mark = (enquiryId: string, attended: boolean) =>
      api.post(`/events/${past.id}/attendance`, { enquiryId, attended });
    expect((await mark(booked, true)).status).toBe(200);
    expect((await mark(booked, true)).status).toBe(200); // marking twice is still one household
    const walked = await mark(walkIn, true);
    expect(walked.body).toMatchObject({ status: 'booked', attended: true });
    expect((await mark(noShow, false)).body).toMatchObject({ status: 'waitlisted', attended: false });
    expect((await api.post(`/events/${past.id}/attendance`, { enquiryId: h, attended: 'yes' })).status).toBe(
      422,
    );

    const detail = await api.get(`/events/${past.id}`);
    const attended = (detail.body.bookings as { attended: boolean | null }[]).filter((b) => b.attended);
    expect(attended).toHaveLength(2);
    expect(await book(past.id, await household())).toMatchObject({ status: 409 });
  });

  it('takes bookings for a "to be confirmed" session but no attendance until it has a date', async () => {
    const tbc = await session({ startsAt: null, candidateDates: ['2027-01-14'] });
    const h = await household();
    expect((await book(tbc.id, h)).body.status).toBe('booked');
    const res = await api.post(`/events/${tbc.id}/attendance`, { enquiryId: h, attended: true });
    expect(res.status).toBe(409);
  });

  it('sends a booking confirmation through the outbox exactly once, and reminders once per sweep window', async () => {
    const event = await session({ startsAt: inHours(30) });
    const h = await household();
    // Booked well before the two-day reminder was due.
    await ctx()
      .deps.db.insert(eventBookings)
      .values({
        agencyId: ctx().agencyId,
        eventId: event.id,
        enquiryId: h,
        status: 'booked',
        source: 'staff',
        bookedAt: new Date(Date.now() - 5 * 24 * HOUR),
      });
    const worker = ctx().startWorker();
    await remindDueSessions(ctx().deps);
    await remindDueSessions(ctx().deps);
    const sent = await waitFor(async () => {
      const rows = await ctx()
        .deps.db.select()
        .from(messages)
        .where(and(eq(messages.enquiryId, h), ne(messages.trigger, 'welcome')));
      return rows.length > 0 && rows.every((m) => m.status === 'sent') ? rows : null;
    });
    expect(sent.map((m) => m.trigger)).toEqual(['booking_reminder']);
    expect(sent[0]!.subject).toMatch(/^Reminder: Fostering information evening/);
    expect(sent[0]!.providerMessageId).toBe('kept'); // no SMTP_URL in tests: kept, not sent anywhere

    const booked = await household();
    await book(event.id, booked);
    const confirmation = await waitFor(async () => {
      const [row] = await ctx()
        .deps.db.select()
        .from(messages)
        .where(and(eq(messages.enquiryId, booked), ne(messages.trigger, 'welcome')));
      return row?.status === 'sent' ? row : null;
    });
    expect(confirmation).toMatchObject({ trigger: 'booking_booked', attempts: 1, purpose: 'service' });
    await worker.close();
  });

  it('records the community event an enquiry came from, and its campaign', async () => {
    const stand = await session({
      kind: 'community_event',
      title: 'Supermarket stand',
      startsAt: inHours(-48),
      campaignCode: 'STAND26',
    });
    const { enquiryBody } = await import('../factories.ts');
    const res = await api.post('/enquiries', { ...enquiryBody(), channel: 'event', sourceEventId: stand.id });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ sourceEventId: stand.id, campaignCode: 'STAND26' });
    const own = await api.post('/enquiries', {
      ...enquiryBody(),
      sourceEventId: stand.id,
      campaignCode: 'radio',
    });
    expect(own.body.campaignCode).toBe('RADIO');
    const unknown = await api.post('/enquiries', { ...enquiryBody(), sourceEventId: crypto.randomUUID() });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues).toEqual([
      { path: 'sourceEventId', message: 'Select the event from the list' },
    ]);
  });

  it('books households for caseworkers only: comms plan events as on the pages; other services get nothing', async () => {
    const comms = await makeUser(ctx().deps.db, ctx().agencyId, 'comms');
    const commsApi = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, comms.id));
    // Issue 12 §8: comms used to get 403 here while the events pages were theirs.
    expect((await commsApi.get('/events')).status).toBe(200);
    const event = await session();
    expect((await commsApi.get(`/events/${event.id}`)).body.bookings).toEqual([]);
    expect(
      (await commsApi.post(`/events/${event.id}/bookings`, { enquiryId: await household() })).status,
    ).toBe(403);
    const { insertAgency } = await import('../../src/agencies/agencies.repo.ts');
    const other = await insertAgency(ctx().deps.db, { name: 'Elsewhere', slug: 'elsewhere' });
    const stranger = await makeUser(ctx().deps.db, other.id, 'officer');
    const otherApi = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, other.id, stranger.id));
    expect((await otherApi.get(`/events/${event.id}`)).status).toBe(404);
    expect(
      (await otherApi.post(`/events/${event.id}/bookings`, { enquiryId: await household() })).status,
    ).toBe(404);
  });
});
