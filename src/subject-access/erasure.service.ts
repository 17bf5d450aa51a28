import { recordAudit } from '../audit/audit.service.ts';
import { londonToday, type IsoDate } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { findHousehold } from '../households/households.repo.ts';
import { lockHouseholds } from '../retention/disposal.repo.ts';
import { redactText } from '../retention/redact.ts';
import { householdIdentity } from '../retention/anonymise.repo.ts';
import { anonymiseHouseholds, identifyingValues } from '../retention/anonymise.service.ts';
import { activeLegalHold } from '../retention/legal-holds.service.ts';
import { retentionOf } from '../retention/retention.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { closeDataRequest } from './data-requests.repo.ts';
import { forgetRequesters } from './forget-requests.service.ts';
import { logRequest } from './data-requests.service.ts';

/** What erasure destroys (through the retention feature's anonymisation), in plain English. */
export const erasedItems = [
  'Names of everyone in the household',
  'Email addresses and phone numbers',
  'The address, except the first part of the postcode (the district, such as NR1)',
  'Dates of birth, except the year',
  'Notes, notes of calls and stage changes, and the addresses, subjects and words of every email sent',
  'Equality monitoring answers',
  'Enquiries from the website held for checking, and saved searches, that name them',
  'Their names, email addresses and phone numbers wherever they appear in the audit log or panel notes',
];

/** What stays, and why: the counted events hold nothing that identifies anyone. */
export const keptItems = [
  {
    what: 'Dates of each stage (enquiry, visit, application, approval…), the route, the campaign, reason codes, bookings and attendance, and the dates and answers of marketing consent',
    why: 'Committee reports, the Ofsted return and campaign figures count these; without names they no longer identify anyone, so published figures stay the same.',
  },
  {
    what: 'The record that this erasure happened (who, when, which household number)',
    why: 'Accountability (UK GDPR art. 5(2)): the service must be able to show it acted on the request.',
  },
];

/** Rules set by law rather than by the service's own schedule: erasure does not override them. */
const STATUTORY_RULES = new Set(['approved_carer', 'application_refused_or_withdrawn', 'connected_person']);

export interface ErasureCheck {
  allowed: boolean;
  /** Why it cannot be erased now, naming the rule (the 409's message). */
  refusal: string | null;
  keepUntil: IsoDate | null;
  basis: string | null;
  hold: { reason: string; placedAt: Date } | null;
}

/**
 * Whether a household's personal data may be erased on request (UK GDPR art. 17): not while a legal
 * hold is in force, nor while reg. 32 of the Fostering Services (England) Regulations 2011 requires
 * its records (an approved carer's: 10 years from the end of approval; a refused or withdrawn
 * application's: 3 years from then). Art. 17(3)(b): erasure does not apply where keeping the data is
 * a legal obligation. An enquiry that never became an application has no statutory minimum: the
 * service's own schedule gives way to the request. Throws not_found for another agency's household.
 */
export async function erasureCheck(
  db: Db,
  actor: Actor,
  householdId: string,
  today = londonToday(),
): Promise<ErasureCheck> {
  if (!(await findHousehold(db, actor.agencyId, householdId))) throw notFound('The household');
  const hold = await activeLegalHold(db, actor.agencyId, householdId);
  const retention = (await retentionOf(db, actor.agencyId, [householdId])).get(householdId) ?? null;
  const base = {
    keepUntil: retention?.keepUntil ?? null,
    basis: retention?.basis ?? null,
    hold: hold ?? null,
  };
  if (retention?.anonymisedAt) {
    const refusal = `This household's personal data was already destroyed on ${retention.anonymisedAt.slice(0, 10)}.`;
    return { allowed: false, refusal, ...base };
  }
  if (hold) {
    const refusal = `A legal hold is in force on this household (placed ${hold.placedAt.toISOString().slice(0, 10)}): nothing about it is erased until the hold is lifted.`;
    return { allowed: false, refusal, ...base };
  }
  const statutory = !!retention && STATUTORY_RULES.has(retention.rule);
  if (statutory && (retention.keepUntil === null || retention.keepUntil >= today)) {
    const until = retention.keepUntil
      ? `until ${retention.keepUntil}`
      : retention.rule === 'approved_carer'
        ? 'while the approval lasts and for years after it ends'
        : 'while the application is open and for years after it is refused or withdrawn';
    // The basis names the regulation and the period ("…, reg. 32: 3 years from the refusal or withdrawal.").
    const refusal = `The law requires these records to be kept ${until}. ${retention.basis}`;
    return { allowed: false, refusal, ...base };
  }
  return { allowed: true, refusal: null, ...base };
}

/**
 * Erases a household's personal data on request: logs an erasure request, then, with the household
 * locked (`lockHouseholds`, so a legal hold placed at the same moment waits or is seen), checks the
 * rules again and either refuses (409 naming the rule: a legal hold, reg. 32, already erased; the
 * request recorded as refused) or anonymises the household (`anonymiseHouseholds(…, 'erasure')`:
 * stage events and figures stay) and records the request as completed. The reason is kept on the
 * request with any of the person's names redacted, never in the audit text. not_found for another
 * agency's household (nothing logged).
 */
export async function eraseHousehold(db: Db, actor: Actor, householdId: string, reason: string) {
  if (!(await findHousehold(db, actor.agencyId, householdId))) throw notFound('The household');
  const today = londonToday();
  const request = await logRequest(db, actor, { kind: 'erasure', householdId, receivedOn: today });
  const done = await db.transaction(async (tx) => {
    await lockHouseholds(tx, actor.agencyId, [householdId]);
    const check = await erasureCheck(tx, actor, householdId, today);
    if (!check.allowed) return { refused: check, counts: null };
    const identity = await householdIdentity(tx, actor.agencyId, [householdId]);
    const names = identifyingValues(identity).exact;
    const counts = await anonymiseHouseholds(tx, actor.agencyId, [householdId], 'erasure');
    const outcome = redactText(reason, names);
    await closeDataRequest(tx, actor.agencyId, request.id, { status: 'completed', closedOn: today, outcome });
    await forgetRequesters(tx, actor.agencyId, [householdId], names);
    await recordAudit(tx, actor, {
      action: 'household.erased',
      entityType: 'household',
      entityId: householdId,
      changes: { request: { to: request.id }, people: { to: identity.personIds.length } },
    });
    return { refused: null, counts };
  });
  if (done.refused) return refuse(db, actor, request.id, householdId, reason, done.refused);
  return { householdId, requestId: request.id, erased: erasedItems, kept: keptItems, counts: done.counts };
}

/** Records the request as refused (with the reason) and throws the 409 that names the rule. */
async function refuse(
  db: Db,
  actor: Actor,
  requestId: string,
  householdId: string,
  reason: string,
  check: ErasureCheck,
): Promise<never> {
  await closeDataRequest(db, actor.agencyId, requestId, {
    status: 'refused',
    closedOn: londonToday(),
    outcome: reason,
  });
  await recordAudit(db, actor, {
    action: 'household.erasure_refused',
    entityType: 'household',
    entityId: householdId,
    changes: { request: { to: requestId } },
  });
  throw new AppError('conflict', check.refusal!, {
    details: { keepUntil: check.keepUntil, legalHold: !!check.hold },
  });
}
