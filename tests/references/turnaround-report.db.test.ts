import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { assessmentChecks, checkTypes } from '../../src/assessment-checks/assessment-checks.table.ts';
import { daysBetween } from '../../src/calendar/dates.ts';
import { createEvent } from '../../src/events/events.service.ts';
import { recordAttendance } from '../../src/events/bookings.service.ts';
import { trainingState } from '../../src/events/household-training.ts';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { funnelReport } from '../../src/reports/funnel.service.ts';
import { FunnelQuery } from '../../src/reports/reports.schema.ts';
import { assessmentStageSplit, turnaroundReport } from '../../src/reports/turnaround.service.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry, onlineSessionDefaults } from '../factories.ts';
import { useDbContext } from '../helpers/db-context.ts';
import { assessingHousehold, refereeType } from './reference-fixtures.ts';

const PERIOD = { from: '2026-04-01', to: '2026-09-30' };
const TODAY = '2026-10-20';

/** Nearest-rank percentile of a plain list, written apart from src/reports/percentiles.ts. */
function nearestRank(values: number[], p: number) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/**
 * Where time goes (issue 18 §5): the turnaround report against hand-computed medians and 90th
 * percentiles and an independent count from the raw rows; the stage 1 / stage 2 split; and
 * preparation training, which is never counted as an information session. PostgreSQL and PGlite.
 */
