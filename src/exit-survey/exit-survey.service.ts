import { createHmac } from 'node:crypto';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { bookingContact, emailOptedOut } from '../households/households.repo.ts';
import { getAgency } from '../agencies/agencies.repo.ts';
import { dispatchMessages, queueMessage } from '../messages/outbox.service.ts';
import { signingSecret } from '../messages/unsubscribe.service.ts';
import type { Stage } from '../pipeline/stages.ts';
import { safeEqual } from '../shared/tokens.ts';
import { renderTemplate } from '../templates/templates.service.ts';
import {
  LATE_CLOSING_DAYS,
  QUIET_DAYS,
  QUIET_WINDOW_DAYS,
  quietStages,
  RECENT_EMAIL_DAYS,
  SURVEY_VALID_DAYS,
  surveyedCloseReasons,
  unsurveyedOrigins,
} from './exit-survey-rules.ts';
import {
  dueClosings,
  findSurvey,
  insertSurveyOnce,
  linkQuietSurveysToClosings,
  quietHouseholds,
  setSurveyMessage,
} from './exit-survey.repo.ts';

const DAY = 86_400_000;
/** Closings recorded this long ago are still picked up (a worker that was down catches up). */
const CLOSING_LOOKBACK_DAYS = 7;

const sign = (secret: string, surveyId: string) =>
  createHmac('sha256', secret).update(`exit-survey:${surveyId}`).digest('base64url').slice(0, 32);

/** The token in a survey link: the survey's id and a signature, so it needs no sign-in and cannot be guessed. */
export async function surveyToken(db: Db, surveyId: string) {
  return `${surveyId}.${sign(await signingSecret(db), surveyId)}`;
}

/** The survey a token belongs to, if the signature is genuine (whatever its state). */
export async function surveyForToken(db: Db, token: string) {
  const [surveyId, signature, extra] = token.split('.');
  if (extra !== undefined || !surveyId || !signature || !/^[0-9a-f-]{36}$/.test(surveyId)) return undefined;
  if (!safeEqual(signature, sign(await signingSecret(db), surveyId))) return undefined;
  return findSurvey(db, surveyId);
}

interface SurveyOccasion {
  agencyId: string;
  enquiryId: string;
  openedEventId: number;
  trigger: 'closed' | 'quiet';
  stage: Stage;
  closeEventId?: number;
}

/**
 * Writes one household's survey and its email in one transaction, if it may be emailed: an
 * applicant with an email address who has not unsubscribed (here, and again at sending). The
 * survey is unique per spell and the email's key names the survey, so a second run writes nothing.
 * Returns the message id, or undefined when nothing was written.
 */
async function writeSurvey(db: Db, publicUrl: string, occasion: SurveyOccasion, now: Date) {
  return db.transaction(async (tx) => {
    const contact = await bookingContact(tx, occasion.agencyId, occasion.enquiryId);
    if (!contact?.email) return undefined;
    if (await emailOptedOut(tx, occasion.agencyId, contact.personId)) return undefined;
    const survey = await insertSurveyOnce(tx, {
      ...occasion,
      closeEventId: occasion.closeEventId ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SURVEY_VALID_DAYS * DAY),
    });
    if (!survey) return undefined;
    const agency = await getAgency(tx, occasion.agencyId);
    const url = `${publicUrl.replace(/\/$/, '')}/survey/${await surveyToken(tx, survey.id)}`;
    const email = await renderTemplate(tx, occasion.agencyId, 'exit_survey', {
      first_name: contact.firstName,
      agency_name: agency?.name,
      survey_link: { text: '', url },
    });
    const messageId = await queueMessage(tx, {
      agencyId: occasion.agencyId,
      enquiryId: occasion.enquiryId,
      personId: contact.personId,
      to: contact.email,
      trigger: 'exit_survey',
      purpose: 'follow_up',
      idempotencyKey: `exit_survey:${occasion.enquiryId}:${occasion.openedEventId}`,
      subject: email.subject,
      text: email.text,
      html: email.html,
      templateVersionId: email.templateVersionId,
    });
    if (messageId) await setSurveyMessage(tx, survey.id, messageId);
    return messageId;
  });
}

/**
 * The exit-survey sweep (issue 16 §4), run every quarter of an hour by the `exit-surveys` job:
 * 1. quiet surveys learn the closing that ended their spell;
 * 2. households that closed as a withdrawal (AW0–AW5) or for no response in the last week — and
 *    are still closed — are asked why they stopped (never after the service's own decisions);
 *    a closing recorded more than 30 days after it happened is not asked about;
 * 3. households open at enquiry, initial visit, application or assessment with no stage move,
 *    contact attempt or booking for 90 days (up to 104, so old quiet households are not all
 *    asked at once when this starts) are asked, unless emailed in the last 7 days.
 * At most one survey per spell (enquiry or reopening to closing): a household asked while quiet
 * is not asked again when it closes. Idempotent: a second run writes nothing. Returns the new
 * messages' ids (written to the outbox, not yet handed to the send job).
 */
export async function writeExitSurveys(db: Db, publicUrl: string, now = new Date()) {
  await linkQuietSurveysToClosings(db);
  const closings = await dueClosings(db, {
    recordedSince: new Date(now.getTime() - CLOSING_LOOKBACK_DAYS * DAY),
    reasons: surveyedCloseReasons,
    excludedOrigins: unsurveyedOrigins,
    lateDays: LATE_CLOSING_DAYS,
  });
  const quiet = await quietHouseholds(db, {
    now,
    stages: quietStages,
    excludedOrigins: unsurveyedOrigins,
    quietDays: QUIET_DAYS,
    windowDays: QUIET_WINDOW_DAYS,
    recentEmailDays: RECENT_EMAIL_DAYS,
  });
  const ids: string[] = [];
  for (const closing of closings) {
    const id = await writeSurvey(db, publicUrl, { ...closing, trigger: 'closed' }, now);
    if (id) ids.push(id);
  }
  for (const household of quiet) {
    const id = await writeSurvey(db, publicUrl, { ...household, trigger: 'quiet' }, now);
    if (id) ids.push(id);
  }
  return ids;
}

/** The sweep, then the new emails handed to the send job (the outbox relay catches any left). */
export async function queueExitSurveys(deps: Pick<AppDeps, 'db' | 'queues' | 'config'>, now = new Date()) {
  const ids = await writeExitSurveys(deps.db, deps.config.PUBLIC_URL, now);
  await dispatchMessages(deps.queues, ids);
  return ids.length;
}
