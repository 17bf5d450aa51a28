import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { londonDate, londonDateTime } from '../calendar/dates.ts';
import { parse, parseId } from '../shared/validation.ts';
import { noQuery } from '../web/query.ts';
import { bookHousehold, recordAttendance } from './bookings.service.ts';
import { listEvents } from './events.repo.ts';
import { Attendance, Booking, EventApi, EventListQuery } from './events.schema.ts';
import { createEvent, eventDetail } from './events.service.ts';

/** `/api/v1/events`: create and read events, book households, record attendance (docs/api.md). */
export function eventsApi(deps: AppDeps) {
  const router = Router();
  // As on the pages: comms plan events; only caseworkers book households and keep the register.
  router.use('/events', requireAccess('events'));
  const caseworkersOnly = requireAccess('households');

  router.post('/events', async (req, res) => {
    const actor = actorFrom(req);
    const event = await createEvent(deps.db, actor, parse(EventApi, req.body));
    res.status(201).json(await eventDetail(deps.db, actor, event.id));
  });

  router.get('/events', async (req, res) => {
    const query = parse(EventListQuery, req.query);
    const since = londonDateTime(londonDate(new Date()), '00:00');
    res.json({ items: await listEvents(deps.db, req.user!.agencyId, { ...query, since }) });
  });

  router.get('/events/:id', noQuery, async (req, res) => {
    res.json(await eventDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Event')));
  });

  router.post('/events/:id/bookings', caseworkersOnly, async (req, res) => {
    const { enquiryId } = parse(Booking, req.body);
    const booking = await bookHousehold(
      deps,
      actorFrom(req),
      parseId(req.params.id, 'Event'),
      enquiryId,
      'api',
    );
    res.status(201).json(booking);
  });

  router.post('/events/:id/attendance', caseworkersOnly, async (req, res) => {
    const id = parseId(req.params.id, 'Event');
    const { enquiryId, attended } = parse(Attendance, req.body);
    res.json(await recordAttendance(deps.db, actorFrom(req), id, enquiryId, attended));
  });

  return router;
}
