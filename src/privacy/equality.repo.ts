import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { equalityMonitoring, type EqualityAnswers } from './equality.table.ts';

export async function upsertEqualityAnswers(
  db: Db,
  agencyId: string,
  personId: string,
  answers: EqualityAnswers,
) {
  await db
    .insert(equalityMonitoring)
    .values({ agencyId, personId, answers })
    .onConflictDoUpdate({ target: equalityMonitoring.personId, set: { answers, recordedAt: new Date() } });
}

/** Answers recorded from `from` (inclusive) to `before` (exclusive); all of them without one. */
export type RecordedBetween = { from: Date; before: Date } | undefined;

const recordedIn = (period: RecordedBetween) =>
  period ? sql`and recorded_at >= ${period.from} and recorded_at < ${period.before}` : sql``;

/** Counts per answer for one question, across the agency: the only way equality data is ever read. */
export async function equalityCounts(
  db: Db,
  agencyId: string,
  question: keyof EqualityAnswers,
  period?: RecordedBetween,
) {
  return rows<{ answer: string; n: number }>(
    db,
    sql`select coalesce(answers ->> ${question}, 'not_answered') as answer, count(*)::int as n
        from ${equalityMonitoring} where agency_id = ${agencyId} ${recordedIn(period)}
        group by 1 order by 2 desc`,
  );
}

export async function equalityResponseCount(db: Db, agencyId: string, period?: RecordedBetween) {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${equalityMonitoring}
        where agency_id = ${agencyId} ${recordedIn(period)}`,
  );
  return row!.n;
}
