/**
 * The data dictionary of the "export everything" download (issue 14, item 7): every file of the ZIP
 * (and every dataset of `GET /api/v1/export`), what one row is, and what each column means, in plain
 * English. The repository's selections (export.repo.ts) are typed against this list, so a column
 * cannot be exported without being described here, nor described without being exported.
 *
 * Left out on purpose: passwords, token hashes and the derived matching keys (they can be rebuilt);
 * email subjects and bodies (kept in the service, not part of its records); individual equality
 * monitoring answers, which the service keeps apart from the case and reports only in aggregate.
 */
export const datasets = [
  {
    name: 'households',
    description: 'One row per household: the home the pipeline follows, its address and what it would offer.',
    columns: {
      id: 'The household’s identifier. Other files refer to it as household_id.',
      address_line1: 'First line of the address.',
      address_line2: 'Second line of the address.',
      town: 'Town or city.',
      postcode: 'Postcode in capitals with one space (e.g. "NR1 3QU"), or a BFPO number for forces families.',
      in_area: 'true if the household lives in the council’s area, false if not, blank if not known.',
      preferences:
        'What the household is thinking of offering, as JSON: ages of children (ageFrom, ageTo), siblingGroups, respite, parentAndChild, longTerm, notes.',
      created_at: 'When the household was first recorded (ISO 8601, UTC).',
      updated_at: 'When the household’s details last changed (ISO 8601, UTC).',
    },
  },
  {
    name: 'people',
    description: 'One row per person living in a household: the applicants (one or two) and other members.',
    columns: {
      id: 'The person’s identifier. Other files refer to it as person_id.',
      household_id: 'The household they live in (households.csv).',
      kind: '"applicant" for someone applying to foster, "member" for anyone else in the household.',
      position: 'Order within the household (1 = first applicant).',
      first_name: 'First name.',
      last_name: 'Last name.',
      email: 'Email address, as given.',
      phone: 'Phone number, as given.',
      date_of_birth: 'Date of birth (YYYY-MM-DD), if recorded.',
      relationship:
        'For members: partner, child, adult_child, parent, other_adult or other_child. Blank for the first applicant.',
      email_opt_out_at:
        'When the person used an unsubscribe link (no follow-up or marketing email since). Blank if never.',
      created_at: 'When the person was recorded (ISO 8601, UTC).',
      updated_at: 'When the person’s details last changed (ISO 8601, UTC).',
    },
  },
  {
    name: 'enquiries',
    description:
      'One row per enquiry: a household’s journey through the pipeline, from the enquiry that started it. A household that enquired again has more than one.',
    columns: {
      id: 'The enquiry’s identifier. Other files refer to it as enquiry_id.',
      household_id: 'The household that enquired (households.csv).',
      received_at: 'When the enquiry was received (ISO 8601, UTC).',
      channel: 'How it arrived: phone, email, web_form, event, social, walk_in or other.',
      route: '"mainstream" for a new carer, "transfer" for a carer moving from another fostering service.',
      campaign_code: 'The campaign code the enquiry came from (first touch), as given; see campaigns.csv.',
      heard_about: 'How the household said they heard about fostering.',
      source_event_id: 'The community event it came from, if any (events.csv).',
      assigned_officer_id: 'The officer responsible (users.csv).',
      stage:
        'Where it is now: enquiry, initial_visit, application, assessment, panel, approved, deregistered or closed.',
      stage_since: 'When the current stage began (ISO 8601, UTC).',
      first_contact_due_at: 'When first contact was due (one working day after the enquiry).',
      first_contacted_at: 'When the household was first contacted. Blank if not yet.',
      possible_duplicates:
        'Identifiers of households that looked like the same people when the enquiry arrived, as a JSON list.',
      created_via: 'How it was created: staff, public_form, api or demo.',
      created_by: 'The member of staff who created it (users.csv). Blank for the public form.',
      created_at: 'When the record was created (ISO 8601, UTC).',
      updated_at: 'When the record last changed (ISO 8601, UTC).',
    },
  },
  {
    name: 'stage-events',
    description:
      'One row per stage change, dated when it happened: the history every report counts. Never changed once written.',
    columns: {
      id: 'The event’s number.',
      enquiry_id: 'The enquiry that moved (enquiries.csv).',
      from_stage: 'The stage it left. Blank for the first event (the enquiry itself).',
      stage: 'The stage it moved to.',
      at: 'When the change happened (ISO 8601, UTC), which may be before it was recorded.',
      reason: 'For closures: Ofsted’s reason code (AW0 to AW5) or the service’s own reason.',
      note: 'The officer’s note on the change.',
      recorded_by: 'The member of staff who recorded it (users.csv).',
      recorded_by_label:
        'Who recorded it when it was not a member of staff ("public enquiry form", "system").',
      recorded_at: 'When it was recorded (ISO 8601, UTC).',
    },
  },
  {
    name: 'contact-attempts',
    description: 'One row per attempt to reach a household (calls, emails, texts) and how it went.',
    columns: {
      id: 'The attempt’s identifier.',
      enquiry_id: 'The enquiry (enquiries.csv).',
      at: 'When the attempt was made (ISO 8601, UTC).',
      method: 'How: phone, email, text and so on.',
      outcome: 'What happened: reached (spoke to them), no_answer, left_message and so on.',
      note: 'The officer’s note.',
      recorded_by: 'The member of staff who recorded it (users.csv).',
      recorded_at: 'When it was recorded (ISO 8601, UTC).',
    },
  },
  {
    name: 'notes',
    description: 'One row per case note written on a household’s enquiry.',
    columns: {
      id: 'The note’s identifier.',
      enquiry_id: 'The enquiry (enquiries.csv).',
      body: 'The text of the note.',
      author_id: 'The member of staff who wrote it (users.csv).',
      author_label: 'Who wrote it when it was not a member of staff.',
      created_at: 'When it was written (ISO 8601, UTC).',
    },
  },
  {
    name: 'consents',
    description:
      'One row per consent given or withdrawn, per person and channel, with the exact wording shown. The latest row for a person and channel is their current answer.',
    columns: {
      id: 'The record’s number.',
      person_id: 'The person (people.csv).',
      channel: 'email, post, phone or sms.',
      granted: 'true if they agreed, false if they declined or withdrew.',
      wording: 'The exact words they were shown.',
      source: 'Where it was given: public_form, staff, api, unsubscribe_link or demo.',
      recorded_at: 'When (ISO 8601, UTC).',
      recorded_by: 'The member of staff who recorded it (users.csv), if any.',
    },
  },
  {
    name: 'events',
    description: 'One row per information session or community event.',
    columns: {
      id: 'The event’s identifier. Other files refer to it as event_id.',
      kind: '"information_session" or "community_event".',
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
  {
    name: 'campaigns',
    description: 'One row per marketing activity in the comms action plan.',
    columns: {
      id: 'The campaign’s identifier. Other files refer to it as campaign_id.',
      code: 'The campaign code enquiries and events carry.',
      name: 'Name.',
      channel: 'outdoor, print, digital, broadcast, event, internal, partner or other.',
      starts_on: 'First day (YYYY-MM-DD).',
      ends_on: 'Last day (YYYY-MM-DD), if set.',
      owner_id: 'Who owns it (users.csv).',
      review_on: 'When it is next reviewed (YYYY-MM-DD).',
      rag: 'The latest red/amber/green rating.',
      created_by: 'Who created it (users.csv).',
      created_at: 'When it was created (ISO 8601, UTC).',
      updated_at: 'When it last changed (ISO 8601, UTC).',
    },
  },
  {
    name: 'campaign-costs',
    description: 'One row per cost line of a campaign.',
    columns: {
      id: 'The line’s identifier.',
      campaign_id: 'The campaign (campaigns.csv).',
      description: 'What the money was for.',
      amount_pence: 'The amount in pence (390000 is £3,900.00).',
      vat: '"plus_vat" (VAT at 20% on top), "includes_vat" (VAT within the amount) or "no_vat".',
      position: 'Order of the line within the campaign.',
    },
  },
  {
    name: 'campaign-updates',
    description: 'One row per progress note on a campaign, with the rating given at the time.',
    columns: {
      id: 'The note’s identifier.',
      campaign_id: 'The campaign (campaigns.csv).',
      rag: 'The red/amber/green rating given with the note.',
      note: 'The progress note.',
      by: 'Who wrote it (users.csv).',
      at: 'When (ISO 8601, UTC).',
    },
  },
  {
    name: 'messages',
    description:
      'One row per email the service wrote to a household: what caused it and whether it went. Addresses, subjects and bodies are not included.',
    columns: {
      id: 'The email’s identifier.',
      enquiry_id: 'The household’s enquiry (enquiries.csv), if any.',
      person_id: 'The person it was to (people.csv), if known.',
      trigger: 'What caused it, e.g. "welcome" or "booking_confirmation".',
      purpose:
        '"service" (something they asked for), "follow_up" (stops on unsubscribe) or "marketing" (needs consent).',
      template_version_id: 'The version of the email template used.',
      status: '"queued", "sending", "sent", "failed" or "suppressed" (not sent, e.g. after an unsubscribe).',
      send_after: 'Not sent before this time (reminders) (ISO 8601, UTC).',
      attempts: 'How many times sending was tried.',
      last_error: 'Why the last try failed or why it was not sent, with any email address removed.',
      created_at: 'When it was written (ISO 8601, UTC).',
      sent_at: 'When it was sent. Blank if it was not.',
    },
  },
  {
    name: 'audit',
    description:
      'One row per change made in the service, and per view of restricted information: who, what and when. This export itself is the last row.',
    columns: {
      id: 'The entry’s number (in order of recording).',
      at: 'When (ISO 8601, UTC).',
      actor_user_id: 'The member of staff who acted (users.csv).',
      actor_label: 'Who acted when it was not a member of staff: "public enquiry form", "system", "cli".',
      action: 'What was done, e.g. "enquiry.created" or "user.signed_in".',
      entity_type: 'The kind of record it was done to.',
      entity_id: 'The record’s identifier.',
      changes: 'What changed, field by field, as JSON ({"field": {"from": …, "to": …}}).',
      request_id: 'The request’s identifier, to match the service’s logs.',
    },
  },
  {
    name: 'users',
    description:
      'One row per member of staff with an account, so that other files’ staff identifiers can be read.',
    columns: {
      id: 'The user’s identifier. Other files refer to it as user_id, officer_id, recorded_by and so on.',
      name: 'Name.',
      email: 'Work email address.',
      role: '"officer", "manager", "comms" or "admin".',
      active: 'false if the account is switched off.',
      created_at: 'When the account was created (ISO 8601, UTC).',
      last_sign_in_at: 'When they last signed in.',
    },
  },
] as const;

export type Dataset = (typeof datasets)[number];
export type DatasetName = Dataset['name'];
/** The columns of one dataset, by name. */
export type ColumnOf<N extends DatasetName> = keyof Extract<Dataset, { name: N }>['columns'] & string;

export const datasetNames = datasets.map((d) => d.name) as DatasetName[];
export const columnsOf = (dataset: Dataset) => Object.keys(dataset.columns);
