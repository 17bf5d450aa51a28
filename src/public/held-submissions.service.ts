import type { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { bookFromPublicForm } from '../events/bookings.service.ts';
import { findEvent } from '../events/events.repo.ts';
import { createEnquiry } from '../enquiries/enquiries.service.ts';
import type { consentChannels } from '../privacy/consents.table.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import {
  heldCounts,
  insertHeldSubmission,
  listHeldSubmissions,
  takeHeldSubmission,
} from './held-submissions.repo.ts';
import type { HoldReason } from './held-submissions.table.ts';
import type { PublicEnquiry } from './public-enquiry.schema.ts';
import { noteUnbookedSession, publicActor, toCreateEnquiry } from './public-enquiry.service.ts';

type Form = z.output<typeof PublicEnquiry>;
type Consent = Record<(typeof consentChannels)[number], boolean>;
interface HeldInput {
  form: Form;
  consent: Consent;
}

export const holdReasonLabels: Record<HoldReason, string> = {
  honeypot: 'A hidden field that people never see was filled in',
  bad_timing_token: 'The form came back without a valid "form shown at" stamp',
  too_fast: 'The form was sent within 3 seconds of being shown',
};

/**
 * Keeps a plausible public enquiry that looks automated, out of the pipeline, reports and emails
 * until staff review it. It is checked as an accepted one would be, so releasing it cannot fail on
 * its content. Spam signals never discard what a person sent: a held one is released or deleted by staff.
 */
export async function holdSubmission(
  db: Db,
  agencyId: string,
  reason: HoldReason,
  form: Form,
  consent: Consent,
  receivedAt = new Date(),
) {
  toCreateEnquiry(form, consent);
  return db.transaction(async (tx) => {
    const held = await insertHeldSubmission(tx, {
      agencyId,
      reason,
      receivedAt,
      input: { form, consent } satisfies HeldInput as unknown as Record<string, unknown>,
    });
    await recordAudit(tx, publicActor(agencyId), {
      action: 'held_submission.held',
      entityType: 'held_submission',
      entityId: held.id,
      changes: { reason: { to: reason } },
    });
    return held;
  });
}

/** The list page: what is held (oldest first), and counts of the last 30 days' decisions. */
export async function heldList(db: Db, agencyId: string) {
  const items = (await listHeldSubmissions(db, agencyId)).map((row) => {
    const { form } = row.input as unknown as HeldInput;
    return { id: row.id, receivedAt: row.receivedAt, reason: holdReasonLabels[row.reason], ...form };
  });
  return { items, counts: await heldCounts(db, agencyId) };
}

/**
 * Releases a held submission: it becomes an enquiry from the public form, received when it was sent
 * (its first-contact deadline counts from then), and the welcome email is queued now. The audit
 * records who released it, never what it said.
 */
export async function releaseHeld(deps: Pick<AppDeps, 'db' | 'queues'>, actor: Actor, id: string) {
  const { enquiry, sessionId } = await deps.db.transaction(async (tx) => {
    const held = await takeHeldSubmission(tx, actor.agencyId, id);
    if (!held) throw notFound('Held enquiry');
    const { form, consent } = held.input as unknown as HeldInput;
    const input = toCreateEnquiry(form, consent, held.receivedAt);
    const created = await createEnquiry(tx, publicActor(actor.agencyId), input, 'public_form');
    await recordAudit(tx, actor, {
      action: 'held_submission.released',
      entityType: 'held_submission',
      entityId: id,
      changes: { reason: { to: held.reason }, enquiryId: { to: created.id } },
    });
    return { enquiry: created, sessionId: form.sessionId };
  });
  // The session they asked for, if it is still to come.
  if (sessionId) {
    const session = await findEvent(deps.db, actor.agencyId, sessionId);
    const booked =
      session?.startsAt && session.startsAt > new Date()
        ? await bookFromPublicForm(deps, actor.agencyId, sessionId, enquiry.id)
        : undefined;
    if (!booked) await noteUnbookedSession(deps.db, actor.agencyId, enquiry.id);
  }
  return enquiry;
}

/** Deletes a held submission for good (it was spam). The audit records who, never what it said. */
export async function deleteHeld(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const held = await takeHeldSubmission(tx, actor.agencyId, id);
    if (!held) throw notFound('Held enquiry');
    await recordAudit(tx, actor, {
      action: 'held_submission.deleted',
      entityType: 'held_submission',
      entityId: id,
      changes: { reason: { to: held.reason } },
    });
  });
}
