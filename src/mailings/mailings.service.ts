import type { z } from 'zod';
import { getAgency } from '../agencies/agencies.repo.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import type { Progress } from '../jobs/contracts.ts';
import { enqueue } from '../jobs/queues.ts';
import { bookableSessions } from '../events/events.service.ts';
import { dispatchMessages, queueMessage } from '../messages/outbox.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { formatDate } from '../shared/format.ts';
import { render } from '../templates/render.ts';
import {
  findMailing,
  findMailingById,
  insertMailing,
  markSending,
  recordProgress,
  segmentRecipients,
  type MailingRow,
} from './mailings.repo.ts';
import type { MailingForm } from './mailings.schema.ts';

const BATCH = 200;

export async function createMailing(db: Db, actor: Actor, input: z.output<typeof MailingForm>) {
  return db.transaction(async (tx) => {
    const mailing = await insertMailing(tx, {
      agencyId: actor.agencyId,
      name: input.name,
      subject: input.subject,
      body: input.body,
      segment: { enquiredWithinMonths: input.enquiredWithinMonths, stages: input.stages },
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'mailing.created',
      entityType: 'mailing',
      entityId: mailing.id,
      changes: { name: { to: input.name }, segment: { to: mailing.segment } },
    });
    return mailing;
  });
}

async function placeholderValues(db: Db, agencyId: string) {
  const [agency, [next]] = await Promise.all([
    getAgency(db, agencyId),
    bookableSessions(db, agencyId, new Date(), 1),
  ]);
  return {
    agency_name: agency?.name,
    next_session_date: next?.startsAt ? formatDate(next.startsAt) : undefined,
  };
}

/** A mailing with how many it would reach now, and its words shown for a sample person. */
export async function mailingDetail(db: Db, actor: Actor, id: string) {
  const mailing = await findMailing(db, actor.agencyId, id);
  if (!mailing) throw notFound('Mailing');
  const reach =
    mailing.status === 'draft' ? (await segmentRecipients(db, actor.agencyId, mailing.segment)).length : null;
  const preview = render(mailing.subject, mailing.body, {
    ...(await placeholderValues(db, actor.agencyId)),
    first_name: 'Sam',
  });
  return { mailing, reach, preview };
}

/** Starts sending: the count is fixed now, and a job writes the emails in batches, reporting progress. */
export async function startMailing(deps: Pick<AppDeps, 'db' | 'queues'>, actor: Actor, id: string) {
  const recipients = await segmentRecipients(
    deps.db,
    actor.agencyId,
    (await mailingDetail(deps.db, actor, id)).mailing.segment,
  );
  if (recipients.length === 0)
    throw new AppError('conflict', 'Nobody is in this mailing list, so there is nothing to send.');
  const started = await deps.db.transaction(async (tx) => {
    const row = await markSending(tx, actor.agencyId, id, recipients.length);
    if (row)
      await recordAudit(tx, actor, {
        action: 'mailing.sent',
        entityType: 'mailing',
        entityId: id,
        changes: { total: { to: recipients.length } },
      });
    return row;
  });
  if (!started) throw new AppError('conflict', 'This mailing has already been sent.');
  await enqueue(deps.queues, 'send-mailing', { mailingId: id }, { jobId: `mailing-${id}` });
}

/**
 * The send job's work: one outbox row per recipient, keyed by mailing and person so that a job
 * run twice (or resumed after a crash) writes nobody twice. Consent is checked again at sending.
 */
export async function writeMailing(
  deps: Pick<AppDeps, 'db' | 'queues'>,
  mailing: MailingRow,
  onProgress?: Progress,
) {
  const recipients = await segmentRecipients(deps.db, mailing.agencyId, mailing.segment);
  const values = await placeholderValues(deps.db, mailing.agencyId);
  let written = 0;
  for (let i = 0; i < recipients.length; i += BATCH) {
    const ids = await deps.db.transaction(async (tx) => {
      const batch: (string | undefined)[] = [];
      for (const r of recipients.slice(i, i + BATCH)) {
        const email = render(mailing.subject, mailing.body, { ...values, first_name: r.firstName });
        batch.push(
          await queueMessage(tx, {
            agencyId: mailing.agencyId,
            enquiryId: r.enquiryId,
            personId: r.personId,
            to: r.email,
            trigger: 'mailing',
            purpose: 'marketing',
            idempotencyKey: `mailing:${mailing.id}:${r.personId}`,
            subject: email.subject,
            text: email.text,
            html: email.html,
          }),
        );
      }
      return batch;
    });
    written = Math.min(recipients.length, i + BATCH);
    await recordProgress(deps.db, mailing.id, written, false);
    await onProgress?.(Math.round((written / recipients.length) * 100));
    await dispatchMessages(deps.queues, ids);
  }
  await recordProgress(deps.db, mailing.id, written, true);
  return written;
}

/** The send job's run: the emails written (undefined when the mailing is gone or was never started). */
export async function sendMailing(
  deps: Pick<AppDeps, 'db' | 'queues'>,
  mailingId: string,
  onProgress?: Progress,
) {
  const mailing = await findMailingById(deps.db, mailingId);
  if (!mailing || mailing.status === 'draft') return undefined;
  return writeMailing(deps, mailing, onProgress);
}
