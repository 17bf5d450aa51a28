import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { addDays, startOfLondonDay, type IsoDate } from '../calendar/dates.ts';
import { equalityKeys, equalityQuestions, SMALL_NUMBER } from './equality-questions.ts';
import { equalityCounts, equalityResponseCount } from './equality.repo.ts';

/**
 * Equality monitoring as totals only, with small numbers suppressed so nobody can be identified.
 * Each view is audited: it is restricted information even in aggregate. With a period (London dates,
 * inclusive), only answers recorded in it count; without one, all answers.
 */
export async function equalitySummary(db: Db, actor: Actor, period?: { from: IsoDate; to: IsoDate }) {
  const recorded = period && {
    from: startOfLondonDay(period.from),
    before: startOfLondonDay(addDays(period.to, 1)),
  };
  const responses = await equalityResponseCount(db, actor.agencyId, recorded);
  const questions = [];
  for (const key of equalityKeys) {
    const counts = await equalityCounts(db, actor.agencyId, key, recorded);
    const { question, options } = equalityQuestions[key];
    questions.push({
      key,
      question,
      rows: [...Object.entries(options), ['not_answered', 'Not answered'] as const].map(([value, label]) => {
        const n = counts.find((c) => c.answer === value)?.n ?? 0;
        return { label, count: n > 0 && n < SMALL_NUMBER ? null : n };
      }),
    });
  }
  await recordAudit(db, actor, { action: 'equality.viewed', entityType: 'report', entityId: 'equality' });
  return { responses, questions, smallNumber: SMALL_NUMBER, period };
}
