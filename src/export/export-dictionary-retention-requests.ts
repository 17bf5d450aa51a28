/**
 * Part of the data dictionary (export-dictionary.ts): retention (legal holds, the schedule and
 * disposal decisions) and the register of requests about personal data.
 */
export const retentionRequestDatasets = [
  {
    name: 'legal-holds',
    description:
      'One row per legal hold on a household (litigation, a complaint, an inquiry): while one is in force nothing about the household is anonymised or erased. Lifted holds stay.',
    columns: {
      id: 'The hold’s identifier.',
      household_id: 'The household (households.csv).',
      reason: 'Why the hold was placed.',
      placed_by: 'Who placed it (users.csv).',
      placed_at: 'When (ISO 8601, UTC).',
      lifted_by: 'Who lifted it (users.csv). Blank while in force.',
      lifted_at: 'When it was lifted. Blank while in force.',
      lift_reason: 'Why it was lifted.',
    },
  },
  {
    name: 'retention-schedule',
    description:
      'The service’s retention schedule, if it changed the defaults (no row: the defaults, 10 years after approval ends and 3 years otherwise): years records are kept after the event each rule counts from.',
    columns: {
      approved_carer_years:
        'Years kept after an approved carer’s approval ends (at least 10, Fostering Services Regulations 2011, reg. 32).',
      refused_or_withdrawn_years:
        'Years kept after an application is refused or withdrawn (at least 3, reg. 32).',
      enquiry_only_years: 'Years kept after an enquiry that never became an application closed.',
      updated_by: 'Who last changed it (users.csv).',
      updated_at: 'When (ISO 8601, UTC).',
    },
  },
  {
    name: 'retention-schedule-changes',
    description: 'One row per change to the retention schedule: who, when, from what to what and why.',
    columns: {
      id: 'The change’s identifier.',
      rule: '"approved_carer", "application_refused_or_withdrawn" or "enquiry_only".',
      from_years: 'Years before the change.',
      to_years: 'Years after the change.',
      reason: 'Why it was changed.',
      changed_by: 'Who changed it (users.csv).',
      changed_at: 'When (ISO 8601, UTC).',
    },
  },
  {
    name: 'disposal-decisions',
    description:
      'One row per manager’s review of a household due for disposal at the end of its retention period. The latest row per household counts.',
    columns: {
      id: 'The decision’s identifier.',
      household_id: 'The household (households.csv).',
      keep_until:
        'The retention date the decision was for (YYYY-MM-DD); a later contact moves it and voids the decision.',
      decision: '"approved" (anonymise once the date has passed) or "excluded" (keep, with a reason).',
      reason: 'Why it was excluded.',
      decided_by: 'Who decided (users.csv).',
      decided_at: 'When (ISO 8601, UTC).',
    },
  },
  {
    name: 'data-requests',
    description:
      'One row per request about personal data (subject access, erasure) or to transfer records to another fostering service, with its statutory due date.',
    columns: {
      id: 'The request’s identifier.',
      kind: '"subject_access", "erasure" or "transfer_out".',
      household_id: 'The household it is about (households.csv), when known.',
      requester:
        'How to find and answer the requester, as JSON (name, email, phone, postcode): kept while the request is open, cleared when it is closed.',
      recipient: 'For a transfer: the fostering service the records go to.',
      received_on: 'When it was received (YYYY-MM-DD).',
      due_on:
        'When the answer is due (YYYY-MM-DD): one calendar month for subject access and erasure (UK GDPR art. 12(3)), 15 working days for a transfer.',
      status: '"open", "completed", "refused" or "withdrawn".',
      handler_id: 'Who is handling it (users.csv).',
      closed_on: 'When it was closed (YYYY-MM-DD).',
      outcome: 'Why it was refused or how it was closed, in the handler’s words.',
      created_by: 'Who recorded it (users.csv).',
      created_at: 'When it was recorded (ISO 8601, UTC).',
    },
  },
] as const;
