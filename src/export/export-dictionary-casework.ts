import { closeReasons, deregistrationReasons } from '../pipeline/stages.ts';
import { surveyChoices } from '../exit-survey/exit-survey-rules.ts';
/**
 * Part of the data dictionary (export-dictionary.ts): households, people and their casework
 * (enquiries, stage changes, contact attempts, notes, consents, exit surveys).
 */
/** Each code with the words the service shows for it (Ofsted's own wording for AW0 to AW5). */
const describe = (codes: Record<string, string>) =>
  Object.entries(codes)
    .map(([code, label]) => `${code} (“${label}”)`)
    .join(', ');

export const caseworkDatasets = [
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
      anonymised_at:
        'When the household’s personal details were destroyed (names, contact details, address but the postcode district). Blank if they were not.',
      anonymised_cause:
        '"retention" (its retention period ended, see disposal-decisions.csv) or "erasure" (an erasure request, see data-requests.csv). Blank if not anonymised.',
      import_batch_id:
        'The tracker import that brought this row in (import-batches.csv). Blank if it was recorded in the service.',
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
      birth_year:
        'Year of birth (e.g. 1984), kept when an anonymised record lost its date of birth, so that age figures still count it.',
      relationship:
        'For members: partner, child, adult_child, parent, other_adult or other_child. Blank for the first applicant.',
      email_opt_out_at:
        'When the person used an unsubscribe link (no follow-up or marketing email since). Blank if never.',
      created_at: 'When the person was recorded (ISO 8601, UTC).',
      updated_at: 'When the person’s details last changed (ISO 8601, UTC).',
      import_batch_id:
        'The tracker import that brought this row in (import-batches.csv). Blank if it was recorded in the service.',
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
      route:
        '"mainstream" for a new carer, "transfer" for a carer moving from another fostering service, "family_and_friends" for a connected person (a relative, friend or other person connected with a child) assessed to foster that child.',
      placed_on:
        'Family and friends only: the day the child was placed with them under regulation 24 of the Care Planning Regulations 2010 (YYYY-MM-DD), which starts the 16-week temporary approval. Blank otherwise.',
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
      created_via:
        'How it was created: staff, public_form, api, demo or import (a tracker spreadsheet brought in).',
      created_by: 'The member of staff who created it (users.csv). Blank for the public form.',
      created_at: 'When the record was created (ISO 8601, UTC).',
      updated_at: 'When the record last changed (ISO 8601, UTC).',
      import_batch_id:
        'The tracker import that brought this row in (import-batches.csv). Blank if it was recorded in the service.',
      hub_id: 'The regional hub that received the enquiry, if it came through one. Blank otherwise.',
      preferred_council_id:
        'At a hub: the member council the household chose to foster for. Blank for "not sure".',
      home_council_id: 'At a hub: the member council whose area the household’s postcode is in.',
      handed_off_at: 'When a council accepted the household from the hub (ISO 8601, UTC). Blank otherwise.',
    },
  },
  {
    name: 'temporary-approval-extensions',
    description:
      'One row per extension of a connected person’s temporary approval (regulation 25 of the Care Planning Regulations 2010: once, by up to 8 weeks). At most one per enquiry.',
    columns: {
      id: 'The extension’s identifier.',
      enquiry_id: 'The enquiry (enquiries.csv).',
      weeks: 'Weeks added to the 16, from 1 to 8.',
      agreed_on: 'The day the nominated officer agreed it (YYYY-MM-DD).',
      agreed_by: 'Who agreed it (the nominated officer), as recorded.',
      agreed_by_user_id: 'The member of staff who agreed it (users.csv), when recorded as a user.',
      reason: 'Why it was extended.',
      recorded_by: 'The member of staff who recorded it (users.csv).',
      created_at: 'When it was recorded (ISO 8601, UTC).',
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
      reason: `For closures: Ofsted’s withdrawal code or the service’s own reason, one of ${describe(closeReasons)}. For deregistrations: ${describe(deregistrationReasons)}.`,
      note: 'The officer’s note on the change.',
      recorded_by: 'The member of staff who recorded it (users.csv).',
      recorded_by_label:
        'Who recorded it when it was not a member of staff ("public enquiry form", "system").',
      recorded_at: 'When it was recorded (ISO 8601, UTC).',
      import_batch_id:
        'The tracker import that brought this row in (import-batches.csv). Blank if it was recorded in the service.',
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
      import_batch_id:
        'The tracker import that brought this row in (import-batches.csv). Blank if it was recorded in the service.',
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
      source:
        'Where it was given: public_form, staff, api, unsubscribe_link, demo or import (as the imported file stated it).',
      recorded_at: 'When (ISO 8601, UTC).',
      recorded_by: 'The member of staff who recorded it (users.csv), if any.',
      import_batch_id:
        'The tracker import that brought this row in (import-batches.csv). Blank if it was recorded in the service.',
    },
  },
  {
    name: 'exit-surveys',
    description:
      'One row per "why did you stop?" survey sent to a household that withdrew, stopped replying or went quiet for 90 days, with its answer if any.',
    columns: {
      id: 'The survey’s identifier.',
      enquiry_id: 'The enquiry (enquiries.csv).',
      opened_event_id:
        'The stage change that began this spell of the journey (stage_events.csv): one survey per spell.',
      trigger: '"closed" (sent on closing) or "quiet" (no activity for 90 days).',
      stage: 'The stage they left from, or were quiet at.',
      close_event_id: 'The closing stage change of the spell (stage_events.csv), once there is one.',
      message_id: 'The email that carried the link.',
      created_at: 'When it was sent (ISO 8601, UTC).',
      expires_at: 'When the link stopped working (ISO 8601, UTC).',
      answered_at: 'When they answered (ISO 8601, UTC); blank if they did not.',
      choice: `Their main reason, as chosen: ${describe(Object.fromEntries(Object.entries(surveyChoices).map(([k, v]: [string, { text: string; code: string }]) => [k, `${v.text}, suggests ${v.code}`])))}.`,
      own_words: 'What they wrote in their own words (blank once the household is anonymised).',
      contact_again:
        'true if they would like to be contacted in future, false if not, blank if not answered.',
      accepted_code:
        'The withdrawal code the officer accepted from the answer as the closing reason in force.',
      accepted_by: 'The member of staff who accepted it (users.csv).',
      accepted_at: 'When (ISO 8601, UTC).',
    },
  },
] as const;
