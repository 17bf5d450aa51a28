/** Part of the data dictionary (export-dictionary.ts): events, bookings, visits and panels. */
export const eventPanelDatasets = [
  {
    name: 'events',
    description: 'One row per information session or community event.',
    columns: {
      id: 'The event’s identifier. Other files refer to it as event_id.',
      kind: '"information_session", "community_event" or "preparation_training" (a preparation course for households in assessment, never counted as an information session).',
      title: 'Title.',
      starts_at: 'When it starts (ISO 8601, UTC). Blank while the date is to be confirmed.',
      ends_at: 'When it ends (ISO 8601, UTC).',
      candidate_dates: 'Dates being considered while "to be confirmed", as a JSON list of YYYY-MM-DD.',
      online: 'true for an online session.',
      venue: 'Where it is held.',
      joining_link: 'The link to join an online session.',
      capacity: 'Places available. Blank means no limit.',
      campaign_code: 'The campaign it belongs to (campaigns.csv), if any.',
      description: 'Description shown to households.',
      cancelled_at: 'When it was cancelled. Blank if it was not.',
      created_at: 'When it was recorded (ISO 8601, UTC).',
      updated_at: 'When it last changed (ISO 8601, UTC).',
    },
  },
  {
    name: 'event-staff',
    description: 'One row per member of staff attending or running an event.',
    columns: {
      event_id: 'The event (events.csv).',
      user_id: 'The member of staff (users.csv).',
    },
  },
  {
    name: 'bookings',
    description: 'One row per household’s place at an event, including the waiting list and cancellations.',
    columns: {
      id: 'The booking’s identifier.',
      event_id: 'The event (events.csv).',
      enquiry_id: 'The household’s enquiry (enquiries.csv).',
      status: '"booked", "waitlisted" or "cancelled".',
      attended: 'true if they came, false if not, blank until the register is taken.',
      booked_at: 'When the place was booked (ISO 8601, UTC).',
      attendance_recorded_at: 'When attendance was recorded.',
      source: 'Who booked: staff, public (the enquiry form) or api.',
    },
  },
  {
    name: 'visits',
    description: 'One row per initial visit to a household’s home, planned, completed or cancelled.',
    columns: {
      id: 'The visit’s identifier.',
      enquiry_id: 'The household’s enquiry (enquiries.csv).',
      scheduled_for: 'When the visit is or was planned (ISO 8601, UTC).',
      officer_id: 'The officer visiting (users.csv).',
      status: '"scheduled", "completed" or "cancelled".',
      created_at: 'When it was arranged (ISO 8601, UTC).',
    },
  },
  {
    name: 'panels',
    description: 'One row per fostering panel meeting.',
    columns: {
      id: 'The panel’s identifier. Other files refer to it as panel_id.',
      meets_on: 'The date it meets (YYYY-MM-DD).',
      chair: 'Who chairs it.',
      capacity: 'How many households it can hear.',
      notes: 'Notes about the meeting.',
      created_at: 'When it was recorded (ISO 8601, UTC).',
    },
  },
  {
    name: 'panel-cases',
    description:
      'One row per household presented to a panel: papers, the panel’s recommendation and the decision maker’s decision.',
    columns: {
      id: 'The case’s identifier.',
      panel_id: 'The panel (panels.csv).',
      enquiry_id: 'The household’s enquiry (enquiries.csv).',
      papers_sent_on: 'When the papers were sent to the panel (YYYY-MM-DD).',
      recommendation: 'The panel’s recommendation: "approve" or "not_approve".',
      minutes_received_on:
        'When the decision maker received the minutes (YYYY-MM-DD): the 7-working-day clock starts here.',
      decision: 'The decision maker’s decision: "approved" or "refused".',
      decided_on: 'The date of the decision (YYYY-MM-DD).',
      withdrawn_at: 'When the household was taken off the panel, if it was.',
      created_at: 'When the household was booked on the panel (ISO 8601, UTC).',
    },
  },
] as const;
