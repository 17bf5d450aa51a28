/** Part of the data dictionary (export-dictionary.ts): campaigns, emails, the audit trail and staff. */
export const campaignRecordDatasets = [
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
