import { Router, type Request } from 'express';
import { z } from 'zod';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { listForActor } from '../enquiries/enquiry-list.service.ts';
import { stageLabels } from '../pipeline/stages.ts';
import { londonDate, londonDateTime } from '../calendar/dates.ts';
import { optionalText } from '../shared/fields.ts';
import { plural } from '../shared/format.ts';
import { dateFromParts } from '../web/form-input.ts';
import { formView } from '../web/http.ts';
import { parse, parseId, parsePageQuery } from '../shared/validation.ts';
import { activeUsers } from '../users/users.service.ts';
import { addHouseholdToEvent, bookHousehold, cancelBooking, recordRegister } from './bookings.service.ts';
import { calendarMonth } from './month-grid.ts';
import { eventsBetween, findBookingById, listEvents } from './events.repo.ts';
import { Booking, CalendarQuery, EventForm, EventListQuery } from './events.schema.ts';
import { cancelEvent, createEvent, editEvent, eventDetail } from './events.service.ts';
import { bookingStatusLabels, eventKindLabels, eventToForm } from './event-labels.ts';
import { can } from '../shared/access.ts';

const BookSearch = z.object({ q: optionalText('a name or postcode', 100) });

/** A local path to return to after a booking change; anything else goes to the event. */
const safeReturn = (value: unknown, fallback: string) =>
  typeof value === 'string' && /^\/[a-z0-9/-]*$/i.test(value) ? value : fallback;

/**
 * Staff pages for information sessions and community events: list, calendar, create and edit,
 * book households, and the register of who came. Comms staff can plan events; only caseworkers
 * see who is booked.
 */
