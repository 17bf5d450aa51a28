import { and, eq } from 'drizzle-orm';
import {
  assessmentChecks,
  checkTypes,
  type RefereeKind,
} from '../../src/assessment-checks/assessment-checks.table.ts';
import type { Db } from '../../src/db/client.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry } from '../factories.ts';

/** A household moved through to assessment by the real pipeline service. */
export async function assessingHousehold(db: Db, actor: Actor, applicants?: Record<string, unknown>[]) {
  const enquiry = await makeEnquiry(db, actor.agencyId, applicants ? { applicants } : {});
  for (const to of ['initial_visit', 'application', 'assessment']) {
    await transition(db, actor, enquiry.id, parse(Transition, { to }));
  }
  return enquiry;
}

/** The service's reference type for a kind of referee (made once per agency). */
export async function refereeType(
  db: Db,
  agencyId: string,
  kind: RefereeKind = 'personal',
  expectedDays = 21,
) {
  const key = `${kind}_reference_test`;
  await db
    .insert(checkTypes)
    .values({
      agencyId,
      key,
      label: `Reference (${kind})`,
      stage: 1,
      appliesTo: 'each_referee',
      refereeKind: kind,
      expectedTurnaroundDays: expectedDays,
    })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(checkTypes)
    .where(and(eq(checkTypes.agencyId, agencyId), eq(checkTypes.key, key)));
  return row!;
}

/** A referee named for the household: one checklist item, not yet asked for. */
export async function refereeItem(
  db: Db,
  agencyId: string,
  enquiryId: string,
  referee: { name?: string; email?: string | null; kind?: RefereeKind } = {},
) {
  const type = await refereeType(db, agencyId, referee.kind ?? 'personal');
  const [row] = await db
    .insert(assessmentChecks)
    .values({
      agencyId,
      enquiryId,
      checkTypeId: type.id,
      refereeName: referee.name ?? 'Jo Bloggs',
      refereeEmail: referee.email === undefined ? 'jo.bloggs@referees.example' : referee.email,
      refereeKind: referee.kind ?? 'personal',
    })
    .returning();
  return row!;
}

export const checkRow = async (db: Db, id: string) =>
  (await db.select().from(assessmentChecks).where(eq(assessmentChecks.id, id)))[0]!;

/** A complete, valid reference form. */
export const goodAnswers = {
  howLong: '12 years',
  howKnown: 'We are neighbours and our children grew up together.',
  withChildren: 'They are patient and kind with my children and their nieces.',
  suitability: 'Yes. They are calm, warm and reliable.',
  concerns: 'no',
  declaredName: 'Jo Bloggs',
  declaration: 'confirmed',
};

/** The link path in an email body. */
export const linkIn = (body: string) =>
  new URL(/https?:\/\/\S+\/reference\/[A-Za-z0-9_-]+/.exec(body)![0]).pathname;
