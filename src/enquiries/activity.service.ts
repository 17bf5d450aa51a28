import { recordAudit } from '../audit/audit.service.ts';
import { leaveNurturePool } from '../nurture/nurture-membership.ts';
import type { Db } from '../db/client.ts';
import { resolveEventTime } from '../pipeline/event-time.ts';
import type { Actor } from '../shared/actor.ts';
import { fieldError, notFound } from '../shared/errors.ts';
import { activeUsers } from '../users/users.service.ts';
import { insertContactAttempt, insertNote } from './activity.repo.ts';
import type { z } from 'zod';
import type { AddNote, Assign, ContactAttempt } from './enquiries.schema.ts';
import {
  clearPossibleDuplicates,
  findEnquiry,
  setAssignedOfficer,
  setFirstContacted,
} from './enquiries.repo.ts';

/** The enquiry, or a not-found error: for pages and services acting on one household. */
export async function requireEnquiry(db: Db, actor: Actor, id: string) {
  const enquiry = await findEnquiry(db, actor.agencyId, id);
  if (!enquiry) throw notFound('Enquiry');
  return enquiry;
}

/** Records an attempt to reach the household; the first one stops the first-contact clock. */
export async function recordContactAttempt(
  db: Db,
  actor: Actor,
  enquiryId: string,
  input: z.output<typeof ContactAttempt>,
) {
  return db.transaction(async (tx) => {
    const enquiry = await requireEnquiry(tx, actor, enquiryId);
    const at = resolveEventTime(input.at, enquiry.receivedAt);
    const attempt = await insertContactAttempt(tx, {
      agencyId: actor.agencyId,
      enquiryId,
      at,
      method: input.method,
      outcome: input.outcome,
      note: input.note ?? null,
      recordedBy: actor.userId,
    });
    await setFirstContacted(tx, actor.agencyId, enquiryId, at);
    // Reaching them is their reply: a household in the nurture pool comes back into the pipeline.
    if (input.outcome === 'reached') await leaveNurturePool(tx, actor, enquiryId, 'reply', at);
    await recordAudit(tx, actor, {
      action: 'enquiry.contact_recorded',
      entityType: 'enquiry',
      entityId: enquiryId,
      changes: { method: { to: input.method }, outcome: { to: input.outcome }, at: { to: at.toISOString() } },
    });
    return attempt;
  });
}

export async function addNote(db: Db, actor: Actor, enquiryId: string, input: z.output<typeof AddNote>) {
  return db.transaction(async (tx) => {
    await requireEnquiry(tx, actor, enquiryId);
    const note = await insertNote(tx, {
      agencyId: actor.agencyId,
      enquiryId,
      body: input.body,
      authorId: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'enquiry.note_added',
      entityType: 'enquiry',
      entityId: enquiryId,
      changes: { note: { to: note.id } },
    });
    return note;
  });
}

export async function assignOfficer(db: Db, actor: Actor, enquiryId: string, input: z.output<typeof Assign>) {
  if (input.assignedOfficerId) {
    const staff = await activeUsers(db, actor.agencyId);
    if (
      !staff.some((u) => u.id === input.assignedOfficerId && (u.role === 'officer' || u.role === 'manager'))
    ) {
      throw fieldError('assignedOfficerId', 'Select an officer from the list');
    }
  }
  return db.transaction(async (tx) => {
    const enquiry = await requireEnquiry(tx, actor, enquiryId);
    await setAssignedOfficer(tx, actor.agencyId, enquiryId, input.assignedOfficerId);
    await recordAudit(tx, actor, {
      action: 'enquiry.assigned',
      entityType: 'enquiry',
      entityId: enquiryId,
      changes: { assignedOfficerId: { from: enquiry.assignedOfficerId, to: input.assignedOfficerId } },
    });
  });
}

/** An officer has checked the possible duplicates the public form flagged. */
export async function dismissDuplicates(db: Db, actor: Actor, enquiryId: string) {
  await db.transaction(async (tx) => {
    await requireEnquiry(tx, actor, enquiryId);
    await clearPossibleDuplicates(tx, actor.agencyId, enquiryId);
    await recordAudit(tx, actor, {
      action: 'enquiry.duplicates_dismissed',
      entityType: 'enquiry',
      entityId: enquiryId,
    });
  });
}

/** Officers and managers who can hold a caseload, for assignment lists. */
export async function caseworkers(db: Db, agencyId: string) {
  return (await activeUsers(db, agencyId)).filter((u) => u.role === 'officer' || u.role === 'manager');
}
