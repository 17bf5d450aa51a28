import { sql } from 'drizzle-orm';
import { nurturePool } from '../nurture/nurture.table.ts';
import { approvalSettingChanges } from '../approval-settings/approval-settings.table.ts';
import { tasks } from '../deadlines/tasks.table.ts';
import { mailings } from '../mailings/mailings.table.ts';
import { heldSubmissions } from '../public/held-submissions.table.ts';
import {
  disposalDecisions,
  legalHolds,
  retentionScheduleChanges,
  retentionSchedules,
} from '../retention/retention.table.ts';
import { settings } from '../settings/settings.table.ts';
import { dataRequests } from '../subject-access/data-requests.table.ts';
import { targets } from '../targets/targets.table.ts';
import type { retentionRequestDatasets } from './export-dictionary-retention-requests.ts';
import type { workSettingDatasets } from './export-dictionary-work-settings.ts';
import type { Selections } from './export-selection.ts';

type Names = (typeof retentionRequestDatasets | typeof workSettingDatasets)[number]['name'];

/** The selections of export-dictionary-retention-requests.ts and -work-settings.ts, one per dataset. */
export const retentionWorkSelections: Selections<Names> = {
  'legal-holds': {
    from: legalHolds,
    agency: legalHolds.agencyId,
    fields: {
      id: legalHolds.id,
      household_id: legalHolds.householdId,
      reason: legalHolds.reason,
      placed_by: legalHolds.placedBy,
      placed_at: legalHolds.placedAt,
      lifted_by: legalHolds.liftedBy,
      lifted_at: legalHolds.liftedAt,
      lift_reason: legalHolds.liftReason,
    },
  },
  'retention-schedule': {
    from: retentionSchedules,
    agency: retentionSchedules.agencyId,
    // One row per agency at most, so any column is a unique key.
    key: ['updated_at'],
    fields: {
      approved_carer_years: retentionSchedules.approvedCarerYears,
      refused_or_withdrawn_years: retentionSchedules.refusedOrWithdrawnYears,
      enquiry_only_years: retentionSchedules.enquiryOnlyYears,
      updated_by: retentionSchedules.updatedBy,
      updated_at: retentionSchedules.updatedAt,
    },
  },
  'retention-schedule-changes': {
    from: retentionScheduleChanges,
    agency: retentionScheduleChanges.agencyId,
    fields: {
      id: retentionScheduleChanges.id,
      rule: retentionScheduleChanges.rule,
      from_years: retentionScheduleChanges.fromYears,
      to_years: retentionScheduleChanges.toYears,
      reason: retentionScheduleChanges.reason,
      changed_by: retentionScheduleChanges.changedBy,
      changed_at: retentionScheduleChanges.changedAt,
    },
  },
  'disposal-decisions': {
    from: disposalDecisions,
    agency: disposalDecisions.agencyId,
    fields: {
      id: disposalDecisions.id,
      household_id: disposalDecisions.householdId,
      keep_until: disposalDecisions.keepUntil,
      decision: disposalDecisions.decision,
      reason: disposalDecisions.reason,
      decided_by: disposalDecisions.decidedBy,
      decided_at: disposalDecisions.decidedAt,
    },
  },
  'data-requests': {
    from: dataRequests,
    agency: dataRequests.agencyId,
    fields: {
      id: dataRequests.id,
      kind: dataRequests.kind,
      household_id: dataRequests.householdId,
      requester: dataRequests.requester,
      recipient: dataRequests.recipient,
      received_on: dataRequests.receivedOn,
      due_on: dataRequests.dueOn,
      status: dataRequests.status,
      handler_id: dataRequests.handlerId,
      closed_on: dataRequests.closedOn,
      outcome: dataRequests.outcome,
      created_by: dataRequests.createdBy,
      created_at: dataRequests.createdAt,
    },
  },
  tasks: {
    from: tasks,
    agency: tasks.agencyId,
    fields: {
      id: tasks.id,
      enquiry_id: tasks.enquiryId,
      user_id: tasks.userId,
      deadline: tasks.deadline,
      state: tasks.state,
      due_at: tasks.dueAt,
      created_at: tasks.createdAt,
      done_at: tasks.doneAt,
    },
  },
  'held-submissions': {
    from: heldSubmissions,
    agency: heldSubmissions.agencyId,
    fields: {
      id: heldSubmissions.id,
      received_at: heldSubmissions.receivedAt,
      reason: heldSubmissions.reason,
      input: heldSubmissions.input,
    },
  },
  targets: {
    from: targets,
    agency: targets.agencyId,
    fields: {
      id: targets.id,
      kind: targets.kind,
      year: targets.year,
      carers: targets.carers,
      set_by: targets.setBy,
      updated_at: targets.updatedAt,
    },
  },
  mailings: {
    from: mailings,
    agency: mailings.agencyId,
    fields: {
      id: mailings.id,
      name: mailings.name,
      subject: mailings.subject,
      body: mailings.body,
      segment: mailings.segment,
      status: mailings.status,
      total: mailings.total,
      written: mailings.written,
      created_by: mailings.createdBy,
      created_at: mailings.createdAt,
      sent_at: mailings.sentAt,
    },
  },
  settings: {
    from: settings,
    // Settings kept one per agency are keyed "<name>:<agency id>"; installation-wide ones (bank
    // holidays, the unsubscribe links' secret) end otherwise and are never read here.
    agency: sql`right(${settings.key}, 36)`,
    key: ['key'],
    fields: { key: settings.key, value: settings.value, updated_at: settings.updatedAt },
  },
  'nurture-pool': {
    from: nurturePool,
    agency: nurturePool.agencyId,
    fields: {
      id: nurturePool.id,
      enquiry_id: nurturePool.enquiryId,
      joined_at: nurturePool.joinedAt,
      joined_by: nurturePool.joinedBy,
      steps_sent: nurturePool.stepsSent,
      last_sent_at: nurturePool.lastSentAt,
      left_at: nurturePool.leftAt,
      left_reason: nurturePool.leftReason,
    },
  },
  'approval-setting-changes': {
    from: approvalSettingChanges,
    agency: approvalSettingChanges.agencyId,
    fields: {
      id: approvalSettingChanges.id,
      setting: approvalSettingChanges.setting,
      value: approvalSettingChanges.value,
      previous_value: approvalSettingChanges.previousValue,
      effective_from: approvalSettingChanges.effectiveFrom,
      reason: approvalSettingChanges.reason,
      recorded_by: approvalSettingChanges.recordedBy,
      recorded_at: approvalSettingChanges.recordedAt,
    },
  },
};