export function eventsRouter(deps: AppDeps) {
  const router = Router();
  const caseworkersOnly = requireAccess('households');
  router.use('/events', requireAccess('events'));

  const formLocals = async (req: Request) => ({
    staff: (await activeUsers(deps.db, req.user!.agencyId)).filter((u) => u.role !== 'admin'),
    eventKindLabels,
  });
  const formInput = (body: Record<string, unknown>) => ({ ...body, date: dateFromParts(body.date) });

  router.get('/events', async (req, res) => {
    const query = parsePageQuery(EventListQuery, req.query);
    const since = londonDateTime(londonDate(new Date()), '00:00');
    res.render('events/list.njk', {
      query,
      events: await listEvents(deps.db, req.user!.agencyId, { ...query, since }),
      eventKindLabels,
    });
  });

  router.get('/events/calendar', async (req, res) => {
    const { month } = parsePageQuery(CalendarQuery, req.query);
    const grid = calendarMonth(month ?? londonDate(new Date()).slice(0, 7));
    const found = await eventsBetween(deps.db, req.user!.agencyId, grid.from, grid.to);
    res.render('events/calendar.njk', { ...grid.withEvents(found), eventKindLabels });
  });

  router.get('/events/new', async (req, res) => {
    res.render('events/form.njk', {
      ...(await formLocals(req)),
      values: { kind: 'information_session', online: 'no' },
    });
  });

  router.post('/events', formView('events/form.njk', formLocals), async (req, res) => {
    const input = parse(EventForm, formInput(req.body as Record<string, unknown>));
    const event = await createEvent(deps.db, actorFrom(req), input);
    await setFlash(deps.db, req.sessionToken!, { success: `${event.title} added.` });
    res.redirect(303, `/events/${event.id}`);
  });

  const detailLocals = async (req: Request) => {
    const event = await eventDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Event'));
    const now = new Date();
    return {
      event,
      eventKindLabels,
      bookingStatusLabels,
      stageLabels,
      canSeeHouseholds: can(req.user!.role, 'households'),
      started: !!event.startsAt && event.startsAt <= now,
      bookable: !event.cancelledAt && (!event.startsAt || event.startsAt > now),
      counts: event.counts,
    };
  };

  router.get('/events/:id', async (req, res) => {
    res.render('events/show.njk', await detailLocals(req));
  });

  const editLocals = async (req: Request) => ({
    ...(await formLocals(req)),
    event: await eventDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Event')),
  });

  router.get('/events/:id/edit', async (req, res) => {
    const locals = await editLocals(req);
    res.render('events/form.njk', { ...locals, values: eventToForm(locals.event) });
  });

  router.post('/events/:id', formView('events/form.njk', editLocals), async (req, res) => {
    const id = parseId(req.params.id, 'Event');
    await editEvent(
      deps,
      actorFrom(req),
      id,
      parse(EventForm, formInput(req.body as Record<string, unknown>)),
    );
    await setFlash(deps.db, req.sessionToken!, { success: 'Event updated.' });
    res.redirect(303, `/events/${id}`);
  });

  router.get('/events/:id/cancel', async (req, res) => {
    res.render('events/cancel.njk', await detailLocals(req));
  });

  router.post('/events/:id/cancel', async (req, res) => {
    const id = parseId(req.params.id, 'Event');
    const written = await cancelEvent(deps, actorFrom(req), id);
    // Say what really happened: how many emails, and whether they leave (no SMTP_URL: kept in the app).
    const emails =
      written === 0
        ? 'Nobody booked had an email address to write to.'
        : `${plural(written, 'email')} written to the people booked: ${deps.config.SMTP_URL ? 'they are being sent' : 'kept in Outgoing mail, not sent, as no mail server is set up'}.`;
    await setFlash(deps.db, req.sessionToken!, { success: `Event cancelled. ${emails}` });
    res.redirect(303, `/events/${id}`);
  });

  // ---- Households: booking and the register (caseworkers only) ----

  const bookLocals = async (req: Request) => {
    const { q } = parsePageQuery(BookSearch, req.query);
    const actor = actorFrom(req);
    return {
      ...(await detailLocals(req)),
      q,
      results: q ? (await listForActor(deps.db, actor, { q, limit: 20 } as never)).items : [],
    };
  };

  router.get('/events/:id/book', caseworkersOnly, async (req, res) => {
    res.render('events/book.njk', await bookLocals(req));
  });

  router.post(
    '/events/:id/bookings',
    caseworkersOnly,
    formView('events/book.njk', bookLocals),
    async (req, res) => {
      const id = parseId(req.params.id, 'Event');
      const { enquiryId } = parse(Booking, { enquiryId: (req.body as Record<string, unknown>).enquiryId });
      const added = await addHouseholdToEvent(deps, actorFrom(req), id, enquiryId);
      await setFlash(deps.db, req.sessionToken!, {
        success:
          added.kind === 'attended'
            ? 'Recorded as having come.'
            : added.booking.status === 'booked'
              ? 'Place booked.'
              : 'The event is full: added to the waiting list.',
      });
      res.redirect(303, safeReturn((req.body as Record<string, unknown>).returnTo, `/events/${id}`));
    },
  );

  router.post('/enquiries/:id/sessions', caseworkersOnly, async (req, res) => {
    const enquiryId = parseId(req.params.id, 'Enquiry');
    const { sessionId } = parse(z.object({ sessionId: z.uuid({ error: 'Choose a session' }) }), req.body);
    const booking = await bookHousehold(deps, actorFrom(req), sessionId, enquiryId, 'staff');
    await setFlash(deps.db, req.sessionToken!, {
      success:
        booking.status === 'booked' ? 'Place booked.' : 'The session is full: added to the waiting list.',
    });
    res.redirect(303, `/enquiries/${enquiryId}#sessions`);
  });

  router.post('/bookings/:id/cancel', caseworkersOnly, async (req, res) => {
    const id = parseId(req.params.id, 'Booking');
    const booking = await findBookingById(deps.db, req.user!.agencyId, id);
    await cancelBooking(deps, actorFrom(req), id);
    await setFlash(deps.db, req.sessionToken!, { success: 'Booking cancelled.' });
    res.redirect(
      303,
      safeReturn(
        (req.body as Record<string, unknown>).returnTo,
        booking ? `/events/${booking.eventId}` : '/events',
      ),
    );
  });

  router.get('/events/:id/register', caseworkersOnly, async (req, res) => {
    res.render('events/register.njk', await detailLocals(req));
  });

  router.post('/events/:id/register', caseworkersOnly, async (req, res) => {
    const id = parseId(req.params.id, 'Event');
    const marks = parse(
      z.record(z.uuid(), z.enum(['yes', 'no', ''])),
      (req.body as Record<string, unknown>).attended ?? {},
    );
    const given = Object.entries(marks)
      .filter(([, v]) => v !== '')
      .map(([enquiryId, v]) => ({ enquiryId, attended: v === 'yes' }));
    await recordRegister(deps.db, actorFrom(req), id, given);
    await setFlash(deps.db, req.sessionToken!, { success: 'Attendance saved.' });
    res.redirect(303, `/events/${id}`);
  });

  return router;
}
