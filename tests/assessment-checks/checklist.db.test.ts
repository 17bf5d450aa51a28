import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/audit/audit.repo.ts';
import {
  addAdult,
  addReferee,
  checklistFor,
  generateChecklist,
  updateAssessmentCheck,
} from '../../src/assessment-checks/assessment-checks.service.ts';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { householdDeadlines } from '../../src/deadlines/deadlines.service.ts';
import { bookOntoPanel } from '../../src/panels/panel-booking.service.ts';
import { panelCases, panels } from '../../src/panels/panels.table.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { AppError } from '../../src/shared/errors.ts';
import { makeEnquiry } from '../factories.ts';
import { testDbKind } from '../helpers/database.ts';
import { useDbContext } from '../helpers/db-context.ts';

/** Each item as "key: who", sorted: the checklist written out by hand in the tests. */
const itemsOf = (items: Awaited<ReturnType<typeof checklistFor>>) =>
  items
    .map(
      (c) =>
        `${c.checkType.key}: ${c.person?.name ?? (c.referee ? `referee ${c.referee.name}` : 'household')}`,
    )
    .sort();

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe(`the assessment checklist, on ${testDbKind()}`, () => {
  const ctx = useDbContext();

  async function applied(overrides: Record<string, unknown>) {
    const { db } = ctx().database;
    const e = await makeEnquiry(db, ctx().agencyId, {
      receivedAt: addDays(londonToday(), -90),
      ...overrides,
    });
    for (const to of ['initial_visit', 'application'] as const) {
      await transition(db, ctx().officer, e.id, { to });
    }
    return e;
  }

  it('makes a one-applicant household’s checklist when it applies: their DBS, LA check and medical, and the household’s checks', async () => {
    const { db } = ctx().database;
    const e = await applied({
      applicants: [{ firstName: 'Ann', lastName: 'Alone', email: 'ann@example.com' }],
    });
    expect(itemsOf(await checklistFor(db, ctx().officer, e.id))).toEqual([
      'dbs: Ann Alone',
      'form_f: household',
      'home_safety: household',
      'la_check: Ann Alone',
      'medical: Ann Alone',
      'ofsted_check: household',
    ]);
    const items = await checklistFor(db, ctx().officer, e.id);
    expect(items.filter((c) => c.checkType.stage === 1)).toHaveLength(4);
    expect(items.every((c) => c.status === 'not_requested' && c.outcome === null)).toBe(true);
  });

  it('gives two applicants and their adult son DBS and LA checks, the applicants a medical, a young child nothing; never twice', async () => {
    const { db } = ctx().database;
    const e = await applied({
      applicants: [
        { firstName: 'Bea', lastName: 'Pair', email: 'bea@example.com' },
        { firstName: 'Cal', lastName: 'Pair', email: 'cal@example.com' },
      ],
      members: [
        { firstName: 'Dan', lastName: 'Pair', relationship: 'adult_child', dateOfBirth: '2001-03-10' },
        { firstName: 'Eve', lastName: 'Pair', relationship: 'child', dateOfBirth: '2016-07-01' },
      ],
    });
    const expected = [
      'dbs: Bea Pair',
      'dbs: Cal Pair',
      'dbs: Dan Pair',
      'form_f: household',
      'home_safety: household',
      'la_check: Bea Pair',
      'la_check: Cal Pair',
      'la_check: Dan Pair',
      'medical: Bea Pair',
      'medical: Cal Pair',
      'ofsted_check: household',
    ];
    expect(itemsOf(await checklistFor(db, ctx().officer, e.id))).toEqual(expected);

    // Refreshing makes nothing new; a referee and another adult add their own items only.
    expect(await generateChecklist(db, ctx().officer, e.id)).toBe(0);
    await addReferee(db, ctx().officer, e.id, {
      refereeName: 'Fay Friend',
      refereeEmail: 'fay@example.com',
      refereeKind: 'personal',
    });
    const added = await addAdult(db, ctx().officer, e.id, {
      firstName: 'Gus',
      lastName: 'Lodger',
      relationship: 'other_adult',
    });
    expect(added.made).toBe(2);
    expect(await generateChecklist(db, ctx().officer, e.id)).toBe(0);
    expect(itemsOf(await checklistFor(db, ctx().officer, e.id))).toEqual(
      [
        ...expected,
        'dbs: Gus Lodger',
        'la_check: Gus Lodger',
        'personal_reference: referee Fay Friend',
      ].sort(),
    );
    // The same referee twice is refused on the email field.
    const again = await refusal(
      addReferee(db, ctx().officer, e.id, {
        refereeName: 'Fay F',
        refereeEmail: 'FAY@example.com',
        refereeKind: 'personal',
      }),
    );
    expect(again.issues[0]!.path).toBe('refereeEmail');
    // An adult whose date of birth makes them a child is refused.
    const child = await refusal(
      addAdult(db, ctx().officer, e.id, {
        firstName: 'Hal',
        lastName: 'Pair',
        relationship: 'adult_child',
        dateOfBirth: addDays(londonToday(), -365 * 10),
      }),
    );
    expect(child.issues[0]!.path).toBe('dateOfBirth');
  });

  it('records request, chase and receipt with their dates, refuses impossible moves, and keeps a concern from officers', async () => {
    const { db } = ctx().database;
    const e = await applied({});
    const dbs = (await checklistFor(db, ctx().officer, e.id)).find((c) => c.checkType.key === 'dbs')!;
    const today = londonToday();
    await updateAssessmentCheck(db, ctx().officer, e.id, dbs.id, {
      status: 'requested',
      requestedOn: addDays(today, -30),
    });
    // Received before it was requested: a 422 on the date.
    const early = await refusal(
      updateAssessmentCheck(db, ctx().officer, e.id, dbs.id, {
        status: 'received',
        receivedOn: addDays(today, -31),
      }),
    );
    expect([early.code, early.issues[0]!.path]).toEqual(['validation', 'receivedOn']);
    await updateAssessmentCheck(db, ctx().officer, e.id, dbs.id, {
      status: 'chased',
      chasedOn: addDays(today, -10),
    });
    await updateAssessmentCheck(db, ctx().officer, e.id, dbs.id, {
      status: 'chased',
      chasedOn: addDays(today, -5),
    });
    // An outcome before receipt is an impossible move.
    expect(
      (await refusal(updateAssessmentCheck(db, ctx().officer, e.id, dbs.id, { outcome: 'clear' }))).code,
    ).toBe('invalid_transition');
    const done = await updateAssessmentCheck(db, ctx().officer, e.id, dbs.id, {
      status: 'received',
      receivedOn: addDays(today, -2),
      outcome: 'concern',
      outcomeNote: 'Caution recorded in 2009',
    });
    expect(done).toMatchObject({
      status: 'received',
      chaseCount: 2,
      lastChasedOn: addDays(today, -5),
      outcome: 'restricted',
      outcomeNote: null,
    });
    const managerView = (await checklistFor(db, ctx().manager, e.id)).find((c) => c.id === dbs.id)!;
    expect([managerView.outcome, managerView.outcomeNote]).toEqual(['concern', 'Caution recorded in 2009']);
    // Received twice: 409.
    expect(
      (await refusal(updateAssessmentCheck(db, ctx().officer, e.id, dbs.id, { status: 'received' }))).code,
    ).toBe('invalid_transition');
    // The audit log says what changed, not the note, and not which outcome.
    const audit = await listAuditEvents(db, ctx().agencyId, { limit: 50, entityId: dbs.id });
    expect(audit.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(audit)).not.toContain('Caution');
    expect(JSON.stringify(audit)).not.toContain('"concern"');
  });

  it('refuses a panel booking while stage 1 is outstanding, naming the items; a manager overrides with a reason, recorded', async () => {
    const { db } = ctx().database;
    const e = await applied({
      applicants: [{ firstName: 'Ida', lastName: 'Panel', email: 'ida@example.com' }],
    });
    await transition(db, ctx().officer, e.id, { to: 'assessment' });
    const [panel] = await db
      .insert(panels)
      .values({ agencyId: ctx().agencyId, meetsOn: addDays(londonToday(), 30), capacity: 4 })
      .returning();

    const refused = await refusal(bookOntoPanel(db, ctx().officer, e.id, panel!.id));
    expect(refused.code).toBe('conflict');
    expect(refused.details!.outstanding).toEqual([
      'Enhanced DBS check (Ida Panel)',
      'Local authority check (Ida Panel)',
      'GP medical report (Ida Panel)',
      'Ofsted check',
    ]);
    // The stage 1 clock is open, from the application today: due in 2 months.
    const stageOne = (await householdDeadlines(db, ctx().officer, e.id)).find(
      (d) => d.key === 'stage_one_checks',
    );
    expect(stageOne?.state).toBe('upcoming');
    // An officer cannot override.
    expect(
      (
        await refusal(
          bookOntoPanel(db, ctx().officer, e.id, panel!.id, new Date(), { checksOverrideReason: 'x' }),
        )
      ).code,
    ).toBe('forbidden');
    const { panelCase, moved } = await bookOntoPanel(db, ctx().manager, e.id, panel!.id, new Date(), {
      checksOverrideReason: 'Checks booked with the GP; panel date agreed with the chair',
    });
    expect(moved).toBe(true);
    const [row] = await db.select().from(panelCases).where(eq(panelCases.id, panelCase.id));
    expect(row).toMatchObject({
      checksOverrideReason: 'Checks booked with the GP; panel date agreed with the chair',
      checksOverrideBy: ctx().manager.userId,
    });
    const [audit] = await listAuditEvents(db, ctx().agencyId, { limit: 5, entityId: panelCase.id });
    expect(audit?.changes).toMatchObject({ checksOverride: { to: true }, stageOneOutstanding: { to: 4 } });
  });

  it('lets a household with stage 1 done (received or not needed) be booked, and meets the stage 1 clock that day', async () => {
    const { db } = ctx().database;
    const e = await applied({
      applicants: [{ firstName: 'Jo', lastName: 'Ready', email: 'jo@example.com' }],
    });
    await transition(db, ctx().officer, e.id, { to: 'assessment' });
    const today = londonToday();
    for (const c of (await checklistFor(db, ctx().officer, e.id)).filter((i) => i.checkType.stage === 1)) {
      if (c.checkType.key === 'ofsted_check') {
        const noReason = await refusal(
          updateAssessmentCheck(db, ctx().officer, e.id, c.id, { outcome: 'not_needed' } as never),
        );
        expect([noReason.code, noReason.issues[0]!.path]).toEqual(['validation', 'outcomeNote']);
        await updateAssessmentCheck(db, ctx().officer, e.id, c.id, {
          outcome: 'not_needed',
          outcomeNote: 'Done at the initial visit',
        });
      } else {
        await updateAssessmentCheck(db, ctx().officer, e.id, c.id, {
          status: 'received',
          receivedOn: today,
          outcome: 'clear',
        });
      }
    }
    const stageOne = (await householdDeadlines(db, ctx().officer, e.id)).find(
      (d) => d.key === 'stage_one_checks',
    );
    expect([stageOne?.state, stageOne?.metOn]).toEqual(['met', today]);
    const [panel] = await db
      .insert(panels)
      .values({ agencyId: ctx().agencyId, meetsOn: addDays(today, 20), capacity: 4 })
      .returning();
    const { panelCase } = await bookOntoPanel(db, ctx().officer, e.id, panel!.id);
    expect(panelCase.checksOverrideReason).toBeNull();
  });
});
