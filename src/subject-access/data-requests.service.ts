import type { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import { londonToday } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { findHousehold } from '../households/households.repo.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import {
  closeDataRequest,
  findDataRequest,
  insertDataRequest,
  listDataRequests,
  type DataRequest,
} from './data-requests.repo.ts';
import type { CloseRequest, LogSubjectAccess, LogTransferOut } from './data-requests.schema.ts';
import type { DataRequestKind } from './data-requests.table.ts';
import { clockState, dueOnFor } from './request-clock.ts';

export const kindLabels: Record<DataRequestKind, string> = {
  subject_access: 'Subject access',
  erasure: 'Erasure',
  transfer_out: 'Transfer out',
};

/** The request's audit entry: what kind, when due; never the requester's details. */
const auditLogged = (db: Db, actor: Actor, request: DataRequest) =>
  recordAudit(db, actor, {
    action: 'data_request.logged',
    entityType: 'data_request',
    entityId: request.id,
    changes: {
      kind: { to: request.kind },
      dueOn: { to: request.dueOn },
      householdId: { to: request.householdId },
    },
  });

/** Logs a request with its due date from the statutory clock (request-clock.ts) and audits it. */
export async function logRequest(
  db: Db,
  actor: Actor,
  values: Pick<DataRequest, 'kind' | 'receivedOn'> &
    Partial<Pick<DataRequest, 'householdId' | 'requester' | 'recipient'>>,
) {
  const calendar = await calendarFor(db);
  return db.transaction(async (tx) => {
    const request = await insertDataRequest(tx, {
      agencyId: actor.agencyId,
      ...values,
      dueOn: dueOnFor(values.kind, values.receivedOn, calendar),
      handlerId: actor.userId,
      createdBy: actor.userId,
    });
    await auditLogged(tx, actor, request);
    return request;
  });
}

/** "Log a subject access request": the minimum to find the person's records and reply. */
export function logSubjectAccess(db: Db, actor: Actor, input: z.output<typeof LogSubjectAccess>) {
  const { receivedOn, requesterName, email, phone, postcode } = input;
  const requester = Object.fromEntries(
    Object.entries({ name: requesterName, email, phone, postcode }).filter(([, v]) => v !== undefined),
  );
  return logRequest(db, actor, { kind: 'subject_access', receivedOn, requester });
}

/** A transfer-out request for this agency's household (404 for another agency's). */
export async function logTransferOut(
  db: Db,
  actor: Actor,
  householdId: string,
  input: z.output<typeof LogTransferOut>,
) {
  if (!(await findHousehold(db, actor.agencyId, householdId))) throw notFound('The household');
  return logRequest(db, actor, { kind: 'transfer_out', householdId, ...input });
}

/** The register: open requests with their clock state, then recently closed ones. */
export async function requestRegister(db: Db, agencyId: string, today = londonToday()) {
  const { open, closed } = await listDataRequests(db, agencyId);
  const withClock = (r: (typeof open)[number]) => ({
    ...r.request,
    handlerName: r.handlerName,
    postcode: r.postcode,
    clock: clockState(r.request.status, r.request.dueOn, today),
  });
  const openRows = open.map(withClock);
  return {
    open: openRows,
    closed: closed.map(withClock),
    overdue: openRows.filter((r) => r.clock === 'overdue').length,
    dueSoon: openRows.filter((r) => r.clock === 'due_soon' || r.clock === 'due_today').length,
  };
}

export async function requestDetail(db: Db, agencyId: string, id: string, today = londonToday()) {
  const request = await findDataRequest(db, agencyId, id);
  if (!request) throw notFound('The request');
  return { ...request, clock: clockState(request.status, request.dueOn, today) };
}

/** Closes an open request (completed, refused, withdrawn); 409 when it is closed already. */
export async function closeRequest(db: Db, actor: Actor, id: string, input: z.output<typeof CloseRequest>) {
  await requestDetail(db, actor.agencyId, id);
  return db.transaction(async (tx) => {
    const closed = await closeDataRequest(tx, actor.agencyId, id, {
      status: input.status,
      closedOn: londonToday(),
      outcome: input.outcome ?? null,
    });
    if (!closed) throw new AppError('conflict', 'This request is closed already.');
    await recordAudit(tx, actor, {
      action: 'data_request.closed',
      entityType: 'data_request',
      entityId: id,
      changes: { status: { from: 'open', to: input.status } },
    });
    return closed;
  });
}
