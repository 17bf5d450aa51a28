import { describe, expect, it } from 'vitest';
import { approvalSettingsOverview } from '../../src/approval-settings/approval-settings-overview.ts';
import {
  approvalRulesOf,
  changeApprovalRoute,
  changeTimelinessStandard,
  timelinessStandardFor,
} from '../../src/approval-settings/approval-settings.service.ts';
import { approvalForHousehold } from '../../src/approval-settings/household-approval.ts';
import { addDays, londonDateTime, londonToday, type IsoDate } from '../../src/calendar/dates.ts';
import { deadlinesAtRisk, householdDeadlines } from '../../src/deadlines/deadlines.service.ts';
import { bookOntoPanel } from '../../src/panels/panel-booking.service.ts';
import { panels } from '../../src/panels/panels.table.ts';
import { bookedWork, movesNow, reasonsNow } from '../../src/pipeline/move-rules.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { AppError } from '../../src/shared/errors.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeHousehold, toAssessment } from '../deadlines/households.ts';
import { makeUser } from '../factories.ts';
import { testDbKind } from '../helpers/database.ts';
import { useDbContext } from '../helpers/db-context.ts';

const at = (date: IsoDate) => londonDateTime(date, '12:00');

/** The error a promise rejects with (or a failure if it does not). */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe(`the approval route as a dated setting, on ${testDbKind()}`, () => {
  const ctx = useDbContext();

  it('keeps each household on the rules in force when it applied, and refuses changes that would alter decided ones', async () => {
    const { db } = ctx().database;
    const agencyId = ctx().agencyId;
    const admin = await makeUser(db, agencyId, 'admin', { name: 'Ada Admin' });
    const adminActor: Actor = { agencyId, userId: admin.id, role: 'admin' };
    const manager = ctx().manager;

    // Recorded on 10 January 2026, in advance: no panel, and a 6-month standard, from 1 March 2026.
    await changeApprovalRoute(
      db,
      adminActor,
      {
        route: 'decision_maker_only',
        effectiveFrom: '2026-03-01',
        reason: 'DfE: panels removed from approval',
      },
      at('2026-01-10'),
    );
    await changeTimelinessStandard(
      db,
      adminActor,
      { months: 6, effectiveFrom: '2026-03-01', reason: 'New DfE timeliness standard' },
      at('2026-01-10'),
    );

    // A applied before the switch, B and C after it.
    const a = await makeHousehold(db, agencyId, {
      receivedOn: '2026-01-05',
      lastName: 'Before',
      moves: toAssessment('2026-02-10', '2026-01-20', '2026-02-20'),
    });
    const b = await makeHousehold(db, agencyId, {
      receivedOn: '2026-02-01',
      lastName: 'After',
      moves: toAssessment('2026-03-05', '2026-02-15', '2026-03-20'),
    });
    const c = await makeHousehold(db, agencyId, {
      receivedOn: '2026-02-15',
      lastName: 'Later',
      moves: toAssessment('2026-04-01', '2026-03-01', '2026-04-10'),
    });

    const rules = await approvalRulesOf(db, agencyId, [a.id, b.id, c.id]);
    expect(rules.get(a.id)).toEqual({
      applicationOn: '2026-02-10',
      route: { value: 'panel_then_decision_maker', since: null },
      standard: { value: 8, since: null },
    });
    expect(rules.get(b.id)).toEqual({
      applicationOn: '2026-03-05',
      route: { value: 'decision_maker_only', since: '2026-03-01' },
      standard: { value: 6, since: '2026-03-01' },
    });

    // A still needs a panel: no approval straight from assessment; booking a panel works.
    const notYet = await refusal(
      transition(db, manager, a.id, parse(Transition, { to: 'approved', at: '2026-05-01' })),
    );
    expect(notYet.code).toBe('invalid_transition');
    expect(movesNow('assessment', await bookedWork(db, agencyId, a.id))).toEqual(['panel', 'closed']);
    const [panel] = await db
      .insert(panels)
      .values({ agencyId, meetsOn: addDays(londonToday(), 30), chair: 'Chair' })
      .returning();
    await bookOntoPanel(db, manager, a.id, panel!.id);

    // B has no panel: booking and moving to panel are refused; the decision maker decides.
    const bookedB = await bookedWork(db, agencyId, b.id);
    expect(bookedB.route).toBe('decision_maker_only');
    expect(movesNow('assessment', bookedB)).toEqual(['approved', 'closed']);
    expect(Object.keys(reasonsNow('assessment', 'closed', bookedB))).toContain('refused');
    expect((await refusal(bookOntoPanel(db, manager, b.id, panel!.id))).message).toContain(
      'Decision maker only',
    );
    const toPanel = await refusal(
      transition(db, manager, b.id, parse(Transition, { to: 'panel', at: '2026-05-01' })),
    );
    expect(toPanel.code).toBe('invalid_transition');
    expect(toPanel.message).toContain('Decision maker only');
    await transition(db, manager, b.id, parse(Transition, { to: 'approved', at: '2026-08-20' }));

    // Deadlines follow the route, on a fixed day.
    const now = at('2026-11-20');
    const keysOf = async (id: string) =>
      Object.fromEntries((await householdDeadlines(db, manager, id, now)).map((d) => [d.key, d]));
    const deadlinesA = await keysOf(a.id);
    expect(deadlinesA.panel_recommendation).toMatchObject({ dueOn: '2026-10-10', state: 'overdue' });
    expect(deadlinesA.standard_decision).toBeUndefined();
    const deadlinesC = await keysOf(c.id);
    expect(deadlinesC.panel_recommendation).toBeUndefined();
    expect(deadlinesC.standard_decision).toMatchObject({
      dueOn: '2026-10-01',
      state: 'overdue',
      daysOverdue: 50,
    });
    const deadlinesB = await keysOf(b.id);
    expect(deadlinesB.standard_decision).toMatchObject({
      dueOn: '2026-09-05',
      state: 'met',
      metOn: '2026-08-20',
    });
    const atRisk = await deadlinesAtRisk(db, agencyId, {}, now);
    expect(atRisk.map((i) => [i.enquiryId, i.deadline.key]).filter(([id]) => id !== b.id)).toEqual(
      expect.arrayContaining([
        [a.id, 'panel_recommendation'],
        [c.id, 'standard_decision'],
      ]),
    );
    expect(atRisk.some((i) => i.enquiryId === c.id && i.deadline.key === 'panel_recommendation')).toBe(false);

    // The household page's part: B decided without a panel, within its 6-month standard.
    expect(await approvalForHousehold(db, manager, b.id, now)).toMatchObject({
      applicationOn: '2026-03-05',
      route: { value: 'decision_maker_only', label: 'Decision maker only', since: '2026-03-01' },
      noPanel: true,
      standard: { months: 6, since: '2026-03-01' },
      decidedOn: '2026-08-20',
      progress: { dueOn: '2026-09-05', state: 'met', words: 'decided 2 weeks before' },
    });

    // Back-dating the panel to 1 March would alter B, already decided without one: refused, nothing written.
    const before = (await approvalSettingsOverview(db, agencyId)).approvalRoute.history.length;
    const backDated = await refusal(
      changeApprovalRoute(db, adminActor, {
        route: 'panel_then_decision_maker',
        effectiveFrom: '2026-03-01',
        reason: 'Consultation withdrawn',
      }),
    );
    expect(backDated.code).toBe('conflict');
    expect(backDated.details).toEqual({ households: 1, earliestEffectiveFrom: '2026-03-06' });
    expect(backDated.issues[0]!.path).toBe('effectiveFrom');
    const standardBack = await refusal(
      changeTimelinessStandard(db, adminActor, {
        months: 8,
        effectiveFrom: '2026-03-01',
        reason: 'Back to 8',
      }),
    );
    expect(standardBack.details).toMatchObject({ households: 1, earliestEffectiveFrom: '2026-03-06' });
    // The same route again from a date it is already in force: refused, on the route field.
    const same = await refusal(
      changeApprovalRoute(db, adminActor, {
        route: 'decision_maker_only',
        effectiveFrom: '2026-05-01',
        reason: 'x',
      }),
    );
    expect(same.code).toBe('validation');
    expect(same.issues[0]!.path).toBe('route');
    expect((await approvalSettingsOverview(db, agencyId)).approvalRoute.history).toHaveLength(before);

    // From 6 March, after B applied: allowed; C (still in assessment) takes the panel route, B keeps its own.
    await changeApprovalRoute(db, adminActor, {
      route: 'panel_then_decision_maker',
      effectiveFrom: '2026-03-06',
      reason: 'Consultation withdrawn',
    });
    const afterRules = await approvalRulesOf(db, agencyId, [b.id, c.id]);
    expect(afterRules.get(b.id)!.route).toEqual({ value: 'decision_maker_only', since: '2026-03-01' });
    expect(afterRules.get(c.id)!.route).toEqual({ value: 'panel_then_decision_maker', since: '2026-03-06' });

    // A future date is always accepted.
    const inAMonth = addDays(londonToday(), 30);
    await changeApprovalRoute(db, adminActor, {
      route: 'decision_maker_only',
      effectiveFrom: inAMonth,
      reason: 'Panels removed nationally',
    });

    const overview = await approvalSettingsOverview(db, agencyId);
    expect(overview.approvalRoute.current).toEqual({
      value: 'panel_then_decision_maker',
      label: 'Panel recommendation then decision maker',
      since: '2026-03-06',
    });
    expect(overview.approvalRoute.scheduled).toEqual([
      { value: 'decision_maker_only', label: 'Decision maker only', effectiveFrom: inAMonth },
    ]);
    expect(
      overview.approvalRoute.history.map((h) => [
        h.previousLabel,
        h.label,
        h.effectiveFrom,
        h.reason,
        h.recordedBy,
      ]),
    ).toEqual([
      [
        'Panel recommendation then decision maker',
        'Decision maker only',
        inAMonth,
        'Panels removed nationally',
        'Ada Admin',
      ],
      [
        'Decision maker only',
        'Panel recommendation then decision maker',
        '2026-03-06',
        'Consultation withdrawn',
        'Ada Admin',
      ],
      [
        'Panel recommendation then decision maker',
        'Decision maker only',
        '2026-03-01',
        'DfE: panels removed from approval',
        'Ada Admin',
      ],
    ]);
    expect(overview.approvalRoute.history.at(-1)!.recordedAt).toEqual(at('2026-01-10'));
  });

  it('gives the timeliness standard in force on an application date, in calendar months', async () => {
    const { db } = ctx().database;
    const agencyId = ctx().agencyId;
    // The first test set 6 months from 1 March 2026 (and left it).
    expect(await timelinessStandardFor(db, agencyId, '2026-02-28')).toEqual({
      months: 8,
      since: null,
      dueOn: '2026-10-28',
    });
    expect(await timelinessStandardFor(db, agencyId, '2026-08-31')).toEqual({
      months: 6,
      since: '2026-03-01',
      dueOn: '2027-02-28',
    });
    expect((await timelinessStandardFor(db, agencyId, '2027-08-31')).dueOn).toBe('2028-02-29');
  });
});
