import { and, eq, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { eventBookings, events } from '../../src/events/events.table.ts';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';
import { dateFields } from '../helpers/forms.ts';

describe('event pages for staff', () => {
  const ctx = useTestContext();

  async function signedIn(role: 'officer' | 'manager' | 'comms' = 'officer') {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    return { browser, user };
  }

  const nextWeek = addDays(londonToday(), 7);
  const sessionForm = (overrides: Record<string, string | string[]> = {}) => ({
    kind: 'information_session',
    title: 'Information evening',
    ...dateFields('date', nextWeek),
    startTime: '7pm',
    endTime: '8:30pm',
    online: 'no',
    venue: 'Town Hall',
    capacity: '12',
    ...overrides,
  });

  it('adds a session from the form, in London time, and lists it as upcoming and on the calendar', async () => {
    const { browser, user } = await signedIn();
    await browser.get('/events/new');
    const res = await browser.post('/events', sessionForm({ staffIds: user.id }));
    expect(res.status).toBe(303);
    const page = await browser.get(res.location!);
    expect(page.body).toContain('Information evening added.');
    const id = res.location!.split('/').pop()!;
    const [row] = await ctx().deps.db.select().from(events).where(eq(events.id, id));
    // 7pm London on that date, whatever the season.
    expect(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        hour: 'numeric',
        hourCycle: 'h23',
      }).format(row!.startsAt!),
    ).toBe('19');
    expect(row).toMatchObject({ capacity: 12, venue: 'Town Hall', online: false });
    expect((await browser.get('/events')).body).toContain(`/events/${id}`);
    expect((await browser.get(`/events/calendar?month=${nextWeek.slice(0, 7)}`)).body).toContain(
      `/events/${id}`,
    );
    expect((await browser.get('/events?when=past')).body).not.toContain(`/events/${id}`);
  });

  it('keeps everything typed when the form has errors, with a message per field', async () => {
    const { browser } = await signedIn();
    await browser.get('/events/new');
    const res = await browser.post(
      '/events',
      sessionForm({
        title: 'Keep this title',
        startTime: 'teatime',
        capacity: 'lots',
        'date[day]': '31',
        'date[month]': '2',
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body).toContain('Enter a start time like 7pm or 19:00');
    expect(res.body).toContain('Places must be a number, like 30');
    expect(res.body).toContain('Date must be a real date');
    expect(res.body).toContain('value="Keep this title"');
    expect(res.body).toContain('value="teatime"');
    expect(res.body).toContain('value="Town Hall"');
  });

  it('saves a "to be confirmed" event with the dates being considered', async () => {
    const { browser } = await signedIn();
    await browser.get('/events/new');
    const res = await browser.post('/events', {
      ...sessionForm({ tbc: 'yes', candidateDates: '2027-02-04\n2027-02-11', startTime: '' }),
      'date[day]': '',
      'date[month]': '',
      'date[year]': '',
    });
    expect(res.status).toBe(303);
    const page = await browser.get(res.location!);
    expect(page.body).toContain('To be confirmed. Dates being considered: 2027-02-04, 2027-02-11');
  });

  it('books a household from its page and from the event, then takes the register after the event', async () => {
    const { browser } = await signedIn();
    await browser.get('/events/new');
    const created = await browser.post('/events', sessionForm({ capacity: '1' }));
    const eventId = created.location!.split('/').pop()!;
    const first = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      applicants: [{ firstName: 'Bea', lastName: 'Bookable', email: 'bea@example.com' }],
    });
    const second = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      household: { postcode: 'IP1 1AA' },
      applicants: [{ firstName: 'Wyn', lastName: 'Waiting', phone: '07700 900555' }],
    });

    const household = await browser.get(`/enquiries/${first.id}`);
    expect(household.body).toContain('Book onto a session');
    const booked = await browser.post(`/enquiries/${first.id}/sessions`, { sessionId: eventId });
    expect(booked.location).toBe(`/enquiries/${first.id}#sessions`);
    const afterBooking = (await browser.get(`/enquiries/${first.id}`)).body;
    expect(afterBooking).toContain('Place booked.');
    // The confirmation email is on the household's timeline.
    expect(afterBooking).toContain('Email: Your place: Information evening');

    const search = await browser.get(`/events/${eventId}/book?q=IP1`);
    expect(search.body).toContain('Wyn Waiting');
    const waiting = await browser.post(`/events/${eventId}/bookings`, { enquiryId: second.id });
    expect(waiting.status).toBe(303);
    const eventPage = await browser.get(`/events/${eventId}`);
    expect(eventPage.body).toContain('The event is full: added to the waiting list.');
    expect(eventPage.body).toContain('1 booked of 1, 1 waiting');

    // The evening comes: move it into the past and take the register.
    await ctx()
      .deps.db.update(events)
      .set({ startsAt: new Date(Date.now() - 3600_000), endsAt: null })
      .where(eq(events.id, eventId));
    const register = await browser.get(`/events/${eventId}/register`);
    expect(register.body).toContain('Bea Bookable');
    expect(register.body).toContain('Wyn Waiting (waiting list)');
    const saved = await browser.post(`/events/${eventId}/register`, {
      [`attended[${first.id}]`]: 'no',
      [`attended[${second.id}]`]: 'yes',
    });
    expect(saved.status).toBe(303);
    const rows = await ctx().deps.db.select().from(eventBookings).where(eq(eventBookings.eventId, eventId));
    expect(Object.fromEntries(rows.map((r) => [r.enquiryId, [r.status, r.attended]]))).toEqual({
      [first.id]: ['booked', false],
      [second.id]: ['booked', true],
    });
    expect((await browser.get(`/events/${eventId}`)).body).toContain('1 households');
  });

  it('lets comms staff plan events but not see who is booked', async () => {
    const { browser } = await signedIn('comms');
    await browser.get('/events/new');
    const created = await browser.post(
      '/events',
      sessionForm({ kind: 'community_event', title: 'Market stall' }),
    );
    expect(created.status).toBe(303);
    const id = created.location!.split('/').pop()!;
    const h = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    await ctx()
      .deps.db.insert(eventBookings)
      .values({ agencyId: ctx().agencyId, eventId: id, enquiryId: h.id, status: 'booked', source: 'staff' });
    const page = await browser.get(`/events/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(`/enquiries/${h.id}`);
    expect((await browser.get(`/events/${id}/book`)).status).toBe(403);
    expect((await browser.get(`/events/${id}/register`)).status).toBe(403);
  });

  it('cancels an event and writes to everyone booked', async () => {
    const { browser } = await signedIn('manager');
    await browser.get('/events/new');
    const created = await browser.post('/events', sessionForm());
    const id = created.location!.split('/').pop()!;
    const h = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    await browser.post(`/events/${id}/bookings`, { enquiryId: h.id });
    expect((await browser.get(`/events/${id}/cancel`)).body).toContain('We will email the 1 households');
    await browser.post(`/events/${id}/cancel`, {});
    const page = await browser.get(`/events/${id}`);
    expect(page.body).toContain('Cancelled');
    const { messages } = await import('../../src/messages/messages.table.ts');
    const sent = await ctx()
      .deps.db.select()
      .from(messages)
      .where(and(eq(messages.enquiryId, h.id), ne(messages.trigger, 'welcome')));
    expect(sent.map((m) => m.trigger).sort()).toEqual(['booking_booked', 'event_cancelled']);
  });
});

describe('outgoing mail', () => {
  const ctx = useTestContext();

  it('shows managers and admins the emails written, kept when no mail server is set; not officers', async () => {
    const { createEvent } = await import('../../src/events/events.service.ts');
    const { bookHousehold } = await import('../../src/events/bookings.service.ts');
    const { systemActor } = await import('../../src/shared/actor.ts');
    const actor = systemActor(ctx().agencyId, 'test');
    const event = await createEvent(ctx().deps.db, actor, {
      kind: 'information_session',
      title: 'Mail check evening',
      startsAt: new Date(Date.now() + 86_400_000 * 3),
      endsAt: null,
      candidateDates: [],
      online: false,
      venue: 'Hall',
      joiningLink: null,
      capacity: null,
      campaignCode: null,
      description: null,
      staffIds: [],
    });
    const h = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      applicants: [{ firstName: 'Mae', lastName: 'Mailed', email: 'mae@example.com' }],
    });
    await bookHousehold(ctx().deps, actor, event.id, h.id, 'staff');
    const worker = ctx().startWorker();

    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(manager.email, manager.password);
    const { waitFor } = await import('../helpers/wait.ts');
    const list = await waitFor(async () => {
      const page = await browser.get('/admin/messages');
      return page.body.includes('Kept (not sent)') ? page : null;
    });
    expect(list.body).toContain('mae@example.com');
    expect(list.body).toContain('No mail server is set up');
    const id = /href="\/admin\/messages\/([0-9a-f-]{36})"/.exec(list.body)![1]!;
    const one = await browser.get(`/admin/messages/${id}`);
    expect(one.body).toContain('Dear Mae,');
    await worker.close();

    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const officerBrowser = new Browser(ctx().baseUrl);
    await officerBrowser.signIn(officer.email, officer.password);
    expect((await officerBrowser.get('/admin/messages')).status).toBe(403);
  });
});
