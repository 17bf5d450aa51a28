import { eq } from 'drizzle-orm';
import { eventBookings, eventStaff, events } from '../events/events.table.ts';
import { panelCases, panels } from '../panels/panels.table.ts';
import { visits } from '../visits/visits.table.ts';
import type { eventPanelDatasets } from './export-dictionary-events-panels.ts';
import type { Selections } from './export-selection.ts';

/** The selections of export-dictionary-events-panels.ts, one per dataset. */
export const eventPanelSelections: Selections<(typeof eventPanelDatasets)[number]['name']> = {
  events: {
    from: events,
    agency: events.agencyId,
    fields: {
      id: events.id,
      kind: events.kind,
      title: events.title,
      starts_at: events.startsAt,
      ends_at: events.endsAt,
      candidate_dates: events.candidateDates,
      online: events.online,
      venue: events.venue,
      joining_link: events.joiningLink,
      capacity: events.capacity,
      campaign_code: events.campaignCode,
      description: events.description,
      cancelled_at: events.cancelledAt,
      created_at: events.createdAt,
      updated_at: events.updatedAt,
    },
  },
  'event-staff': {
    from: eventStaff,
    join: [events, eq(events.id, eventStaff.eventId)],
    agency: events.agencyId,
    key: ['event_id', 'user_id'],
    fields: { event_id: eventStaff.eventId, user_id: eventStaff.userId },
  },
  bookings: {
    from: eventBookings,
    agency: eventBookings.agencyId,
    fields: {
      id: eventBookings.id,
      event_id: eventBookings.eventId,
      enquiry_id: eventBookings.enquiryId,
      status: eventBookings.status,
      attended: eventBookings.attended,
      booked_at: eventBookings.bookedAt,
      attendance_recorded_at: eventBookings.attendanceRecordedAt,
      source: eventBookings.source,
    },
  },
  visits: {
    from: visits,
    agency: visits.agencyId,
    fields: {
      id: visits.id,
      enquiry_id: visits.enquiryId,
      scheduled_for: visits.scheduledFor,
      officer_id: visits.officerId,
      status: visits.status,
      created_at: visits.createdAt,
    },
  },
  panels: {
    from: panels,
    agency: panels.agencyId,
    fields: {
      id: panels.id,
      meets_on: panels.meetsOn,
      chair: panels.chair,
      capacity: panels.capacity,
      notes: panels.notes,
      created_at: panels.createdAt,
    },
  },
  'panel-cases': {
    from: panelCases,
    agency: panelCases.agencyId,
    fields: {
      id: panelCases.id,
      panel_id: panelCases.panelId,
      enquiry_id: panelCases.enquiryId,
      papers_sent_on: panelCases.papersSentOn,
      recommendation: panelCases.recommendation,
      minutes_received_on: panelCases.minutesReceivedOn,
      decision: panelCases.decision,
      decided_on: panelCases.decidedOn,
      withdrawn_at: panelCases.withdrawnAt,
      created_at: panelCases.createdAt,
    },
  },
};
