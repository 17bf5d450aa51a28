import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { findDataRequest } from './data-requests.repo.ts';
import { enquiryRecords, householdCore } from './subject-access.repo.ts';

/**
 * The carer record pack for another fostering service (Fostering Services (England) Regulations
 * 2011, reg. 32: records go to the new provider within 15 working days of its request): the
 * household's people, each enquiry with its approval and history, visits, panels and their
 * decisions, contact attempts and notes. Marketing consents, equality answers and emails are not
 * part of a carer's fostering record and stay behind. Only a household that is or was approved has
 * a carer record (409 otherwise). Each disclosure is audited (request, record count; no names).
 */
export async function transferOutPack(db: Db, actor: Actor, requestId: string) {
  const request = await findDataRequest(db, actor.agencyId, requestId);
  if (!request || request.kind !== 'transfer_out' || !request.householdId)
    throw notFound('The transfer request');
  const core = await householdCore(db, actor.agencyId, [request.householdId]);
  const enquiryIds = core.enquiries.map((e) => e.id);
  const rows = await enquiryRecords(db, actor.agencyId, enquiryIds);
  const approvedAt = rows.history.filter((e) => e.stage === 'approved').map((e) => e.at);
  if (approvedAt.length === 0)
    throw new AppError(
      'conflict',
      'This household has never been approved, so it has no carer record to transfer.',
    );
  const enquiries = core.enquiries.map(({ equalityTokenHash: _hash, ...enquiry }) => ({
    enquiry,
    history: rows.history.filter((e) => e.enquiryId === enquiry.id),
    visits: rows.visits.filter((v) => v.enquiryId === enquiry.id),
    panels: rows.panels
      .filter((p) => p.case.enquiryId === enquiry.id)
      .map((p) => ({ ...p.case, meetsOn: p.meetsOn })),
    contactAttempts: rows.attempts.filter((a) => a.enquiryId === enquiry.id),
    notes: rows.notes.filter((n) => n.enquiryId === enquiry.id),
  }));
  const recordCount =
    core.households.length +
    core.people.length +
    enquiries.reduce(
      (n, e) =>
        n +
        1 +
        e.history.length +
        e.visits.length +
        e.panels.length +
        e.contactAttempts.length +
        e.notes.length,
      0,
    );
  await recordAudit(db, actor, {
    action: 'transfer_out.disclosed',
    entityType: 'data_request',
    entityId: request.id,
    changes: { households: { to: 1 }, records: { to: recordCount } },
  });
  return {
    generatedAt: new Date().toISOString(),
    request: {
      id: request.id,
      recipient: request.recipient,
      receivedOn: request.receivedOn,
      dueOn: request.dueOn,
    },
    household: core.households[0]!,
    people: core.people,
    firstApprovedAt: approvedAt[0]!,
    enquiries,
    recordCount,
  };
}

export type TransferOutPack = Awaited<ReturnType<typeof transferOutPack>>;
