/**
 * The household page's "References" part (issue 18 §2): for each referee, where the online form
 * stands (not sent, sent, reminded once or twice, received, link expired), and whether the officer
 * may send it. What a referee wrote is restricted: only managers open it (`management`), and each
 * opening is audited; officers see that it arrived.
 */
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { can } from '../shared/access.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { formatDate } from '../shared/format.ts';
import { DECLARATION, referenceQuestions, referenceStages, refereeKindWords } from './reference-rules.ts';
import { referenceAnswersOf, referenceItemsOf } from './references.repo.ts';

type Item = Awaited<ReturnType<typeof referenceItemsOf>>[number];

/** The status of the online form in words: what the officer needs to know at a glance. */
export function referenceStatus(item: Item, now: Date): string {
  if (item.submittedAt) return `Received online on ${formatDate(item.submittedAt)}`;
  if (item.receivedOn) return `Received on ${formatDate(item.receivedOn)}`;
  if (item.outcome === 'not_needed') return 'Not needed';
  if (!item.linkSentAt) return 'Form not sent';
  const sent = `Sent on ${formatDate(item.linkSentAt)}`;
  if (item.tokenExpiresAt && item.tokenExpiresAt <= now) return `${sent}; the link has expired`;
  if (item.secondReminderAt) return `${sent}; reminded twice (last on ${formatDate(item.secondReminderAt)})`;
  if (item.firstReminderAt) return `${sent}; reminded once on ${formatDate(item.firstReminderAt)}`;
  return sent;
}

/** The referees of one household with the status of their form. */
export async function referencesForHousehold(db: Db, actor: Actor, enquiryId: string, now = new Date()) {
  const items = await referenceItemsOf(db, actor.agencyId, enquiryId);
  const seesAnswers = can(actor.role, 'management');
  return {
    seesAnswers,
    items: items.map((item) => {
      const open = (referenceStages as readonly string[]).includes(item.enquiryStage);
      const answered = !!item.submittedAt || !!item.receivedOn || item.outcome === 'not_needed';
      return {
        id: item.id,
        refereeName: item.refereeName,
        refereeEmail: item.refereeEmail,
        kindLabel: refereeKindWords[item.refereeKind ?? ''] ?? 'Referee',
        typeLabel: item.typeLabel,
        status: referenceStatus(item, now),
        received: !!item.submittedAt,
        canSend: open && !answered && !!item.refereeEmail,
        resend: !!item.linkSentAt,
        canRead: seesAnswers && item.hasAnswers,
      };
    }),
  };
}

/**
 * One referee's answers, for a manager (restricted: docs/assessment.md). Audited as a restricted
 * view, without what it says. Errors: `not_found` when there is no such reference or no answers.
 */
export async function referenceAnswersFor(db: Db, actor: Actor, enquiryId: string, checkId: string) {
  const row = await referenceAnswersOf(db, actor.agencyId, enquiryId, checkId);
  if (!row?.answers) throw notFound('Reference');
  await recordAudit(db, actor, {
    action: 'restricted.viewed',
    entityType: 'assessment_check',
    entityId: checkId,
  });
  const answers = row.answers as Record<string, unknown>;
  return {
    refereeName: row.refereeName,
    kindLabel: refereeKindWords[row.refereeKind ?? ''] ?? 'Referee',
    submittedAt: row.submittedAt,
    questions: (Object.keys(referenceQuestions) as (keyof typeof referenceQuestions)[]).map((key) => ({
      question: referenceQuestions[key],
      answer:
        key === 'concerns'
          ? answers.concerns
            ? 'Yes'
            : 'No'
          : ((answers[key] as string | null | undefined) ?? ''),
    })),
    declaration: (answers.declaration as string | undefined) ?? DECLARATION,
  };
}
