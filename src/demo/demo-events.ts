import { addDays, dayOfWeek, londonDate, londonDateTime } from '../calendar/dates.ts';
import type { DemoCampaign } from './demo-campaigns.ts';
import type { DemoEvents, DemoPlan } from './plan-types.ts';
import type { Random } from './random.ts';

const DAY = 86_400_000;
const venues = [
  'Northshire County Hall, Martineau Lane',
  'Riverside Library, Castle Street',
  'The Forum, Millennium Plain',
];
const shows = [
  'Spring farmers’ market stall',
  'Supermarket stand, Hall Road',
  'Summer fete, Market Square',
  'Christmas market stall',
];

/**
 * Sessions twice a month (an online weekday evening and an in-person Saturday morning) for the
 * demo's history, three to come and one not yet dated; a community event for each event campaign and a
 * few more; about a third of new households booked onto a session after enquiring, three in four
 * of them coming. Enquiries that came in at an event record it as their source.
 */
export function planDemoEvents(
  random: Random,
  plan: DemoPlan,
  campaigns: DemoCampaign[],
  now: Date,
  /** The first day of the demo's history: sessions run monthly from then. */
  historyStart: Date,
): DemoEvents {
  const agencyId = plan.enquiries[0]?.agencyId ?? '';
  const out: DemoEvents = { events: [], bookings: [] };
  const sessions: { id: string; startsAt: Date; capacity: number }[] = [];
  const first = londonDate(historyStart).slice(0, 8) + '01';
  for (
    let month = first;
    month <= addDays(londonDate(now), 45);
    month = addDays(month, 32).slice(0, 8) + '01'
  ) {
    const online = nthWeekday(month, 2, 1); // second Tuesday
    const inPerson = nthWeekday(month, 6, 3); // third Saturday
    for (const [date, time, isOnline] of [
      [online, '19:00', true],
      [inPerson, '10:30', false],
    ] as const) {
      const startsAt = londonDateTime(date, time);
      if (startsAt.getTime() > now.getTime() + 45 * DAY) continue;
      const id = random.uuid();
      const capacity = isOnline ? 40 : 15;
      sessions.push({ id, startsAt, capacity });
      out.events.push({
        id,
        agencyId,
        kind: 'information_session',
        title: isOnline ? 'Online information evening' : 'Fostering coffee morning',
        startsAt,
        endsAt: new Date(startsAt.getTime() + (isOnline ? 90 : 120) * 60_000),
        online: isOnline,
        venue: isOnline ? null : random.pick(venues),
        joiningLink: isOnline ? 'https://meet.example.gov.uk/fostering-information' : null,
        capacity,
        createdAt: new Date(startsAt.getTime() - 40 * DAY),
        updatedAt: new Date(startsAt.getTime() - 40 * DAY),
      });
    }
  }
  out.events.push({
    id: random.uuid(),
    agencyId,
    kind: 'information_session',
    title: 'Fostering teenagers: evening session',
    startsAt: null,
    candidateDates: [addDays(londonDate(now), 60), addDays(londonDate(now), 67)],
    online: false,
    capacity: 20,
  });

  const community: { id: string; startsAt: Date; campaignCode: string | null }[] = [];
  for (const c of campaigns.filter((c) => c.channel === 'event')) {
    community.push({ id: random.uuid(), startsAt: startOfCampaign(now, c), campaignCode: c.code });
    out.events.push({
      id: community.at(-1)!.id,
      agencyId,
      kind: 'community_event',
      title: c.name,
      startsAt: community.at(-1)!.startsAt,
      online: false,
      venue: 'Showground',
      campaignCode: c.code,
    });
  }
  for (let i = 0; i < 6; i++) {
    const startsAt = londonDateTime(londonDate(new Date(now.getTime() - random.int(20, 700) * DAY)), '10:00');
    community.push({ id: random.uuid(), startsAt, campaignCode: null });
    out.events.push({
      id: community.at(-1)!.id,
      agencyId,
      kind: 'community_event',
      title: random.pick(shows),
      startsAt,
      online: false,
      venue: 'Town centre',
    });
  }

  for (const enquiry of plan.enquiries) {
    const receivedAt = enquiry.receivedAt as Date;
    if (enquiry.channel === 'event') {
      const near = community.filter(
        (e) => e.startsAt <= receivedAt && receivedAt.getTime() - e.startsAt.getTime() < 10 * DAY,
      );
      const source = near.find((e) => e.campaignCode === enquiry.campaignCode) ?? near[0];
      if (source) enquiry.sourceEventId = source.id;
    }
    if (receivedAt < historyStart || !random.chance(0.32)) continue;
    const from = receivedAt.getTime() + random.int(2, 20) * DAY;
    const session = sessions.find((s) => s.startsAt.getTime() > from);
    if (!session || out.bookings.filter((b) => b.eventId === session.id).length >= session.capacity) continue;
    const past = session.startsAt < now;
    out.bookings.push({
      agencyId,
      eventId: session.id,
      enquiryId: enquiry.id!,
      status: 'booked',
      source: enquiry.channel === 'web_form' ? 'public' : 'staff',
      bookedAt: new Date(Math.min(from, now.getTime() - DAY)),
      attended: past ? random.chance(0.75) : null,
      attendanceRecordedAt: past ? new Date(session.startsAt.getTime() + DAY) : null,
    });
  }
  return out;
}

/** The date of the `n`th given weekday (0 Sunday … 6 Saturday) of the month starting `monthStart`. */
function nthWeekday(monthStart: string, weekday: number, n: number) {
  const offset = (weekday - dayOfWeek(monthStart) + 7) % 7;
  return addDays(monthStart, offset + (n - 1) * 7);
}

const startOfCampaign = (now: Date, c: DemoCampaign) =>
  londonDateTime(londonDate(new Date(now.getTime() - c.startsDaysAgo * DAY)), '10:00');
