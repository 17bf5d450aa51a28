import { temporaryApprovalExtensions } from '../connected-person/temporary-approval.table.ts';
import { contactAttempts, notes } from '../enquiries/activity.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { households, people } from '../households/households.table.ts';
import { stageEvents } from '../pipeline/stage-events.table.ts';
import { consents } from '../privacy/consents.table.ts';
import type { caseworkDatasets } from './export-dictionary-casework.ts';
import type { Selections } from './export-selection.ts';

/** The selections of export-dictionary-casework.ts, one per dataset. */
export const caseworkSelections: Selections<(typeof caseworkDatasets)[number]['name']> = {
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
      placed_on: enquiries.placedOn,
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
  'temporary-approval-extensions': {
    from: temporaryApprovalExtensions,
    agency: temporaryApprovalExtensions.agencyId,
    fields: {
      id: temporaryApprovalExtensions.id,
      enquiry_id: temporaryApprovalExtensions.enquiryId,
      weeks: temporaryApprovalExtensions.weeks,
      agreed_on: temporaryApprovalExtensions.agreedOn,
      agreed_by: temporaryApprovalExtensions.agreedBy,
      agreed_by_user_id: temporaryApprovalExtensions.agreedByUserId,
      reason: temporaryApprovalExtensions.reason,
      recorded_by: temporaryApprovalExtensions.recordedBy,
      created_at: temporaryApprovalExtensions.createdAt,
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
};