describe('the turnaround report, the assessment stages and preparation training', () => {
  const ctx = useDbContext();
  const db = () => ctx().database.db;

  async function dbsType() {
    const [row] = await db()
      .insert(checkTypes)
      .values({
        agencyId: ctx().agencyId,
        key: 'dbs_test',
        label: 'DBS (test)',
        stage: 1,
        appliesTo: 'household',
        expectedTurnaroundDays: 10,
        // Inactive: the checklist made at application leaves it out, so the test makes each item itself.
        active: false,
      })
      .returning();
    return row!;
  }
  const item = (
    enquiryId: string,
    checkTypeId: string,
    values: Partial<typeof assessmentChecks.$inferInsert>,
  ) =>
    db()
      .insert(assessmentChecks)
      .values({ agencyId: ctx().agencyId, enquiryId, checkTypeId, ...values })
      .returning()
      .then((r) => r[0]!);

  it('gives hand-computed medians, 90th percentiles, late items and households waiting, and matches the raw rows', async () => {
    const dbs = await dbsType();
    const personal = await refereeType(db(), ctx().agencyId, 'personal');
    const employer = await refereeType(db(), ctx().agencyId, 'employer');
    // Received DBS checks: 3, 5, 8, 12, 20 days (two later than the 10 expected), one per household.
    for (const [requestedOn, receivedOn] of [
      ['2026-05-01', '2026-05-04'],
      ['2026-05-01', '2026-05-06'],
      ['2026-06-01', '2026-06-09'],
      ['2026-06-01', '2026-06-13'],
      ['2026-09-20', '2026-10-10'], // received after the period: not counted
      ['2026-03-01', '2026-04-01'], // 31 days, received on the first day: counted
    ]) {
      const h = await assessingHousehold(db(), ctx().officer);
      await item(h.id, dbs.id, { status: 'received', requestedOn, receivedOn });
    }
    const noRequestDate = await assessingHousehold(db(), ctx().officer);
    await item(noRequestDate.id, dbs.id, { status: 'received', receivedOn: '2026-06-01' });
    // References: personal 2, 4, 6, 30 days; employer 7.
    const refs = await assessingHousehold(db(), ctx().officer);
    for (const [kind, type, requestedOn, receivedOn] of [
      ['personal', personal, '2026-07-01', '2026-07-03'],
      ['personal', personal, '2026-07-01', '2026-07-05'],
      ['personal', personal, '2026-07-01', '2026-07-07'],
      ['personal', personal, '2026-07-01', '2026-07-31'],
      ['employer', employer, '2026-08-01', '2026-08-08'],
    ] as const) {
      await item(refs.id, type.id, {
        refereeKind: kind,
        refereeName: 'R',
        status: 'received',
        requestedOn,
        receivedOn,
      });
    }
    // Waiting today (20 October): one overdue (requested 1 October, 19 days > 10), one not yet.
    const overdue = await assessingHousehold(db(), ctx().officer);
    await item(overdue.id, dbs.id, { status: 'chased', requestedOn: '2026-10-01' });
    const recent = await assessingHousehold(db(), ctx().officer);
    await item(recent.id, dbs.id, { status: 'requested', requestedOn: '2026-10-15' });
    // Not waiting: closed household; not needed.
    const closed = await assessingHousehold(db(), ctx().officer);
    await item(closed.id, dbs.id, { status: 'requested', requestedOn: '2026-09-01' });
    await transition(db(), ctx().officer, closed.id, parse(Transition, { to: 'closed', reason: 'AW3' }));
    const waived = await assessingHousehold(db(), ctx().officer);
    await item(waived.id, dbs.id, {
      status: 'requested',
      requestedOn: '2026-09-01',
      outcome: 'not_needed',
      outcomeNote: 'x',
    });

    const report = await turnaroundReport(db(), ctx().agencyId, PERIOD, TODAY);
    const dbsRow = report.checkTypes.find((t) => t.key === 'dbs_test')!;
    // Hand-computed: 3, 5, 8, 12, 31 → median the 3rd (8), 90th percentile the 5th (31); late 12 and 31.
    expect(dbsRow).toMatchObject({
      received: 5,
      medianDays: 8,
      p90Days: 31,
      late: 2,
      latePercent: 40,
      waitingHouseholds: 2,
      overdueHouseholds: 1,
    });
    const kinds = Object.fromEntries(report.refereeKinds.map((k) => [k.kind, k]));
    // 2, 4, 6, 30 → median the 2nd (4), 90th percentile the 4th (30).
    expect(kinds.personal).toMatchObject({ received: 4, medianDays: 4, p90Days: 30 });
    expect(kinds.employer).toMatchObject({ received: 1, medianDays: 7, p90Days: 7 });
    expect(kinds.school).toMatchObject({ received: 0, medianDays: null, p90Days: null });
    expect(report.mostOverdue[0]).toMatchObject({ key: 'dbs_test', late: 2, overdueHouseholds: 1 });

    // Independently, from the raw rows.
    const raw = await db()
      .select()
      .from(assessmentChecks)
      .where(eq(assessmentChecks.agencyId, ctx().agencyId));
    const counted = raw.filter(
      (r) => r.requestedOn && r.receivedOn && r.receivedOn >= PERIOD.from && r.receivedOn <= PERIOD.to,
    );
    for (const t of report.checkTypes) {
      const type = (await db().select().from(checkTypes).where(eq(checkTypes.key, t.key)))[0]!;
      const days = counted
        .filter((r) => r.checkTypeId === type.id)
        .map((r) => daysBetween(r.requestedOn!, r.receivedOn!));
      expect([t.key, t.received, t.medianDays, t.p90Days]).toEqual([
        t.key,
        days.length,
        nearestRank(days, 50),
        nearestRank(days, 90),
      ]);
    }
  });

  it('splits the assessment into stage 1 (to the last stage 1 item back) and stage 2 (to panel)', async () => {
    const dbs = (await db().select().from(checkTypes).where(eq(checkTypes.key, 'dbs_test')))[0]!;
    const h = await makeEnquiry(db(), ctx().agencyId, { receivedAt: '2026-03-01T10:00:00Z' });
    const move = (to: string, at: string) =>
      transition(db(), ctx().officer, h.id, parse(Transition, { to, at }));
    await move('initial_visit', '2026-04-01T10:00:00Z');
    await move('application', '2026-05-01T10:00:00Z');
    await move('assessment', '2026-05-10T10:00:00Z');
    await item(h.id, dbs.id, { status: 'received', requestedOn: '2026-05-02', receivedOn: '2026-05-20' });
    await item(h.id, dbs.id, {
      status: 'received',
      requestedOn: '2026-05-02',
      receivedOn: '2026-06-15',
      personId: null,
      refereeKind: 'personal',
      refereeName: 'Stage one ref',
    });
    const before = await assessmentStageSplit(db(), ctx().agencyId, { from: '2026-06-15', to: '2026-06-15' });
    // 1 May to 15 June: 45 days. No panel yet.
    expect(before.stageOne).toMatchObject({ count: 1, medianDays: 45, p90Days: 45 });
    expect(before.stageTwo.count).toBe(0);
  });

  it('never counts preparation training as an information session; the household page reads it as training', async () => {
    const actor = ctx().officer;
    const at = (iso: string) => new Date(iso);
    const session = await createEvent(db(), actor, {
      ...onlineSessionDefaults,
      kind: 'information_session',
      title: 'Info',
      startsAt: at('2026-05-12T18:00:00Z'),
    });
    const training = await createEvent(db(), actor, {
      ...onlineSessionDefaults,
      kind: 'preparation_training',
      title: 'Skills to Foster',
      startsAt: at('2026-05-14T09:00:00Z'),
    });
    const both = await makeEnquiry(db(), ctx().agencyId, { receivedAt: '2026-05-01T10:00:00Z' });
    const trainingOnly = await makeEnquiry(db(), ctx().agencyId, { receivedAt: '2026-05-01T10:00:00Z' });
    await recordAttendance(db(), actor, session.id, both.id, true);
    await recordAttendance(db(), actor, training.id, both.id, true);
    await recordAttendance(db(), actor, training.id, trainingOnly.id, true);
    await refreshAgency(db(), ctx().agencyId, { full: true });
    const funnel = await funnelReport(
      db(),
      ctx().agencyId,
      parse(FunnelQuery, { from: '2026-05-01', to: '2026-05-31', route: 'all' }),
    );
    expect(funnel.measures.information_session_households.total).toBe(1);
    expect(await trainingState(db(), ctx().agencyId, trainingOnly.id)).toEqual({
      kind: 'completed',
      on: at('2026-05-14T09:00:00Z'),
    });
    const fresh = await makeEnquiry(db(), ctx().agencyId);
    expect(await trainingState(db(), ctx().agencyId, fresh.id)).toEqual({ kind: 'not_booked' });
  });
});
