import { handoffsAbout } from '../handoffs/handoffs.repo.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { retentionOf } from '../retention/retention.service.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { emailKey, looseNameKey, normalisePostcode, phoneKey } from '../shared/identity.ts';
import { findDataRequest } from './data-requests.repo.ts';
import type { SubjectAccessSearch } from './data-requests.schema.ts';
import { assemblePack, countRecords } from './subject-access-pack.ts';
import {
  allHeldSubmissions,
  auditAbout,
  enquiryRecords,
  findMatchingPeople,
  householdCore,
  messagesToAddress,
  personRecords,
  requestsAbout,
  type PersonKey,
} from './subject-access.repo.ts';

/** The search as identity keys (shared/identity.ts): the same keys the records were stored with. */
export function personKeyOf(search: SubjectAccessSearch): PersonKey {
  if (search.email) return { by: 'email', emailKey: emailKey(search.email) };
  if (search.phone) return { by: 'phone', phoneE164: phoneKey(search.phone)! };
  return { by: 'name', nameKey: looseNameKey(search.name!), postcode: search.postcode! };
}

interface HeldForm {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  postcode?: string;
}

/** Whether a held public submission (possible spam, still personal data) is the person's. */
function heldMatches(form: HeldForm, key: PersonKey) {
  if (key.by === 'email') return !!form.email && emailKey(form.email) === key.emailKey;
  if (key.by === 'phone') return phoneKey(form.phone) === key.phoneE164;
  const name = looseNameKey(`${form.firstName ?? ''} ${form.lastName ?? ''}`);
  return name === key.nameKey && !!form.postcode && normalisePostcode(form.postcode) === key.postcode;
}

/** Every row about the person, as plain data (the pack's JSON), without the audit entry. */
async function gather(db: Db, agencyId: string, key: PersonKey) {
  const matches = await findMatchingPeople(db, agencyId, key);
  const householdIds = [...new Set(matches.map((m) => m.householdId))];
  const core = await householdCore(db, agencyId, householdIds);
  const enquiryIds = core.enquiries.map((e) => e.id);
  const personIds = core.people.map((p) => p.id);
  const [enquiryRows, personRows, requests, held, retention] = await Promise.all([
    enquiryRecords(db, agencyId, enquiryIds),
    personRecords(db, agencyId, personIds, enquiryIds),
    requestsAbout(db, agencyId, householdIds),
    allHeldSubmissions(db, agencyId),
    householdIds.length ? retentionOf(db, agencyId, householdIds) : new Map(),
  ]);
  const heldSubmissions = held.filter((h) => heldMatches((h.input as { form?: HeldForm }).form ?? {}, key));
  const audit = await auditAbout(db, agencyId, [
    { type: 'household', ids: householdIds },
    { type: 'enquiry', ids: enquiryIds },
    { type: 'person', ids: personIds },
    { type: 'booking', ids: enquiryRows.bookings.map((b) => b.booking.id) },
    { type: 'visit', ids: enquiryRows.visits.map((v) => v.id) },
    { type: 'panel_case', ids: enquiryRows.panels.map((p) => p.case.id) },
    { type: 'assessment_check', ids: enquiryRows.checks.map((c) => c.id) },
    { type: 'held_submission', ids: heldSubmissions.map((h) => h.id) },
  ]);
  const pack = assemblePack({
    subjectPersonIds: new Set(matches.map((m) => m.id)),
    core,
    enquiryRows,
    personRows,
    audit,
    requests,
    retention,
  });
  const knownMessages = new Set(pack.households.flatMap((h) => h.messages.map((m) => m.id)));
  const otherMessages =
    key.by === 'email'
      ? (await messagesToAddress(db, agencyId, key.emailKey)).filter((m) => !knownMessages.has(m.id))
      : [];
  const heldAudit = audit.filter((a) => a.entityType === 'held_submission');
  // A household received through a regional hub: each offer, with the hub's note and any return reason.
  const handoffs = await handoffsAbout(db, agencyId, enquiryIds);
  const extra = heldSubmissions.length + otherMessages.length + heldAudit.length + handoffs.length;
  return {
    ...pack,
    heldSubmissions,
    heldAudit,
    otherMessages,
    handoffs,
    recordCount: countRecords(pack, extra),
  };
}

/**
 * Subject access (UK GDPR art. 15): every record about the person found by email, phone (E.164) or
 * name and postcode, across households, enquiries, history, notes, contact attempts, visits, panels,
 * bookings, tasks, emails (with their bodies), consents, equality answers, held submissions, data
 * requests and the audit entries about them. Records a `subject_access.searched` audit entry naming
 * who searched (the actor), the request, how the person was identified and how many records were
 * found, and never the search terms. Throws not_found when `search.request` is not this agency's.
 */
export async function subjectAccessPack(db: Db, actor: Actor, search: SubjectAccessSearch) {
  if (search.request && !(await findDataRequest(db, actor.agencyId, search.request)))
    throw notFound('The request');
  const key = personKeyOf(search);
  const found = await gather(db, actor.agencyId, key);
  await recordAudit(db, actor, {
    action: 'subject_access.searched',
    entityType: 'data_request',
    entityId: search.request ?? 'none',
    changes: {
      searchedBy: { to: key.by },
      records: { to: found.recordCount },
      households: { to: found.households.length },
    },
  });
  return {
    generatedAt: new Date().toISOString(),
    searchedBy: key.by,
    requestId: search.request ?? null,
    ...found,
  };
}

export type SubjectAccessPack = Awaited<ReturnType<typeof subjectAccessPack>>;
