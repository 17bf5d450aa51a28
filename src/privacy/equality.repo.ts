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

/** Counts per answer for one question, across the agency: the only way equality data is ever read. */
export async function equalityCounts(db: Db, agencyId: string, question: keyof EqualityAnswers) {
  return rows<{ answer: string; n: number }>(
    db,
    sql`select coalesce(answers ->> ${question}, 'not_answered') as answer, count(*)::int as n
        from ${equalityMonitoring} where agency_id = ${agencyId} group by 1 order by 2 desc`,
  );
}

export async function equalityResponseCount(db: Db, agencyId: string) {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${equalityMonitoring} where agency_id = ${agencyId}`,
  );
  return row!.n;
}
