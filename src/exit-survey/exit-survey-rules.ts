/**
 * Who is asked why they stopped, what they are asked, and how their answer maps to Ofsted's
 * withdrawal codes (issue 16 §4). Pure rules, no I/O: the service and the pages read them here.
 */
import { closeReasons, type CloseReason, type Stage } from '../pipeline/stages.ts';

/** Withdrawal codes in Ofsted's annual fostering data collection, in its order (AW0 last). */
export const withdrawalCodes = ['AW1', 'AW2', 'AW3', 'AW4', 'AW5', 'AW0'] as const;
export type WithdrawalCode = (typeof withdrawalCodes)[number];

export const isWithdrawalCode = (code: string | null | undefined): code is WithdrawalCode =>
  (withdrawalCodes as readonly string[]).includes(code ?? '');

/**
 * Closing reasons whose household is asked: the applicant's own withdrawal (AW0–AW5) and a
 * household that stopped answering (`no_response`). Never the service's own decisions
 * (`not_suitable`, `not_recommended`, `refused`): asking someone the service turned down "why did
 * you stop?" is wrong, and their reason is the service's, already recorded.
 */
export const surveyedCloseReasons: readonly CloseReason[] = [...withdrawalCodes, 'no_response'];

/** Open stages at which a household that goes quiet is asked (not at panel: a date is booked). */
export const quietStages = [
  'enquiry',
  'initial_visit',
  'application',
  'assessment',
] as const satisfies readonly Stage[];

/** Days with no stage move, contact attempt or booking before a household counts as quiet. */
export const QUIET_DAYS = 90;
/** A quiet household not asked within this many days of reaching 90 is not asked late. */
export const QUIET_WINDOW_DAYS = 14;
/** A household emailed in the last this-many days waits, so two emails never arrive together. */
export const RECENT_EMAIL_DAYS = 7;
/** A closing recorded this long after it happened gets no survey: a stale question is intrusive. */
export const LATE_CLOSING_DAYS = 30;
/** How long the link in the email works. */
export const SURVEY_VALID_DAYS = 60;
/** The longest answer "in your own words" (characters), about a page of writing. */
export const OWN_WORDS_MAX = 1200;

/** Where a household came from: demo households and imported history are never emailed. */
export const unsurveyedOrigins: readonly string[] = ['demo', 'import'];

/** The choices on the survey page, in the applicant's words, each suggesting one code. */
export const surveyChoices = {
  not_expected: { text: 'Fostering wasn’t what I expected', code: 'AW1' },
  assessment: { text: 'The assessment wasn’t what I expected', code: 'AW2' },
  circumstances: {
    text: 'My circumstances changed',
    hint: 'For example, a new job, a move, or a change in my health or family',
    code: 'AW3',
  },
  money: { text: 'Money: I couldn’t afford to foster', code: 'AW4' },
  allegations: { text: 'I was worried about being accused of something (allegations)', code: 'AW5' },
  something_else: { text: 'Something else', code: 'AW0' },
} as const satisfies Record<string, { text: string; hint?: string; code: WithdrawalCode }>;
export type SurveyChoice = keyof typeof surveyChoices;
export const surveyChoiceKeys = Object.keys(surveyChoices) as SurveyChoice[];

export const isSurveyChoice = (value: string | null | undefined): value is SurveyChoice =>
  !!value && Object.hasOwn(surveyChoices, value);

/** The code an answer suggests to the officer; none when they only wrote in their own words. */
export const suggestedCode = (choice: string | null | undefined): WithdrawalCode | null =>
  isSurveyChoice(choice) ? surveyChoices[choice].code : null;

/** "AW4: <Ofsted's wording>" (the wording lives with the codes in stages.ts). */
export const codeWithWording = (code: string) =>
  `${code}: ${(closeReasons as Record<string, string>)[code] ?? code}`;

/** Whether a closing was the applicant stopping (and so is surveyed), not a decision of the service. */
export const isSurveyedClosing = (reason: string | null | undefined) =>
  (surveyedCloseReasons as readonly string[]).includes(reason ?? '');

/**
 * Whether the officer may make the suggested code the closing reason: the closing was the
 * applicant stopping (a withdrawal or no response), the answer suggests a code, nothing was
 * accepted yet and the suggestion differs from what is recorded.
 */
export function canAcceptSuggestion(survey: {
  choice: string | null;
  acceptedCode: string | null;
  closeReason: string | null;
}) {
  const code = suggestedCode(survey.choice);
  return (
    !!code && !survey.acceptedCode && isSurveyedClosing(survey.closeReason) && code !== survey.closeReason
  );
}
