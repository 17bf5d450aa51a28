/** The ((placeholders)) an email template may use, and what each becomes (for the edit pages). */

export const placeholders = [
  'first_name',
  'officer_name',
  'agency_name',
  'event_title',
  'event_when',
  'event_where',
  'next_session_date',
  'stage',
  'survey_link',
  'referee_name',
  'applicant_names',
  'reference_link',
  'link_expires_on',
] as const;
export type Placeholder = (typeof placeholders)[number];

/** What each placeholder becomes, for the hint on the edit page. */
export const placeholderDescriptions: Record<Placeholder, string> = {
  first_name: 'the first name of the person we are writing to',
  officer_name: 'the name of their fostering officer',
  agency_name: 'the name of your fostering service',
  event_title: 'the name of the session or event',
  event_when: 'its date and time, like 4 March 2031 at 7pm',
  event_where: 'where it is: the venue, or the joining link if it is online',
  next_session_date: 'the date of the next information session',
  stage: 'where they are now, in plain words, like "your assessment has started"',
  survey_link: 'their own link to the optional survey about why they stopped (the exit survey email only)',
  referee_name: 'the referee’s name (reference emails only)',
  applicant_names:
    'the names of the applicants a reference is about, like "Sam and Alex Jones" (reference emails only)',
  reference_link: 'the referee’s own link to the reference form (reference emails only)',
  link_expires_on: 'the last day the reference link works, like 4 March 2031 (reference emails only)',
};

/** `((name??text))`: `text` may contain ((placeholders)) but not another optional part. */
export const CONDITIONAL =
  /\(\(\s*([A-Za-z_]\w*)\s*\?\?((?:\(\([^()]*\)\)|[^()]|\((?!\()|\)(?=\)\))|\)(?!\)))*)\)\)/g;
export const PLACEHOLDER = /\(\(([^()]*)\)\)/g;
