import type { Db } from '../db/db-type.ts';
import { clearHandoffTexts } from '../handoffs/handoffs.repo.ts';
import { emailKey, personKeys, phoneKey } from '../shared/identity.ts';
import {
  ANONYMISED,
  anonymiseHouseholdRows,
  anonymiseMessages,
  anonymisePeopleRows,
  clearAssessmentCheckWords,
  auditChanges,
  clearContactNotes,
  clearExitSurveyWords,
  clearEqualityTokens,
  clearExtensionReasons,
  clearHoldAndDecisionReasons,
  clearNoteBodies,
  clearSessionFlash,
  clearStageEventNotes,
  deleteEqualityAnswers,
  deleteHeldSubmissions,
  deleteReplaysMentioning,
  deleteSavedViews,
  householdIdentity,
  rowsMentioning,
  setPanelNotes,
  updateAuditChanges,
  type HouseholdIdentity,
} from './anonymise.repo.ts';
import { requestsHoldingDetails, scrubRequest } from './data-requests-scrub.repo.ts';
import { redactJson, redactText } from './redact.ts';

export type AnonymiseCause = 'retention' | 'erasure';

/** Rows changed or deleted per kind of record; all zero on a second run. */
export interface AnonymiseCounts {
  households: number;
  people: number;
  stageEventNotes: number;
  contactNotes: number;
  notes: number;
  exitSurveyWords: number;
  equalityTokens: number;
  extensionReasons: number;
  messages: number;
  equalityAnswers: number;
  holdAndDecisionReasons: number;
  replays: number;
  auditEntries: number;
  panelNotes: number;
  savedViews: number;
  heldSubmissions: number;
  sessionMessages: number;
  dataRequests: number;
  /** Hand-off notes and return reasons (src/handoffs/), which may name people. */
  handoffTexts: number;
  assessmentChecks: number;
}

/** Keys whose values are personal wherever an audit entry about the household holds them. */
const personalKeys = [
  'email',
  'phone',
  'firstName',
  'lastName',
  'name',
  'addressLine1',
  'addressLine2',
  'town',
  'postcode',
  'dateOfBirth',
  'note',
  'body',
  'subject',
  'toAddress',
  'message',
  'notes',
];

/**
 * Destroys the personal data of the households (docs/privacy.md lists every table and column, what
 * goes and what stays): names become "Anonymised", contact details and their identity keys go, the
 * address keeps its postcode district, a date of birth its year; notes, message subjects, bodies and
 * addresses, contact and stage notes, equality answers, stored replays, saved views and held
 * submissions that name them go, and audit entries and panel notes lose any value naming them. The
 * counted history (stage events, dates, route, channel, campaign, reason codes, bookings,
 * attendance, consents' dates) stays, so every report is the same before and after.
 *
 * Run it inside the caller's transaction (`tx`) and only for households the caller has checked
 * (retention date passed or erasure allowed, no legal hold: lock them first with `lockHouseholds`
 * and check `activeLegalHold` inside the same transaction). It writes no audit entry: the caller
 * records its own (household ids and these counts only, never names). `cause` is kept on the
 * household (`anonymised_cause`). Idempotent: a second run changes no row
 * (every write is guarded on the value still being there) and returns all zeros.
 */
export async function anonymiseHouseholds(
  tx: Db,
  agencyId: string,
  householdIds: readonly string[],
  cause: AnonymiseCause,
  now = new Date(),
): Promise<AnonymiseCounts> {
  const identity = await householdIdentity(tx, agencyId, householdIds);
  const { enquiryIds, personIds } = identity;
  const values = identifyingValues(identity);
  const counts: AnonymiseCounts = {
    households: await anonymiseHouseholdRows(tx, agencyId, householdIds, cause, now),
    people: await anonymisePeopleRows(tx, agencyId, householdIds, placeholderKeys(), now),
    stageEventNotes: await clearStageEventNotes(tx, enquiryIds),
    contactNotes: await clearContactNotes(tx, enquiryIds),
    notes: await clearNoteBodies(tx, enquiryIds),
    exitSurveyWords: await clearExitSurveyWords(tx, enquiryIds),
    equalityTokens: await clearEqualityTokens(tx, enquiryIds),
    extensionReasons: await clearExtensionReasons(tx, enquiryIds),
    messages: await anonymiseMessages(tx, agencyId, enquiryIds, personIds),
    equalityAnswers: await deleteEqualityAnswers(tx, personIds),
    holdAndDecisionReasons: await clearHoldAndDecisionReasons(tx, agencyId, householdIds),
    replays: await deleteReplaysMentioning(tx, [...householdIds, ...enquiryIds, ...personIds], values.exact),
    auditEntries: await redactAudit(tx, agencyId, values.exact, [
      ...householdIds,
      ...enquiryIds,
      ...personIds,
    ]),
    panelNotes: await redactPanelNotes(tx, agencyId, values.loose),
    savedViews: await deleteMentioning(tx, 'saved_views', agencyId, values.loose, deleteSavedViews),
    heldSubmissions: await deleteMatchingHeldSubmissions(tx, agencyId, identity),
    sessionMessages: await deleteMentioning(tx, 'sessions', agencyId, values.exact, clearSessionFlash),
    dataRequests: await forgetRequesters(tx, agencyId, householdIds, values.exact),
    handoffTexts: await clearHandoffTexts(tx, enquiryIds, ANONYMISED),
    assessmentChecks: await clearAssessmentCheckWords(tx, enquiryIds),
  };
  return counts;
}

