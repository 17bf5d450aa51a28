/**
 * The header words recruitment teams use in their trackers, and what each means here (issue 14 §2);
 * cell values are in vocabulary-values.ts. Add a team's wording to the lists; keys are compared after `vocabularyKey` (case, punctuation and
 * spacing ignored), so "Date of enquiry", "DATE OF ENQUIRY:" and "date_of_enquiry" are one entry.
 * Only add words whose meaning is certain: anything not listed is left for the person to choose.
 */
import type { ImportField } from './import-types.ts';

/**
 * "Date of Enquiry (dd/mm/yyyy)" → "dateofenquiry": lower case, letters and digits only. In a header
 * a note in brackets is dropped (it describes the format); in a cell value (`brackets: 'keep'`) it
 * is part of the meaning: "Withdrawn (health)" is not "Withdrawn", so it is never read as AW0.
 */
export function vocabularyKey(text: string, brackets: 'drop' | 'keep' = 'drop'): string {
  const normalised = text.normalize('NFKC').toLowerCase();
  return (brackets === 'drop' ? normalised.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ') : normalised)
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Header names, per field. */
export const headerWords: Record<ImportField, string[]> = {
  fullName: [
    'Name',
    'Full name',
    'Applicant',
    'Applicants',
    'Applicant name',
    'Applicant names',
    'Names',
    'Enquirer',
    'Enquirer name',
    'Household name',
    'Carer name',
    'Client name',
  ],
  firstName: ['First name', 'Forename', 'Forenames', 'Given name', 'Christian name', 'First names'],
  lastName: ['Surname', 'Last name', 'Family name', 'Lastname'],
  secondApplicantName: [
    'Second applicant',
    'Applicant 2',
    'Second applicant name',
    'Joint applicant',
    'Partner',
    'Partner name',
  ],
  email: ['Email', 'E-mail', 'Email address', 'E-mail address'],
  phone: [
    'Phone',
    'Tel',
    'Telephone',
    'Mobile',
    'Phone number',
    'Telephone number',
    'Tel no',
    'Mobile number',
    'Contact number',
  ],
  postcode: ['Postcode', 'Post code', 'Postal code'],
  enquiryDate: [
    'Enquiry date',
    'Date of enquiry',
    'Date received',
    'Enquiry received',
    'Date enquiry received',
    'Inquiry date',
    'Date of inquiry',
    'Enquiry',
  ],
  channel: [
    'Source',
    'How did you hear',
    'How did you hear about us',
    'Channel',
    'Enquiry source',
    'Source of enquiry',
    'Enquiry method',
    'Method of enquiry',
    'Contact method',
  ],
  campaign: ['Campaign', 'Campaign code'],
  route: ['Transfer', 'Route', 'Type', 'Transfer in', 'Enquiry type', 'Transferring carer'],
  initialVisitDate: [
    'IV date',
    'IV',
    'Initial visit',
    'Initial visit date',
    'Home visit',
    'Home visit date',
    'Date of IV',
    'Date of initial visit',
    'IV completed',
    'Initial home visit',
  ],
  applicationDate: [
    'Application received',
    'Application date',
    'Application',
    'Date application received',
    'Application form received',
    'Date of application',
  ],
  assessmentDate: [
    'Assessment start',
    'Assessment started',
    'Assessment start date',
    'Assessment date',
    'Start of assessment',
    'Date assessment started',
  ],
  panelDate: ['Panel date', 'Panel', 'Date of panel'],
  approvalDate: ['Approved', 'Approval date', 'Date approved', 'Date of approval'],
  status: ['Status', 'Stage', 'Current status', 'Current stage'],
  reason: [
    'Outcome',
    'Reason',
    'Withdrawal reason',
    'Reason for withdrawal',
    'Closure reason',
    'Reason closed',
    'Reason for closure',
    'Reason for leaving',
    'Deregistration reason',
  ],
  closedDate: [
    'Withdrawn',
    'Date closed',
    'Closed',
    'Closed date',
    'Date withdrawn',
    'Withdrawal date',
    'Date of withdrawal',
    'Closure date',
  ],
  deregisteredDate: [
    'Deregistered',
    'Resigned',
    'Deregistration date',
    'Date deregistered',
    'Date resigned',
    'Resignation date',
  ],
  consentEmail: ['Consent email', 'Email consent', 'Email opt in', 'Consent to email', 'Contact by email'],
  consentPost: ['Consent post', 'Post consent', 'Post opt in', 'Consent to post', 'Contact by post'],
  consentPhone: ['Consent phone', 'Phone consent', 'Phone opt in', 'Consent to phone', 'Contact by phone'],
  consentSms: [
    'Consent SMS',
    'SMS consent',
    'Consent text',
    'Text consent',
    'SMS opt in',
    'Consent to text',
    'Contact by text',
  ],
  notes: ['Notes', 'Comments', 'Comment', 'Note'],
};

/**
 * A lookup from `vocabularyKey` to meaning, built from one of the lists above. Cell values keep
 * their bracketed words (`wordKey`); headers drop them (`headerLookup`).
 */
export function lookup<T>(entries: [string[], T][], brackets: 'drop' | 'keep' = 'keep'): Map<string, T> {
  const map = new Map<string, T>();
  for (const [words, meaning] of entries)
    for (const word of words) {
      const key = vocabularyKey(word, brackets);
      if (!map.has(key)) map.set(key, meaning);
    }
  return map;
}

/** The key a cell value is looked up in the vocabulary by: bracketed words kept. */
export const wordKey = (text: string) => vocabularyKey(text, 'keep');

/** Header key → field. */
export const headerLookup = lookup(
  Object.entries(headerWords).map(([field, words]): [string[], ImportField] => [words, field as ImportField]),
  'drop',
);
