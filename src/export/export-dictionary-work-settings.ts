/**
 * Part of the data dictionary (export-dictionary.ts): officers' tasks, held public enquiries,
 * recruitment targets, marketing mailings and the council's settings (with the approval route and standard's history).
 */
export const workSettingDatasets = [
  {
    name: 'tasks',
    description:
      'One row per to-do the service gave an officer when one of a household’s deadlines became due soon or overdue.',
    columns: {
      id: 'The task’s identifier.',
      enquiry_id: 'The enquiry (enquiries.csv).',
      user_id: 'The officer it is for (users.csv).',
      deadline:
        'Which deadline: first_contact, second_contact, panel_recommendation, panel_papers, decision or independent_review.',
      state: '"due_soon" or "overdue".',
      due_at: 'When the deadline falls (ISO 8601, UTC).',
      created_at: 'When the task was made (ISO 8601, UTC).',
      done_at: 'When it was done or no longer needed. Blank while open.',
    },
  },
  {
    name: 'held-submissions',
    description:
      'One row per public enquiry held as possible spam, kept out of the pipeline until staff release it (it then becomes an enquiry) or delete it.',
    columns: {
      id: 'The submission’s identifier.',
      received_at: 'When it was submitted (ISO 8601, UTC).',
      reason:
        'Why it was held: "honeypot" (a hidden field was filled in), "bad_timing_token" or "too_fast" (sent quicker than a person types).',
      input: 'What was submitted on the public enquiry form, and the consent ticked, as JSON.',
    },
  },
  {
    name: 'targets',
    description: 'One row per recruitment target, e.g. 20 new foster carers in 2026.',
    columns: {
      id: 'The target’s identifier.',
      kind: '"calendar" (January to December) or "financial" (April to March).',
      year: 'The calendar year, or the year a financial year starts (2026 = 2026/27).',
      carers: 'New foster carers aimed for: approvals plus carers transferring in.',
      set_by: 'Who set it (users.csv).',
      updated_at: 'When it was last set (ISO 8601, UTC).',
    },
  },
  {
    name: 'mailings',
    description:
      'One row per marketing mailing (newsletter, seasonal mailing) with its words and who it went to; each email written is a row of messages.csv.',
    columns: {
      id: 'The mailing’s identifier.',
      name: 'Its name as shown to staff.',
      subject: 'The subject line.',
      body: 'The text.',
      segment:
        'Who it is for, as JSON: enquiredWithinMonths (households whose latest enquiry was that recent) and stages (empty: any stage). Only people who consented to marketing email receive it.',
      status: '"draft", "sending" or "sent".',
      total: 'Recipients when sending started.',
      written: 'Emails written so far.',
      created_by: 'Who wrote it (users.csv).',
      created_at: 'When it was created (ISO 8601, UTC).',
      sent_at: 'When sending finished.',
    },
  },
  {
    name: 'settings',
    description:
      'One row per setting the council changed from the defaults, such as which follow-up emails are sent and when. Settings of the whole installation (bank holidays) are not included.',
    columns: {
      key: 'Which setting, followed by the service’s identifier, e.g. "follow_ups:<id>" (welcome, nudges and reminder emails).',
      value:
        'The setting as JSON; for follow_ups: welcome, nudges, nudgeDays (days without contact before each check-in), sessionReminders, firstReminderHours, secondReminderHours, afterInitialVisit, applicationReceived; for assessment_stage_one_months: months (stage 1 checks due that many months after the application).',
      updated_at: 'When it was last changed (ISO 8601, UTC).',
    },
  },
  {
    name: 'approval-setting-changes',
    description:
      'One row per change to the approval route or the timeliness standard, taking effect on a date. The setting in force on a day is the latest row dated on or before it; with no row the national default applies.',
    columns: {
      id: 'The change’s identifier.',
      setting:
        '"approval_route" (how a household is approved) or "timeliness_standard" (months from application to approval).',
      value:
        'The new value, as JSON: for the route "panel_then_decision_maker" (panel recommendation then decision maker) or "decision_maker_only"; for the standard a whole number of months.',
      previous_value: 'The value in force on effective_from before this change, as JSON.',
      effective_from: 'The day it takes effect (YYYY-MM-DD).',
      reason: 'Why it was changed.',
      recorded_by: 'Who changed it (users.csv).',
      recorded_at: 'When it was recorded (ISO 8601, UTC).',
    },
  },
] as const;