const placeholderKeys = () => {
  const keys = personKeys({ firstName: ANONYMISED, lastName: ANONYMISED });
  return { lastNameKey: keys.lastNameKey, nameKey: keys.nameKey };
};

/**
 * What names a person in free text: `exact` (emails, phone numbers as typed and in E.164 and as
 * digits, full names) is safe to look for anywhere; `loose` adds surnames of 3 letters or more, for
 * text written about households (panel notes, saved searches), where a surname alone identifies.
 */
export function identifyingValues(identity: HouseholdIdentity) {
  const exact = new Set<string>();
  const loose = new Set<string>();
  for (const p of identity.people) {
    if (p.firstName === ANONYMISED && p.lastName === ANONYMISED && !p.email && !p.phone) continue;
    exact.add(`${p.firstName} ${p.lastName}`);
    if (p.email) exact.add(p.email.trim());
    if (p.phone) {
      exact.add(p.phone.trim());
      const digits = p.phone.replace(/\D/g, '');
      if (digits.length >= 7) exact.add(digits);
    }
    if (p.phoneE164) exact.add(p.phoneE164);
    if (p.lastName.trim().length >= 3) loose.add(p.lastName.trim());
  }
  return { exact: [...exact], loose: [...exact, ...loose] };
}

async function redactAudit(tx: Db, agencyId: string, values: string[], entityIds: string[]) {
  const found = await rowsMentioning(tx, 'audit_events', agencyId, values, entityIds);
  const entries = await auditChanges(
    tx,
    found.map((r) => r.key),
  );
  const about = new Set(entityIds);
  let changed = 0;
  for (const entry of entries) {
    if (entry.changes === null) continue;
    const keys = about.has(entry.entityId) ? personalKeys : [];
    const redacted = redactJson(entry.changes, values, keys);
    if (JSON.stringify(redacted) === JSON.stringify(entry.changes)) continue;
    await updateAuditChanges(tx, entry.id, redacted);
    changed++;
  }
  return changed;
}

async function redactPanelNotes(tx: Db, agencyId: string, values: string[]) {
  let changed = 0;
  for (const row of await rowsMentioning(tx, 'panels', agencyId, values)) {
    const redacted = redactText(row.text, values);
    if (redacted === row.text) continue;
    await setPanelNotes(tx, row.key, redacted);
    changed++;
  }
  return changed;
}

async function deleteMentioning(
  tx: Db,
  table: 'saved_views' | 'sessions',
  agencyId: string,
  values: string[],
  remove: (tx: Db, keys: string[]) => Promise<number>,
) {
  // Saved searches keep the list's query string, so "jane@example.com" is stored as "jane%40example.com".
  const encoded =
    table === 'saved_views' ? values.map((v) => new URLSearchParams({ q: v }).toString().slice(2)) : [];
  const found = await rowsMentioning(tx, table, agencyId, [...new Set([...values, ...encoded])]);
  return found.length
    ? remove(
        tx,
        found.map((r) => r.key),
      )
    : 0;
}

/** Held (possible spam) submissions from the same person: same email, same phone, or same surname and postcode. */
async function deleteMatchingHeldSubmissions(tx: Db, agencyId: string, identity: HouseholdIdentity) {
  const lastNames = identity.people.map((p) => p.lastName).filter((n) => n !== ANONYMISED);
  const candidates = await rowsMentioning(tx, 'held_submissions', agencyId, [
    ...identity.people.flatMap((p) => [p.email ?? '', p.phone ?? '']).filter(Boolean),
    ...lastNames,
  ]);
  const matches = candidates.filter(({ text }) => {
    const input = JSON.parse(text) as {
      email?: string;
      phone?: string;
      lastName?: string;
      postcode?: string;
    };
    return identity.people.some(
      (p) =>
        (p.email && input.email && emailKey(input.email) === emailKey(p.email)) ||
        (p.phoneE164 && input.phone && phoneKey(input.phone) === p.phoneE164) ||
        (input.lastName &&
          input.postcode &&
          personKeys({ firstName: '', lastName: input.lastName }).lastNameKey ===
            personKeys({ firstName: '', lastName: p.lastName }).lastNameKey &&
          input.postcode.replace(/\s/g, '').toUpperCase() === p.postcode.replace(/\s/g, '').toUpperCase()),
    );
  });
  return matches.length
    ? deleteHeldSubmissions(
        tx,
        matches.map((m) => m.key),
      )
    : 0;
}

/**
 * Data requests about the households keep their kind, dates and status (accountability, UK GDPR
 * art. 5(2)) but not the requester's details, and their outcome text loses any value naming them.
 * Returns how many requests changed (0 on a second run).
 */
async function forgetRequesters(tx: Db, agencyId: string, householdIds: readonly string[], values: string[]) {
  let changed = 0;
  for (const request of await requestsHoldingDetails(tx, agencyId, householdIds)) {
    const outcome = request.outcome === null ? null : redactText(request.outcome, values);
    if (!request.hasRequester && outcome === request.outcome) continue;
    await scrubRequest(tx, request.id, outcome);
    changed++;
  }
  return changed;
}
