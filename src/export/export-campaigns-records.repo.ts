import { eq } from 'drizzle-orm';
import { auditEvents } from '../audit/audit.table.ts';
import { campaignCosts, campaignUpdates, campaigns } from '../campaigns/campaigns.table.ts';
import { messages } from '../messages/messages.table.ts';
import { users } from '../users/users.table.ts';
import type { campaignRecordDatasets } from './export-dictionary-campaigns-records.ts';
import type { Selections } from './export-selection.ts';

/** The selections of export-dictionary-campaigns-records.ts, one per dataset. */
export const campaignRecordSelections: Selections<(typeof campaignRecordDatasets)[number]['name']> = {
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
