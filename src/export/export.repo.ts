import { and, asc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { auditEvents } from '../audit/audit.table.ts';
import { campaignCosts, campaignUpdates, campaigns } from '../campaigns/campaigns.table.ts';
import type { Db } from '../db/client.ts';
import { contactAttempts, notes } from '../enquiries/activity.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { eventBookings, eventStaff, events } from '../events/events.table.ts';
import { households, people } from '../households/households.table.ts';
import { messages } from '../messages/messages.table.ts';
import { panelCases, panels } from '../panels/panels.table.ts';
import { stageEvents } from '../pipeline/stage-events.table.ts';
import { consents } from '../privacy/consents.table.ts';
import { users } from '../users/users.table.ts';
import { visits } from '../visits/visits.table.ts';
import type { ColumnOf, DatasetName } from './export-dictionary.ts';

interface Selection<N extends DatasetName> {
  /** Exactly the dictionary's columns (export-dictionary.ts), each from its table. */
  fields: Record<ColumnOf<N>, PgColumn>;
  from: PgTable;
  /** For tables without an agency of their own: the parent that has one. */
  join?: [PgTable, SQL];
  agency: AnyColumn;
  /** The unique, ordered key the batches walk (keyset pagination); `id` unless given. */
  key?: ColumnOf<N>[];
}

const selections: { [N in DatasetName]: Selection<N> } = {
  households: {
    from: households,
    agency: households.agencyId,
    fields: {
      id: households.id,
      address_line1: households.addressLine1,
      address_line2: households.addressLine2,
      town: households.town,
      postcode: households.postcode,
      in_area: households.inArea,
      preferences: households.preferences,
      created_at: households.createdAt,
      updated_at: households.updatedAt,
    },
  },
  people: {
    from: people,
    agency: people.agencyId,
    fields: {
      id: people.id,
      household_id: people.householdId,
      kind: people.kind,
      position: people.position,
      first_name: people.firstName,
      last_name: people.lastName,
      email: people.email,
      phone: people.phone,
      date_of_birth: people.dateOfBirth,
      relationship: people.relationship,
      email_opt_out_at: people.emailOptOutAt,
      created_at: people.createdAt,
      updated_at: people.updatedAt,
    },
  },
  enquiries: {
    from: enquiries,
    agency: enquiries.agencyId,
    fields: {
      id: enquiries.id,
      household_id: enquiries.householdId,
      received_at: enquiries.receivedAt,
      channel: enquiries.channel,
      route: enquiries.route,
      campaign_code: enquiries.campaignCode,
      heard_about: enquiries.heardAbout,
      source_event_id: enquiries.sourceEventId,
      assigned_officer_id: enquiries.assignedOfficerId,
      stage: enquiries.stage,
      stage_since: enquiries.stageSince,
      first_contact_due_at: enquiries.firstContactDueAt,
      first_contacted_at: enquiries.firstContactedAt,
      possible_duplicates: enquiries.possibleDuplicates,
      created_via: enquiries.createdVia,
      created_by: enquiries.createdBy,
      created_at: enquiries.createdAt,
      updated_at: enquiries.updatedAt,
    },
  },
  'stage-events': {
    from: stageEvents,
    agency: stageEvents.agencyId,
    fields: {
      id: stageEvents.id,
      enquiry_id: stageEvents.enquiryId,
      from_stage: stageEvents.fromStage,
      stage: stageEvents.stage,
      at: stageEvents.at,
      reason: stageEvents.reason,
      note: stageEvents.note,
      recorded_by: stageEvents.recordedBy,
      recorded_by_label: stageEvents.recordedByLabel,
      recorded_at: stageEvents.recordedAt,
    },
  },
  'contact-attempts': {
    from: contactAttempts,
    agency: contactAttempts.agencyId,
    fields: {
      id: contactAttempts.id,
      enquiry_id: contactAttempts.enquiryId,
      at: contactAttempts.at,
      method: contactAttempts.method,
      outcome: contactAttempts.outcome,
      note: contactAttempts.note,
      recorded_by: contactAttempts.recordedBy,
      recorded_at: contactAttempts.recordedAt,
    },
  },
  notes: {
    from: notes,
    agency: notes.agencyId,
    fields: {
      id: notes.id,
      enquiry_id: notes.enquiryId,
      body: notes.body,
      author_id: notes.authorId,
      author_label: notes.authorLabel,
      created_at: notes.createdAt,
    },
  },
  consents: {
    from: consents,
    agency: consents.agencyId,
    fields: {
      id: consents.id,
      person_id: consents.personId,
      channel: consents.channel,
      granted: consents.granted,
      wording: consents.wording,
      source: consents.source,
      recorded_at: consents.recordedAt,
      recorded_by: consents.recordedBy,
    },
  },
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
  campaigns: {
    from: campaigns,
    agency: campaigns.agencyId,
    fields: {
      id: campaigns.id,
      code: campaigns.code,
      name: campaigns.name,
      channel: campaigns.channel,
      starts_on: campaigns.startsOn,
      ends_on: campaigns.endsOn,
      owner_id: campaigns.ownerId,
      review_on: campaigns.reviewOn,
      rag: campaigns.rag,
      created_by: campaigns.createdBy,
      created_at: campaigns.createdAt,
      updated_at: campaigns.updatedAt,
    },
  },
  'campaign-costs': {
    from: campaignCosts,
    join: [campaigns, eq(campaigns.id, campaignCosts.campaignId)],
    agency: campaigns.agencyId,
    fields: {
      id: campaignCosts.id,
      campaign_id: campaignCosts.campaignId,
      description: campaignCosts.description,
      amount_pence: campaignCosts.amountPence,
      vat: campaignCosts.vat,
      position: campaignCosts.position,
    },
  },
  'campaign-updates': {
    from: campaignUpdates,
    join: [campaigns, eq(campaigns.id, campaignUpdates.campaignId)],
    agency: campaigns.agencyId,
    fields: {
      id: campaignUpdates.id,
      campaign_id: campaignUpdates.campaignId,
      rag: campaignUpdates.rag,
      note: campaignUpdates.note,
      by: campaignUpdates.by,
      at: campaignUpdates.at,
    },
  },
  messages: {
    from: messages,
    agency: messages.agencyId,
    // Metadata only: never to_address, subject or the bodies.
    fields: {
      id: messages.id,
      enquiry_id: messages.enquiryId,
      person_id: messages.personId,
      trigger: messages.trigger,
      purpose: messages.purpose,
      template_version_id: messages.templateVersionId,
      status: messages.status,
      send_after: messages.sendAfter,
      attempts: messages.attempts,
      last_error: messages.lastError,
      created_at: messages.createdAt,
      sent_at: messages.sentAt,
    },
  },
  audit: {
    from: auditEvents,
    agency: auditEvents.agencyId,
    fields: {
      id: auditEvents.id,
      at: auditEvents.at,
      actor_user_id: auditEvents.actorUserId,
      actor_label: auditEvents.actorLabel,
      action: auditEvents.action,
      entity_type: auditEvents.entityType,
      entity_id: auditEvents.entityId,
      changes: auditEvents.changes,
      request_id: auditEvents.requestId,
    },
  },
  users: {
    from: users,
    agency: users.agencyId,
    // Never the password hash.
    fields: {
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      created_at: users.createdAt,
      last_sign_in_at: users.lastSignInAt,
    },
  },
};

export type ExportRow = Record<string, unknown>;

/**
 * One batch of a dataset's rows for one agency, in key order, after the given key (the last row of
 * the batch before). Keyset pagination: each batch is one indexed query, however far in.
 */
export async function readExportBatch(
  db: Db,
  agencyId: string,
  name: DatasetName,
  after: unknown[] | undefined,
  limit: number,
): Promise<ExportRow[]> {
  const selection = selections[name] as unknown as Selection<DatasetName>;
  const fields = selection.fields as Record<string, PgColumn>;
  const keyNames: string[] = selection.key ?? ['id'];
  const key = keyNames.map((k) => fields[k]!);
  const conditions: SQL[] = [eq(selection.agency, agencyId)];
  if (after) {
    const values = after.map((v) => sql`${v}`);
    conditions.push(sql`(${sql.join(key, sql`, `)}) > (${sql.join(values, sql`, `)})`);
  }
  let query = db.select(fields).from(selection.from).$dynamic();
  if (selection.join) query = query.innerJoin(selection.join[0], selection.join[1]);
  return query
    .where(and(...conditions))
    .orderBy(...key.map((c) => asc(c)))
    .limit(limit);
}

/** The key of a row of the dataset, to continue after it. */
export const keyOf = (name: DatasetName, row: ExportRow) =>
  ((selections[name] as { key?: string[] }).key ?? ['id']).map((k) => row[k]);
