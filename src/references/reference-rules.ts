/**
 * The online reference (issue 18 §2; docs/assessment.md "References online"): how long a
 * referee's link works, when they are reminded, and the questions they are asked. Pure rules, no I/O.
 *
 * The questions follow what fostering assessments ask of personal referees (Fostering Services
 * (England) Regulations 2011, Schedule 3 para 9: "names and addresses of two persons who will
 * provide personal references"; CoramBAAF Form F guidance on references): how long and how they
 * know the applicants, what they have seen of them with children, whether they think them suitable
 * to care for children, any concerns, and a declaration.
 */

/** Days a reference link works from the day it is sent (a new link restarts it). */
export const REFERENCE_LINK_VALID_DAYS = 28;

/**
 * Days after the request on which a referee who has not answered is reminded: the first and the
 * second reminder. A sweep that runs late sends only the latest reminder due (never two at once).
 */
export const REMINDER_DAYS = [7, 14] as const;

/** The longest answer to one question (characters): about a page. */
export const ANSWER_MAX = 2000;
/** The shorter answers ("how long have you known them?"). */
export const SHORT_ANSWER_MAX = 200;

/** The form's questions, in order; the keys are the stored answers' keys. */
export const referenceQuestions = {
  howLong: 'How long have you known the applicants?',
  howKnown: 'How do you know them?',
  withChildren: 'What have you seen of them with children?',
  suitability: 'Do you think they would be suitable to care for children? Please tell us why.',
  concerns: 'Do you have any concerns about them caring for children?',
  concernsDetail: 'Tell us about your concerns',
  declaredName: 'Your full name',
} as const;
export type ReferenceQuestion = keyof typeof referenceQuestions;

/** The declaration the referee confirms by ticking the box (stored with the time it was made). */
export const DECLARATION =
  'The information I have given is true to the best of my knowledge. I understand it will be shared with the people assessing the application and the fostering panel.';

/** What a referee's link leads to: the form, or why it cannot be used. */
export type ReferenceLinkState = 'invalid' | 'expired' | 'submitted' | 'withdrawn' | 'open';

/**
 * Which reminder is due now for a request sent `daysSinceSent` whole days ago, given the reminders
 * already sent: 2 from day 14 if the second is not sent; 1 from day 7 (before day 14) if the first
 * is not sent; otherwise none. Never a reminder before day 7.
 */
export function reminderDue(daysSinceSent: number, sent: { first: boolean; second: boolean }): 1 | 2 | null {
  if (daysSinceSent >= REMINDER_DAYS[1]) return sent.second ? null : 2;
  if (daysSinceSent >= REMINDER_DAYS[0]) return sent.first ? null : 1;
  return null;
}

/** Stages at which a household's referees may be asked and reminded: from application to the decision. */
export const referenceStages = ['application', 'assessment', 'panel'] as const;

/** The kinds of referee, as the officer reads them. */
export const refereeKindWords: Record<string, string> = {
  personal: 'Personal referee',
  employer: 'Employer',
  former_partner: 'Former partner',
  school: 'School or nursery',
  previous_fostering: 'Previous fostering service',
};
